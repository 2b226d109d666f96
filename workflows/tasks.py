"""Beat tasks for the workflow engine (viewflow core has no timer dispatcher of its own)."""

from celery import shared_task
from viewflow.workflow.timers import fire_due_conditions, fire_due_start_timers, fire_due_timers


@shared_task
def fire_workflow_timers() -> int:
    """Fire due Timer nodes, start timers and conditions; safe to run from one dispatcher."""
    return fire_due_timers() + fire_due_start_timers() + fire_due_conditions()
