"""The council's composition, its sessions, and a secret ballot that stays secret.

Secrecy is built into the tables, not promised by the pages:
- an opened ballot is stored as loose `BallotMark` rows, one per item, with no link to its
  member nor to the other marks of the same ballot (a ballot missing a recused member's item,
  or a pattern of marks, would otherwise name its member): no foreign key but the session and
  the item, no time, no sequence (random UUID keys), all written when the ballot closes, in
  one transaction and in random order;
- while the ballot is open, a submitted ballot waits in the `SealedBallot` box, encrypted
  (nominations.council.seal), so nobody reading the database sees partial results;
- `BallotParticipation` says only that a member voted; its unique key is the database's
  guarantee of one ballot per member per session;
- a member's `BallotDraft` is sealed too, and deleted in the very transaction that casts the
  ballot.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nominations.documents.storage import attachment_storage
from nominations.models.catalogue import BallotBase, LegalPeriod
from nominations.models.organisation import Council, MembershipQuerySet
from nominations.text import search_key


class CouncilPosition(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class CouncilMember(models.Model):
    """A person's seat on a council for a term (members change; the seat keeps its dates)."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    position = models.CharField(
        _("position"), max_length=20, choices=CouncilPosition.choices, default="member"
    )
    title = models.CharField(
        _("office held"), max_length=255, blank=True, help_text=_("e.g. Trưởng phòng Nội vụ")
    )
    valid_from = models.DateField(_("term from"), null=True, blank=True)
    valid_until = models.DateField(_("term until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "position", "user__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user", "valid_from"], name="council_member_term_unique"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="council_member_term_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} · {self.get_position_display()}"

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class BallotComparison(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    MORE_THAN = "more_than", _("more than")


class CouncilProcedure(models.Model):
    """How a council votes under one legal period: quorum, absentees, recusals, the default
    threshold for awards whose rule sets none. Each figure carries its source."""

    period = models.OneToOneField(
        LegalPeriod,
        verbose_name=_("legal period"),
        on_delete=models.CASCADE,
        related_name="council_procedure",
    )
    quorum_share = models.DecimalField(
        _("share of members who must be present"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Empty: the law sets no quorum."),
    )
    written_ballots_count = models.BooleanField(
        _("absent members' written ballots are counted"), default=True
    )
    recused_in_base = models.BooleanField(
        _("a recused member still counts in the total"),
        default=True,
        help_text=_(
            "Whether a member excluded from an item stays in the number it is counted over."
        ),
    )
    default_share = models.DecimalField(
        _("default share of agreeing votes"), max_digits=4, decimal_places=3
    )
    default_comparison = models.CharField(
        _("default comparison"), max_length=20, choices=BallotComparison.choices
    )
    default_base = models.CharField(
        _("default: counted over"), max_length=20, choices=BallotBase.choices
    )
    source = models.CharField(_("legal source"), max_length=400)
    verified = models.BooleanField(_("checked against the legal text"), default=False)

    class Meta:
        verbose_name = _("council procedure")
        verbose_name_plural = _("council procedures")

    def __str__(self):
        return str(self.period)


class CouncilBallotShare(models.Model):
    """A share the authority sets itself where the law leaves it to each unit (e.g. Chiến sĩ
    thi đua cơ sở under Decree 91 art. 45(8)), from a date, with the act that set it."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="ballot_shares"
    )
    award = models.ForeignKey(
        "nominations.Award", verbose_name=_("award"), on_delete=models.CASCADE, related_name="+"
    )
    share = models.DecimalField(_("share of agreeing votes"), max_digits=4, decimal_places=3)
    comparison = models.CharField(
        _("comparison"),
        max_length=20,
        choices=BallotComparison.choices,
        default=BallotComparison.AT_LEAST,
    )
    base = models.CharField(
        _("counted over"),
        max_length=20,
        choices=BallotBase.choices,
        default=BallotBase.ALL_MEMBERS,
    )
    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("in force until"), null=True, blank=True)
    source = models.CharField(_("set by"), max_length=255, help_text=_("e.g. Quy chế số …"))

    class Meta:
        verbose_name = _("share set by the authority")
        verbose_name_plural = _("shares set by the authority")
        ordering = ["council", "award", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "award", "valid_from"], name="ballot_share_unique"
            )
        ]

    def __str__(self):
        return f"{self.award}: {self.share}"


class SessionStatus(models.TextChoices):
    PREPARING = "preparing", _("Agenda being prepared")
    CONVENED = "convened", _("Convened")
    VOTING = "voting", _("Ballot open")
    COUNTED = "counted", _("Counted, minutes to sign")
    CLOSED = "closed", _("Closed: outcomes sent")


class CouncilSession(models.Model):
    """A meeting of the council that votes on an agenda of nominees."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=300)
    search_title = models.CharField(max_length=300, editable=False, db_index=True, default="")
    held_on = models.DateField(_("date of the meeting"))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PREPARING
    )
    process = models.OneToOneField(
        "viewflow.Process",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_session",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True)
    ballot_opened_at = models.DateTimeField(_("ballot opened at"), null=True, blank=True)
    ballot_closed_at = models.DateTimeField(_("ballot closed at"), null=True, blank=True)
    # Announced when the ballot opens; members who have not voted are reminded before it.
    ballot_closes_at = models.DateTimeField(_("ballot planned to close at"), null=True, blank=True)
    # Set when the ballot opens: who sat on the council that day.
    total_members = models.PositiveSmallIntegerField(_("council members"), null=True, blank=True)
    quorum_met = models.BooleanField(_("quorum reached"), null=True, blank=True)
    minutes_number = models.PositiveIntegerField(_("minutes number"), null=True, blank=True)
    minutes_pdf = models.FileField(
        _("minutes (PDF)"), storage=attachment_storage, upload_to="council/", blank=True
    )
    minutes_docx = models.FileField(
        _("minutes (DOCX)"), storage=attachment_storage, upload_to="council/", blank=True
    )
    minutes_signed_at = models.DateTimeField(_("minutes signed at"), null=True, blank=True)
    minutes_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minutes signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_on", "-pk"]
        permissions = [
            ("manage_council_session", _("Can prepare and run council sessions")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_title = search_key(self.title)
        super().save(*args, **kwargs)

    @property
    def authority(self):
        return self.council.authority


class AgendaItem(models.Model):
    """One nominee put to the vote; its counts are filled when the ballot is counted."""

    session = models.ForeignKey(
        CouncilSession, on_delete=models.CASCADE, related_name="items", verbose_name=_("session")
    )
    nominee = models.ForeignKey(
        "nominations.Nominee",
        verbose_name=_("nominee"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    position = models.PositiveIntegerField(_("order"))
    agree = models.PositiveSmallIntegerField(_("agree"), null=True, blank=True)
    disagree = models.PositiveSmallIntegerField(_("disagree"), null=True, blank=True)
    abstain = models.PositiveSmallIntegerField(_("abstain"), null=True, blank=True)
    base = models.PositiveSmallIntegerField(_("counted over"), null=True, blank=True)
    passed = models.BooleanField(pgettext_lazy("vote", "passed"), null=True, blank=True)
    explanation = models.TextField(_("how the result was reached"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nominee"], name="agenda_nominee_once"),
            models.UniqueConstraint(fields=["session", "position"], name="agenda_position_once"),
        ]

    def __str__(self):
        return f"{self.position}. {self.nominee.full_name}"


class Attendance(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")


class SessionAttendance(models.Model):
    """Whether a member sat in the session, recorded when the ballot opens."""

    session = models.ForeignKey(
        CouncilSession, on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.member} · {self.get_attendance_display()}"


class Recusal(models.Model):
    """A member excluded from one item: a nominee themself, or the head of a nominee's unit."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    automatic = models.BooleanField(_("found by the system"), default=False)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="recusal_once")]

    def __str__(self):
        return f"{self.member} · {self.item}"


class BallotKind(models.TextChoices):
    ELECTRONIC = "electronic", _("Voted in the session")
    WRITTEN = "written", _("Written ballot of an absent member")


class BallotParticipation(models.Model):
    """That a member voted, and nothing about how. One per member per session, enforced here."""

    session = models.ForeignKey(
        CouncilSession, on_delete=models.CASCADE, related_name="participations"
    )
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("how"), max_length=20, choices=BallotKind.choices)

    class Meta:
        verbose_name = _("ballot participation")
        verbose_name_plural = _("ballot participations")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="one_ballot_per_member")
        ]

    def __str__(self):
        return f"{self.member} · {self.get_kind_display()}"


class BallotChoice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    ABSTAIN = "abstain", _("Abstain")


class BallotDraft(models.Model):
    """A member's marks while they are still marking, sealed like a ballot (a reader of the
    tables sees whose draft it is, not what it says); deleted when the ballot is cast."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="one_draft_per_member")
        ]

    def __str__(self):
        return str(_("ballot draft"))

    @property
    def marks(self) -> dict[str, str]:
        from nominations.council.seal import unseal

        return unseal(self.session_id, self.sealed)


class SealedBallot(models.Model):
    """A submitted ballot in the box, encrypted, until the ballot closes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()

    def __str__(self):
        return str(_("sealed ballot"))


class BallotMark(models.Model):
    """One mark of an opened ballot, apart from the other marks of the same ballot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="marks")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="marks")
    choice = models.CharField(max_length=10, choices=BallotChoice.choices)

    def __str__(self):
        return str(_("ballot mark"))
