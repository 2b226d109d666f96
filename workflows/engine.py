"""Running a step: the one place that takes the lock, takes the step and starts it."""

from contextlib import contextmanager

from django.db import transaction
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS


class StepUnavailable(Exception):
    """The step is done, held by someone else, or not this person's to do."""

    def __init__(self, task):
        self.task = task
        super().__init__(f"task {task.pk} is not available")


@contextmanager
def acting_on(task, user, request=None):
    """Lock the process, take the step if it is free, start it, and yield its activation.

    The caller does the work (a service call) and then `activation.execute()`; all of it
    commits together or not at all. The lock's own transaction is the only one: no savepoint.
    """
    node = task.flow_task
    with node.flow_class.lock(task.process_id), transaction.atomic(savepoint=False):
        # One read of the task, its process and its subject, under the lock.
        task = Task.objects.select_related(*node.task_related).get(pk=task.pk)
        activation = node.activation_class(task)
        taken_now = node.can_assign(user, task)
        if taken_now:
            activation.assign(user)
        if not node.can_execute(user, task):
            raise StepUnavailable(task)
        activation.start(request)
        yield activation
        if taken_now and task.status != STATUS.DONE:
            # Recorded only when the step stays with the person (a form sent back with
            # errors); a step taken and finished at once shows as finished.
            node.record_taken(user, task)


def open_step(dossier, name: str):
    """The open task of the named step on a dossier, if any."""
    from workflows.selectors import open_tasks_of

    return next((t for t in open_tasks_of(dossier) if t.flow_task.name == name), None)
