"""In-app notifications; each row is also the outbox of its e-mail."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationEvent(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", _("A dossier awaits your approval")
    AWAITING_CHECK = "awaiting_check", _("A dossier awaits the secretariat's check")
    SENT_BACK = "sent_back", _("A dossier was sent back for revision")
    ACCEPTED = "accepted", _("A dossier was accepted by the secretariat")
    AWAITING_DECISION = "awaiting_decision", _("A dossier awaits your decision")
    DECIDED = "decided", _("A decision was made on a dossier")
    FORWARDED = "forwarded", _("A proposal to the higher level awaits preparation")
    SESSION_CONVENED = "session_convened", _("You are invited to a council session")
    BALLOT_OPEN = "ballot_open", _("The council's ballot is open: your ballot awaits you")
    MINUTES_TO_SIGN = "minutes_to_sign", _("The council's minutes await your signature")
    PROCESSING_DEADLINE_NEAR = (
        "processing_deadline_near",
        _("A dossier's processing time is about to run out"),
    )
    BALLOT_CLOSING = "ballot_closing", _("The ballot closes soon and your ballot is not cast")
    SESSION_WITHOUT_QUORUM = (
        "session_without_quorum",
        _("The council session had no quorum: its dossiers await another session"),
    )


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.CharField(_("event"), max_length=32, choices=NotificationEvent.choices)
    # What the notification is about: a dossier, or a council session.
    dossier = models.ForeignKey(
        "nominations.Dossier",
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    session = models.ForeignKey(
        "nominations.CouncilSession",
        verbose_name=_("council session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    reason = models.TextField(_("reason"), blank=True)
    # One notification per event, dossier round and person: a retried service call or a
    # redelivered message cannot notify twice.
    key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(
                fields=["created_at"],
                name="notification_email_pending",
                condition=models.Q(emailed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.get_event_display()} — {self.subject}"

    @property
    def subject(self):
        return self.dossier if self.dossier_id else self.session

    def path(self) -> str:
        if self.dossier_id:
            return reverse("dossier_detail", args=[self.dossier_id])
        return reverse("council_session_detail", args=[self.session_id])


class NotificationSetting(models.Model):
    """What a person does not want by e-mail; the in-app notification always stays."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_setting",
    )
    muted_events = models.JSONField(_("events not sent by e-mail"), default=list, blank=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return str(self.user)
