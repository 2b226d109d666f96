"""Documents attached to a dossier, and the calendar its deadlines count in."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nominations.models.organisation import AuthorityLevel


class DocumentKind(models.TextChoices):
    SUBMISSION_LETTER = "submission_letter", _("Submission letter (tờ trình) with the list")
    COUNCIL_MINUTES = "council_minutes", _("Minutes of the proposing council, with its vote")
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    INITIATIVE_EVIDENCE = "initiative_evidence", _("Evidence of the initiative's effect")
    SHORT_SUMMARY = "short_summary", _("Short summary of the act")
    OTHER = "other", _("Other document")


class ScanStatus(models.TextChoices):
    PENDING = "pending", _("Not scanned yet")
    CLEAN = "clean", _("No threat found")
    INFECTED = "infected", _("Threat found")
    NOT_SCANNED = "not_scanned", _("No scanner configured")


def attachment_path(instance, filename):
    # The stored name says nothing about the content: the original name stays in the row.
    return f"dossiers/{instance.dossier_id}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    dossier = models.ForeignKey(
        "nominations.Dossier", on_delete=models.CASCADE, related_name="attachments"
    )
    nominee = models.ForeignKey(
        "nominations.Nominee",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
        help_text=_("Empty: the document concerns the whole dossier."),
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    scan_status = models.CharField(
        max_length=20, choices=ScanStatus.choices, default=ScanStatus.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["dossier", "kind", "pk"]

    def __str__(self):
        return self.original_name


class PublicHoliday(models.Model):
    """A day off besides weekends (Tết, national day…); editable: the government moves them."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class ProcessingTimeLimit(models.Model):
    """How many working days a level has to process a dossier, from a date (a dated rule)."""

    level = models.PositiveSmallIntegerField(_("level"), choices=AuthorityLevel.choices)
    valid_from = models.DateField(_("in force from"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    working_days_with_consultation = models.PositiveSmallIntegerField(
        _("working days when another body must be consulted")
    )
    source = models.CharField(_("legal source"), max_length=255)

    class Meta:
        verbose_name = _("processing time limit")
        verbose_name_plural = _("processing time limits")
        ordering = ["level", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["level", "valid_from"], name="time_limit_unique")
        ]

    def __str__(self):
        return f"{self.get_level_display()}: {self.working_days}"
