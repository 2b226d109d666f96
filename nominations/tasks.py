"""Celery tasks: thin wrappers that take ids, re-read state and are safe to run twice."""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from nominations import notifications, reminders

# Notifications per message of the sweep: one mail-server session each, small enough that a
# retry after a failure resends little (what went out is marked and skipped).
SWEEP_BATCH = 100


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=10,
)
def deliver_notifications(keys: list[str]) -> int:
    """The notifications of one event, by their unique keys; those already sent are skipped."""
    return notifications.send_notification_emails(keys)


@shared_task
def deliver_pending_notifications() -> int:
    """Beat sweep: queue the e-mails that never went out (broker down, worker crash)."""
    keys = notifications.pending_notification_keys(
        older_than_minutes=settings.NOTIFICATION_RETRY_AFTER_MINUTES
    )
    for start in range(0, len(keys), SWEEP_BATCH):
        deliver_notifications.delay(keys[start : start + SWEEP_BATCH])
    return len(keys)


@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def generate_council_minutes(session_id: int) -> bool:
    """Render a counted session's minutes; a redelivered message finds them done."""
    from nominations.council.results import council_minutes_generate

    return council_minutes_generate(session_id=session_id)


@shared_task
def send_deadline_reminders() -> int:
    """Beat: processing-time and ballot-closing reminders; a repeated run sends nothing new."""
    return (
        reminders.processing_deadline_reminders_send() + reminders.ballot_closing_reminders_send()
    )
