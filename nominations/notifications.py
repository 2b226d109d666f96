"""Notifications: rows written with the change, e-mailed after commit by Celery.

Each Notification row is its own outbox entry: `emailed_at` stays empty until the mail is
sent, so a broker that is down loses nothing; the beat sweep sends what is left.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from nominations.models import Membership, Notification, NotificationSetting

logger = logging.getLogger(__name__)


def recipients(*, roles, unit_id):
    user_ids = Membership.objects.active().filter(unit_id=unit_id, role__in=roles).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True)


def notify_dossier_event(event, dossier, *, roles, scope_unit, reason="") -> int:
    """One notification per person concerned, written inside the change's transaction.

    The key (event, dossier, round, person) is unique: a repeated call adds nothing.
    """
    rows = [
        Notification(
            key=f"{event}:{dossier.pk}:{dossier.round}:{user_id}",
            recipient_id=user_id,
            event=event,
            dossier=dossier,
            reason=reason,
        )
        for user_id in recipients(roles=roles, unit_id=scope_unit).values_list("pk", flat=True)
    ]
    return _write(rows)


def notify_session_event(event, session, *, user_ids, reason="") -> int:
    """The same for a council session: one notification per person, once per event."""
    rows = [
        Notification(
            key=f"{event}:session{session.pk}:{user_id}",
            recipient_id=user_id,
            event=event,
            session=session,
            reason=reason,
        )
        for user_id in set(user_ids)
    ]
    return _write(rows)


def _write(rows: list[Notification]) -> int:
    """Write the notifications not written before and queue their mail after commit.

    A repeated call (a retried service, a reminder sweep that runs every hour) finds its keys
    taken and queues nothing. Returns how many were new.
    """
    taken = set(
        Notification.objects.filter(key__in=[row.key for row in rows]).values_list("key", flat=True)
    )
    new = [row for row in rows if row.key not in taken]
    if new:
        Notification.objects.bulk_create(new, ignore_conflicts=True)
        transaction.on_commit(partial(enqueue_emails, [row.key for row in new]))
    return len(new)


def enqueue_emails(keys: list[str]) -> None:
    """After commit: one message for the event's notifications (the worker looks them up)."""
    from nominations.tasks import deliver_notifications

    try:
        deliver_notifications.delay(keys)
    except Exception:  # broker down: the rows stay pending and the sweep sends them later
        logger.warning("Could not queue notifications %s; the sweep will retry", keys)


def send_notification_emails(keys: list[str]) -> int:
    """Send the mail of each of these notifications that has not gone out yet.

    What a mail needs is read once for the lot, and one mail-server session serves it; each
    notification is then locked, re-checked, sent and marked in its own transaction, so a
    redelivered message or a second worker skips it, and a failure half-way keeps what was
    sent marked and leaves the rest for a retry. Returns how many mails went out.
    """
    pending = list(
        Notification.objects.filter(key__in=keys, emailed_at__isnull=True).select_related(
            "recipient__notification_setting", "dossier", "session"
        )
    )
    if not pending:
        return 0
    with get_connection() as mail_connection:
        return sum(_send_once(notification, mail_connection) for notification in pending)


def _send_once(notification: Notification, mail_connection) -> bool:
    with transaction.atomic():
        claimed = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification.pk, emailed_at__isnull=True)
            .values_list("pk", flat=True)
        )
        if not list(claimed):
            return False  # already sent, being sent, or gone
        sent = bool(notification.recipient.email) and not _muted(notification)
        if sent:
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "notification": notification,
                    "url": settings.SITE_URL.rstrip("/") + notification.path(),
                }
                subject = render_to_string("nominations/email/subject.txt", context).strip()
                body = render_to_string("nominations/email/body.txt", context)
            send_mail(
                subject, body, None, [notification.recipient.email], connection=mail_connection
            )
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return sent


def _muted(notification) -> bool:
    """The recipient chose not to get this event by e-mail (it stays in the app)."""
    try:
        setting = notification.recipient.notification_setting
    except NotificationSetting.DoesNotExist:
        return False
    return notification.event in setting.muted_events


def pending_notification_keys(*, older_than_minutes: int, limit: int = 5000) -> list[str]:
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    return list(
        Notification.objects.filter(emailed_at__isnull=True, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("key", flat=True)[:limit]
    )
