"""Every change of state, written in the same transaction as the change."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    DOSSIER_CREATED = "dossier.created", _("Dossier created")
    DOSSIER_UPDATED = "dossier.updated", _("Dossier edited")
    DOSSIER_SENT_TO_HEAD = "dossier.sent_to_head", _("Sent to the unit head")
    DOSSIER_APPROVED_BY_HEAD = "dossier.approved_by_head", _("Approved by the unit head")
    DOSSIER_SENT_BACK_BY_HEAD = "dossier.sent_back_by_head", _("Sent back by the unit head")
    DOSSIER_ACCEPTED = "dossier.accepted", _("Accepted by the secretariat")
    DOSSIER_RETURNED = "dossier.returned", _("Returned by the secretariat")
    COUNCIL_OUTCOME_RECORDED = "dossier.council_outcome", _("Council outcome recorded")
    DOSSIER_DECIDED = "dossier.decided", _("Decided by the authority head")
    DOSSIER_FORWARDED = "dossier.forwarded", _("Forwarded to the higher authority")
    DECISION_ISSUED = "decision.issued", _("Decision issued")
    TASK_TAKEN = "task.taken", _("Step taken")
    TASK_RELEASED = "task.released", _("Step released")
    IMPORT_UPLOADED = "import.uploaded", _("List uploaded")
    IMPORT_MAPPED = "import.mapped", _("List columns mapped")
    IMPORT_APPLIED = "import.applied", _("List applied")
    IMPORT_DISCARDED = "import.discarded", _("List discarded")
    MEMBERSHIP_GRANTED = "membership.granted", _("Role granted")
    MEMBERSHIP_ENDED = "membership.ended", _("Role ended")
    COUNCIL_MEMBER_APPOINTED = "council.member_appointed", _("Council member appointed")
    COUNCIL_MEMBER_ENDED = "council.member_ended", _("Council seat ended")
    SESSION_CREATED = "session.created", _("Council session created")
    AGENDA_SET = "session.agenda_set", _("Agenda set")
    SESSION_CONVENED = "session.convened", _("Council convened")
    RECUSAL_RECORDED = "session.recusal", _("Member recused from an item")
    BALLOT_OPENED = "session.ballot_opened", _("Ballot opened")
    BALLOT_CAST = "session.ballot_cast", _("A member voted")
    WRITTEN_BALLOT_ENTERED = (
        "session.written_ballot",
        _("Written ballot of an absent member entered"),
    )
    BALLOT_CLOSED = "session.ballot_closed", _("Ballot closed and counted")
    MINUTES_GENERATED = "session.minutes_generated", _("Minutes generated")
    MINUTES_SIGNED = "session.minutes_signed", _("Minutes signed, outcomes sent")
    NOTIFICATION_SETTING_CHANGED = "notification.setting", _("E-mail notification choices changed")


class AuditEntry(models.Model):
    """Who did what, when and why. Rows are only ever added."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=40, choices=AuditAction.choices)
    reason = models.TextField(_("why"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    # Most entries concern a dossier; the direct key makes its timeline one indexed query.
    dossier = models.ForeignKey(
        "nominations.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"
