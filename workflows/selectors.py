"""Reads of tasks: the inbox and a dossier's open steps, filtered per object in SQL.

Viewflow's stock queue loads every object permission into Python (5 + 2×N queries) and
filters nothing per object; here one query joins tasks to dossiers and to the person's
memberships (already loaded once per request by nominations.access).
"""

from django.db.models import Q
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from nominations.access import access_for
from nominations.models import Dossier
from workflows.flows import dossier_steps

OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
_RELATED = ("process__dossier__unit", "process__dossier__authority")


def _takeable_filter(user) -> Q:
    """Per step: its tasks whose dossier stands at that step, in this person's scope."""
    access = access_for(user)
    condition = Q(pk__in=[])
    for node in dossier_steps():
        scope = access.dossier_filter(node.permission)
        if scope == Q(pk__in=[]):
            continue
        dossiers = Dossier.objects.filter(scope, status__in=node.dossier_statuses)
        condition |= Q(flow_task=node, process_id__in=dossiers.values("process_id"))
    return condition


def takeable_tasks(user):
    """Open steps nobody holds that this person may take."""
    return (
        Task.objects.filter(status=STATUS.NEW, owner__isnull=True)
        .filter(_takeable_filter(user))
        .select_related(*_RELATED)
        .order_by("created", "pk")
    )


def held_tasks(user):
    """Steps this person has taken and not finished."""
    return (
        Task.objects.filter(owner=user, status__in=(STATUS.ASSIGNED, STATUS.STARTED))
        .select_related(*_RELATED)
        .order_by("created", "pk")
    )


def inbox_counts(user) -> dict[str, int]:
    if not user.is_authenticated:
        return {"takeable": 0, "held": 0}
    return {"takeable": takeable_tasks(user).count(), "held": held_tasks(user).count()}


def remember_inbox_counts(request, *, takeable: int, held: int) -> None:
    """The inbox page counted already: the menu reuses its figures."""
    request.inbox_counts = {"takeable": takeable, "held": held}


def open_tasks_of(dossier):
    if dossier.process_id is None:
        return Task.objects.none()
    return (
        Task.objects.filter(process_id=dossier.process_id, status__in=OPEN_STATUSES)
        .select_related("owner")
        .order_by("created", "pk")
    )


def task_for_user(user, task_pk):
    """The one loader for a task: it must be a dossier step of a dossier the user may see."""
    task = (
        Task.objects.select_related("process", "owner", "process__dossier__authority")
        .filter(pk=task_pk)
        .first()
    )
    if task is None or task.flow_task not in dossier_steps():
        return None
    dossier = getattr(task.process, "dossier", None)
    if dossier is None or not user.has_perm("nominations.view_dossier", dossier):
        return None
    return task
