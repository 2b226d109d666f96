"""Celery tasks of the movements: thin wrappers that take ids and are safe to run twice."""

from smtplib import SMTPException

from celery import shared_task

from emulation import reviews


@shared_task
def build_review_report(report_id: int) -> bool:
    """Prepare a review report (emulation.reviews.review_build; a redelivery does nothing)."""
    return reviews.review_build(report_id)


@shared_task
def send_movement_reminders() -> int:
    """Beat: write the reminders due today and queue their mails (a second run adds nothing)."""
    from django.utils import timezone

    from emulation import reminders

    return reminders.reminders_due(timezone.localdate())


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=10,
)
def deliver_reminder(reminder_id: int) -> bool:
    """One reminder's e-mail, at most once (a redelivery does nothing)."""
    from emulation import reminders

    return reminders.send_reminder_email(reminder_id)
