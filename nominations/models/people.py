"""People and collectives as the record knows them across years: what they were awarded,
what they registered for, their initiatives and any discipline. The eligibility engine reads
these; imports and our own decisions write them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nominations.text import search_key


class Person(models.Model):
    """An individual who may be nominated: one row across the years."""

    full_name = models.CharField(_("full name"), max_length=255)
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    unit = models.ForeignKey(
        "nominations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    job_title = models.CharField(_("position"), max_length=255, blank=True)
    # Personal data (Decree 13/2023/NĐ-CP; Law 91/2025/QH15 from 01/01/2026): shown masked
    # except to those who need them; every read of the full record by another unit is logged.
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    identity_number = models.CharField(_("identity number"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["search_name"]
        indexes = [models.Index(fields=["unit", "search_name"], name="person_unit_name")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.full_name)
        super().save(*args, **kwargs)


class RecordSource(models.TextChoices):
    DECISION = "decision", _("Our decision")
    IMPORT = "import", _("Imported list")
    MANUAL = "manual", _("Entered by hand")


class AwardRecord(models.Model):
    """Who (a person or a collective) received what, in which year, by which decision."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="award_records"
    )
    collective = models.ForeignKey(
        "nominations.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_records",
    )
    award = models.ForeignKey(
        "nominations.Award", verbose_name=_("award"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    decision_reference = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    decision = models.ForeignKey(
        "nominations.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("source"), max_length=20, choices=RecordSource.choices)
    import_batch = models.ForeignKey(
        "nominations.ImportBatch",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_records",
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award history")
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, collective__isnull=True)
                | Q(person__isnull=True, collective__isnull=False),
                name="award_record_one_recipient",
            )
        ]
        indexes = [
            models.Index(fields=["person", "year"], name="award_record_person_year"),
            models.Index(fields=["collective", "year"], name="award_record_collective_year"),
        ]

    def __str__(self):
        return f"{self.person or self.collective} — {self.award} ({self.year})"


class EmulationRegistration(models.Model):
    """A unit's registration for a year's emulation (đăng ký thi đua), per person or collective."""

    unit = models.ForeignKey(
        "nominations.Unit", on_delete=models.PROTECT, related_name="emulation_registrations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
        help_text=_("Empty: the unit registered as a collective."),
    )
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("emulation registration")
        verbose_name_plural = _("emulation registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "person"],
                condition=Q(person__isnull=False),
                name="registration_unique_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(person__isnull=True),
                name="registration_unique_collective",
            ),
        ]

    def __str__(self):
        return f"{self.person or self.unit} — {self.year}"


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "reprimand", _("Reprimand (khiển trách)")
    WARNING = "warning", _("Warning (cảnh cáo)")
    DEMOTION = "demotion", _("Salary demotion or lower post (hạ bậc lương, giáng chức)")
    REMOVAL = "removal", _("Removal from post (cách chức)")
    DISMISSAL = "dismissal", _("Dismissal (buộc thôi việc)")


DISCIPLINE_SEVERITY = {level: rank for rank, level in enumerate(DisciplineLevel.values)}


class DisciplineRecord(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="discipline")
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(
        _("form of discipline"), max_length=20, choices=DisciplineLevel.choices
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reference = models.CharField(_("decision number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("discipline record")
        verbose_name_plural = _("discipline records")
        indexes = [models.Index(fields=["person", "year"], name="discipline_person_year")]

    def __str__(self):
        return f"{self.person} — {self.get_level_display()} ({self.year})"


class InitiativeLevel(models.TextChoices):
    BASE = "base", _("Base level")
    PROVINCE = "province", _("Ministry, sector or province")
    NATIONAL = "national", _("National")


class Initiative(models.Model):
    """An initiative or applied research result, recognised at a level (sáng kiến)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="initiatives")
    title = models.CharField(_("name of the initiative"), max_length=300)
    level = models.CharField(
        _("effect recognised at"), max_length=20, choices=InitiativeLevel.choices
    )
    year = models.PositiveSmallIntegerField(_("year"))
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    reference = models.CharField(_("recognition reference"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [models.Index(fields=["person", "year"], name="initiative_person_year")]

    def __str__(self):
        return self.title


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Checked, not applied")
    APPLIED = "applied", _("Applied")
    DISCARDED = "discarded", _("Discarded")


class ImportBatch(models.Model):
    """One uploaded list (award history, nominees), from preview to all-or-nothing apply."""

    kind = models.CharField(_("kind of list"), max_length=30)
    file_name = models.CharField(_("file"), max_length=255)
    unit = models.ForeignKey(
        "nominations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    mapping = models.JSONField(_("column mapping"), default=dict)
    rows = models.JSONField(_("rows read"), default=list)
    errors = models.JSONField(_("errors"), default=list)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.file_name


class PersonalDataAccess(models.Model):
    """A read of a person's full record (unmasked) by someone outside the person's unit."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    purpose = models.CharField(max_length=60)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access log")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.reader} → {self.person} ({self.purpose})"
