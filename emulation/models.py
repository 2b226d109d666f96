"""Emulation movements: the program, its tasks and measurable targets, the units' commitments,
plans and progress reports; and the blocs that emulate together."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmulationBloc(models.Model):
    """A bloc or cluster of units that emulate together (khối, cụm thi đua)."""

    authority = models.ForeignKey(
        "nominations.AwardingAuthority",
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="emulation_blocs",
    )
    name = models.CharField(_("name"), max_length=255)
    members = models.ManyToManyField(
        "nominations.Unit", verbose_name=_("member units"), related_name="emulation_blocs"
    )

    class Meta:
        verbose_name = _("emulation bloc")
        verbose_name_plural = _("emulation blocs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="bloc_unique_name")
        ]

    def __str__(self):
        return self.name


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    LAUNCHED = "launched", _("Launched")
    CLOSED = "closed", _("Closed")


class Movement(models.Model):
    """An emulation movement (phong trào thi đua) launched by an authority."""

    authority = models.ForeignKey(
        "nominations.AwardingAuthority",
        verbose_name=_("launched by"),
        on_delete=models.PROTECT,
        related_name="movements",
    )
    code = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=400)
    legal_basis = models.TextField(_("legal basis"))
    purpose = models.TextField(_("purpose and requirements"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=20, choices=MovementStatus.choices, default=MovementStatus.DRAFT
    )
    participants = models.ManyToManyField(
        "nominations.Unit", verbose_name=_("units taking part"), related_name="movements"
    )

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="movement_period_ordered",
            )
        ]

    def __str__(self):
        return self.title


class MilestoneKind(models.TextChoices):
    PLANS_DUE = "plans_due", _("Units' implementation plans due")
    INTERIM_REVIEW = "interim_review", _("Interim review")
    FINAL_REVIEW = "final_review", _("Final review and commendation")
    OTHER = "other", _("Other milestone")


class Milestone(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=300)
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["movement", "due_on"]

    def __str__(self):
        return f"{self.title} ({self.due_on:%d/%m/%Y})"


class MovementTask(models.Model):
    """One task of the program (nhiệm vụ), with its lead and coordinating units."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    lead_units = models.ManyToManyField(
        "nominations.Unit", verbose_name=_("lead units (chủ trì)"), related_name="led_tasks"
    )
    coordinating_units = models.ManyToManyField(
        "nominations.Unit",
        verbose_name=_("coordinating units (phối hợp)"),
        related_name="coordinated_tasks",
        blank=True,
    )

    class Meta:
        verbose_name = _("movement task")
        verbose_name_plural = _("movement tasks")
        ordering = ["movement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "number"], name="task_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Measure(models.TextChoices):
    COUNT = "count", _("Number")
    KILOMETRES = "km", _("Kilometres")
    PERCENT = "percent", _("Percent")
    CRITERIA = "criteria", _("Criteria met (out of the set)")


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("At least")
    MORE_THAN = "more_than", _("More than")
    AT_MOST = "at_most", _("At most")
    LESS_THAN = "less_than", _("Less than")


class TargetScope(models.TextChoices):
    WHOLE = "whole", _("The whole area")
    EACH_UNIT = "each_unit", _("Each unit concerned")
    NAMED_UNITS = "named_units", _("Each of the units named")


class Target(models.Model):
    """A measurable target of a task (chỉ tiêu), e.g. "more than 5 OCOP products"."""

    task = models.ForeignKey(MovementTask, on_delete=models.CASCADE, related_name="targets")
    code = models.SlugField(_("code"), max_length=80)
    description = models.CharField(_("what is measured"), max_length=400)
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    unit_label = models.CharField(
        _("counted in"), max_length=60, help_text=_("e.g. products, km, communes, %")
    )
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    scope = models.CharField(
        _("applies to"), max_length=20, choices=TargetScope.choices, default=TargetScope.WHOLE
    )
    scope_units = models.ManyToManyField(
        "nominations.Unit",
        verbose_name=_("units concerned"),
        related_name="movement_targets",
        blank=True,
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    source_text = models.TextField(_("as written in the program"), blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["task", "pk"]
        constraints = [models.UniqueConstraint(fields=["task", "code"], name="target_code_unique")]

    def __str__(self):
        return self.description


class Commitment(models.Model):
    """A unit's registration under a movement (đăng ký thi đua): the value it commits to."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="commitments")
    unit = models.ForeignKey(
        "nominations.Unit", on_delete=models.PROTECT, related_name="movement_commitments"
    )
    value = models.DecimalField(_("committed value"), max_digits=12, decimal_places=2)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [models.UniqueConstraint(fields=["target", "unit"], name="commitment_unique")]

    def __str__(self):
        return f"{self.unit} — {self.target}: {self.value}"


class ImplementationPlan(models.Model):
    """A unit's plan to carry out the movement (kế hoạch triển khai), filed by a milestone."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="plans")
    unit = models.ForeignKey("nominations.Unit", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("document number"), max_length=100, blank=True)
    filed_on = models.DateField(_("filed on"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("implementation plan")
        verbose_name_plural = _("implementation plans")
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="plan_unique")]

    def __str__(self):
        return f"{self.unit} — {self.filed_on:%d/%m/%Y}"


class ProgressReport(models.Model):
    """A value a unit reports against a target; a correction is a new report that supersedes."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        "nominations.Unit", on_delete=models.PROTECT, related_name="movement_reports"
    )
    value = models.DecimalField(_("value reached"), max_digits=12, decimal_places=2)
    as_of = models.DateField(_("as of"))
    note = models.TextField(_("note"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("corrects"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked by the lead unit at"), null=True, blank=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["target", "unit", "-as_of", "-pk"]
        indexes = [models.Index(fields=["target", "unit", "as_of"], name="report_target_unit")]

    def __str__(self):
        return f"{self.unit} — {self.target}: {self.value} ({self.as_of:%d/%m/%Y})"


class BlocYear(models.Model):
    """A bloc's emulation year: the unit leading it (it rotates) and the covenant signed."""

    bloc = models.ForeignKey(EmulationBloc, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    leading_unit = models.ForeignKey(
        "nominations.Unit",
        verbose_name=_("leading unit of the bloc"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement whose reports are scored"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bloc_years",
    )
    covenant = models.TextField(_("covenant (giao ước thi đua)"), blank=True)
    proposal = models.ForeignKey(
        "nominations.Dossier",
        verbose_name=_("the bloc's proposal for the emulation flag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bloc year")
        verbose_name_plural = _("bloc years")
        ordering = ["bloc", "-year"]
        constraints = [models.UniqueConstraint(fields=["bloc", "year"], name="bloc_year_unique")]

    def __str__(self):
        return f"{self.bloc} {self.year}"


class CovenantSignature(models.Model):
    """A member unit's signature of the year's covenant."""

    bloc_year = models.ForeignKey(BlocYear, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey("nominations.Unit", on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("signed on"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("covenant signature")
        verbose_name_plural = _("covenant signatures")
        constraints = [
            models.UniqueConstraint(fields=["bloc_year", "unit"], name="covenant_signature_unique")
        ]

    def __str__(self):
        return f"{self.unit} — {self.signed_on:%d/%m/%Y}"


class CriterionKind(models.TextChoices):
    FROM_TARGET = "from_target", _("Scored from the unit's reports on a target")
    MANUAL = "manual", _("Scored by the bloc")


class BlocCriterion(models.Model):
    """A criterion of the bloc's scoring table, with its maximum points."""

    bloc_year = models.ForeignKey(BlocYear, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("criterion"), max_length=300)
    kind = models.CharField(_("how it is scored"), max_length=20, choices=CriterionKind.choices)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("bloc criterion")
        verbose_name_plural = _("bloc criteria")
        ordering = ["bloc_year", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="manual", target__isnull=True)
                | models.Q(kind="from_target", target__isnull=False),
                name="criterion_target_matches_kind",
            )
        ]

    def __str__(self):
        return self.title


class BlocScore(models.Model):
    """Points given by the bloc to a member on a manual criterion."""

    criterion = models.ForeignKey(BlocCriterion, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey("nominations.Unit", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    scored_at = models.DateTimeField(_("scored at"), default=timezone.now)

    class Meta:
        verbose_name = _("bloc score")
        verbose_name_plural = _("bloc scores")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "unit"], name="bloc_score_unique")
        ]

    def __str__(self):
        return f"{self.unit} — {self.criterion}: {self.points}"


class ReviewStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be prepared")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ReviewReport(models.Model):
    """The report of a review (sơ kết, tổng kết): what each task achieved against its targets,
    prepared in the background and kept as a file."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reviews")
    milestone = models.ForeignKey(
        Milestone, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    as_of = models.DateField(_("situation on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="reviews/", blank=True, max_length=255)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.movement} — {self.as_of:%d/%m/%Y}"


class MovementDossier(models.Model):
    """A nomination dossier of the movement's commendation round ("by movement")."""

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="dossier_links")
    dossier = models.OneToOneField(
        "nominations.Dossier", on_delete=models.CASCADE, related_name="movement_link"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        verbose_name = _("movement dossier")
        verbose_name_plural = _("movement dossiers")

    def __str__(self):
        return f"{self.movement} — {self.dossier}"


class ReminderKind(models.TextChoices):
    MILESTONE = "milestone", _("A milestone is near")
    MISSING_REPORT = "missing_report", _("A report is missing")


class Reminder(models.Model):
    """A reminder sent once to a person (the key makes a second sending a no-op)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    milestone = models.ForeignKey(
        Milestone, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("nominations.Unit", on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="movement_reminders"
    )
    message = models.TextField(_("message"))
    key = models.CharField(max_length=160, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]

    def __str__(self):
        return self.message[:80]
