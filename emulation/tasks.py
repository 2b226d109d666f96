"""Celery tasks of the movements: thin wrappers that take ids and are safe to run twice."""

from celery import shared_task

from emulation import reviews


@shared_task
def build_review_report(report_id: int) -> bool:
    """Prepare a review report (emulation.reviews.review_build; a redelivery does nothing)."""
    return reviews.review_build(report_id)
