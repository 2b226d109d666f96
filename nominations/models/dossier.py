"""Awards, nomination dossiers, their nominees and the decisions that close them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nominations.models.organisation import AwardingAuthority, Unit


class AwardKind(models.TextChoices):
    TITLE = "title", _("Emulation title")
    COMMENDATION = "commendation", _("Form of commendation")


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class Award(models.Model):
    """An emulation title or a form of commendation (the catalogue grows in later work)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=AwardKind.choices)
    recipient_kind = models.CharField(_("awarded to"), max_length=20, choices=RecipientKind.choices)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def rule_on(self, day):
        """The award's rule in force on that day (prefetch `rules__period` for lists)."""
        return next((rule for rule in self.rules.all() if rule.period.covers(day)), None)

    def conferrable_by(self, authority: AwardingAuthority, *, on) -> bool:
        rule = self.rule_on(on)
        return rule is not None and rule.conferrable_by(authority)


class CommendationType(models.TextChoices):
    REGULAR = "regular", _("Regular (for achievements)")
    MOVEMENT = "movement", _("By movement or topic")
    SUDDEN = "sudden", _("Sudden (for an outstanding act)")
    SERVICE = "service", _("Contribution and long service")
    FOREIGN = "foreign", _("For foreigners")


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Being drafted")
    AWAITING_HEAD = "awaiting_head", _("Awaiting the unit head")
    SUBMITTED = "submitted", _("Submitted, awaiting check")
    RETURNED = "returned", _("Returned for revision")
    AWAITING_COUNCIL = "awaiting_council", _("Awaiting the council")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting the decision")
    CLOSED = "closed", _("Closed")


EDITABLE_STATUSES = (DossierStatus.DRAFT, DossierStatus.RETURNED)


class Dossier(models.Model):
    """A nomination dossier (hồ sơ đề nghị khen thưởng) sent by a unit to an authority."""

    authority = models.ForeignKey(
        AwardingAuthority,
        verbose_name=_("awarding authority"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="dossiers"
    )
    title = models.CharField(_("title"), max_length=300)
    commendation_type = models.CharField(
        _("commendation type"), max_length=20, choices=CommendationType.choices
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=24, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    round = models.PositiveSmallIntegerField(
        _("submission round"), default=1, help_text=_("Goes up each time a dossier is returned.")
    )
    origin = models.ForeignKey(
        "self",
        verbose_name=_("forwarded from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded_dossiers",
    )
    process = models.OneToOneField(
        "viewflow.Process",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossier",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The secretariat's incoming register (sổ theo dõi): number per authority and year.
    incoming_number = models.PositiveIntegerField(_("incoming number"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("prepare_dossier", _("Can draft and submit a dossier for the unit")),
            ("approve_dossier", _("Can approve a dossier as unit head")),
            ("check_dossier", _("Can check a dossier as the secretariat")),
            ("decide_dossier", _("Can decide on a dossier as the authority head")),
        ]
        indexes = [
            models.Index(fields=["unit", "status"], name="dossier_unit_status"),
            models.Index(fields=["authority", "status"], name="dossier_authority_status"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class CouncilOutcome(models.TextChoices):
    PENDING = "pending", _("Not yet considered")
    AGREED = "agreed", _("Agreed at this level")
    PROPOSE_HIGHER = "propose_higher", _("Propose to the higher level")
    NOT_REACHED = "not_reached", _("Not reached")


class DecisionOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    AWARDED = "awarded", _("Awarded")
    FORWARDED = "forwarded", _("Forwarded to the higher authority")
    REJECTED = "rejected", _("Not awarded")


class Nominee(models.Model):
    """One person or collective proposed in a dossier for one award."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="nominees"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    recipient_kind = models.CharField(
        _("individual or collective"), max_length=20, choices=RecipientKind.choices
    )
    full_name = models.CharField(_("full name or collective name"), max_length=255)
    person = models.ForeignKey(
        "nominations.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    collective = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    job_title = models.CharField(_("position and workplace"), max_length=255, blank=True)
    award = models.ForeignKey(
        Award, verbose_name=_("proposed award"), on_delete=models.PROTECT, related_name="+"
    )
    achievement_summary = models.TextField(_("summary of achievements"))
    # What some commendation types need besides the summary (see nominations/commendation_types.py).
    act_date = models.DateField(_("date of the act"), null=True, blank=True)
    service_years = models.PositiveSmallIntegerField(_("years of service"), null=True, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    council_outcome = models.CharField(
        _("council outcome"),
        max_length=20,
        choices=CouncilOutcome.choices,
        default=CouncilOutcome.PENDING,
    )
    council_note = models.TextField(_("council note"), blank=True)
    decision_outcome = models.CharField(
        _("decision outcome"),
        max_length=20,
        choices=DecisionOutcome.choices,
        default=DecisionOutcome.PENDING,
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("award decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awardees",
    )
    source_nominee = models.ForeignKey(
        "self",
        verbose_name=_("proposed by the lower level as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded_as",
    )
    search_name = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        ordering = ["dossier", "position", "id"]

    def __str__(self):
        return f"{self.full_name} — {self.award}"


class Decision(models.Model):
    """An award decision (quyết định khen thưởng), numbered per authority and year."""

    authority = models.ForeignKey(
        AwardingAuthority,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("date of issue"))
    subject = models.CharField(_("subject"), max_length=300)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_name = models.CharField(_("signer's name"), max_length=255)
    signer_title = models.CharField(_("signer's title"), max_length=100)
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="decisions"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "number"], name="decision_number_unique"
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.authority.decision_code}"


class SequenceKind(models.TextChoices):
    DECISION = "decision", _("Award decisions")
    INCOMING = "incoming", _("Incoming dossiers")
    MINUTES = "minutes", _("Council minutes")


class NumberSequence(models.Model):
    """A numbering register: the last number given per authority, year and kind (row-locked)."""

    authority = models.ForeignKey(AwardingAuthority, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=SequenceKind.choices)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "year", "kind"], name="sequence_unique")
        ]

    def __str__(self):
        return f"{self.authority_id}/{self.year}/{self.kind}: {self.last_number}"
