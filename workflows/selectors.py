"""Reads of tasks: the inbox and a dossier's open steps, filtered per object in SQL.

Viewflow's stock queue loads every object permission into Python (5 + 2×N queries) and
filters nothing per object; here one query joins tasks to dossiers and to the person's
memberships (already loaded once per request by nominations.access).
"""

from django.db.models import Q
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from nominations.text import search_key
from workflows.flows import guarded_steps

OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
_RELATED = (
    "process__dossier__unit",
    "process__dossier__authority",
    "process__council_session__council",
)


def _takeable_filter(user) -> Q:
    """Per step: its tasks whose subject stands at that step, in this person's scope."""
    condition = Q(pk__in=[])
    for node in guarded_steps():
        processes = node.takeable_processes(user)
        if processes is not None:
            condition |= Q(flow_task=node, process_id__in=processes)
    return condition


def takeable_tasks(user, *, query: str = ""):
    """Open steps nobody holds that this person may take."""
    tasks = Task.objects.filter(status=STATUS.NEW, owner__isnull=True).filter(
        _takeable_filter(user)
    )
    return _matching(tasks, query).select_related(*_RELATED).order_by("created", "pk")


def held_tasks(user, *, query: str = ""):
    """Steps this person has taken and not finished."""
    tasks = Task.objects.filter(owner=user, status__in=(STATUS.ASSIGNED, STATUS.STARTED))
    return _matching(tasks, query).select_related(*_RELATED).order_by("created", "pk")


def _matching(tasks, query: str):
    """Steps whose dossier (title, unit, nominees) or session (title) has every word of the
    query, with or without diacritics."""
    for word in search_key(query).split():
        tasks = tasks.filter(
            Q(process__dossier__search_text__contains=word)
            | Q(process__council_session__search_title__contains=word)
        )
    return tasks


def inbox_counts(user) -> dict[str, int]:
    if not user.is_authenticated:
        return {"takeable": 0, "held": 0}
    return {"takeable": takeable_tasks(user).count(), "held": held_tasks(user).count()}


def remember_inbox_counts(request, *, takeable: int, held: int) -> None:
    """The inbox page counted already: the menu reuses its figures."""
    request.inbox_counts = {"takeable": takeable, "held": held}


def open_tasks_of(dossier):
    return open_tasks_in(dossier.process_id)


def open_tasks_in(process_id):
    if process_id is None:
        return Task.objects.none()
    return (
        Task.objects.filter(process_id=process_id, status__in=OPEN_STATUSES)
        .select_related("owner")
        .order_by("created", "pk")
    )


def task_for_user(user, task_pk):
    """The one loader for a task: a human step whose subject (dossier or session) the user
    may see."""
    task = Task.objects.select_related("process", "owner").filter(pk=task_pk).first()
    if task is None or task.flow_task not in guarded_steps():
        return None
    task = Task.objects.select_related("owner", *task.flow_task.task_related).get(pk=task.pk)
    subject = getattr(task.process, "dossier", None) or getattr(
        task.process, "council_session", None
    )
    if subject is None or not task.flow_task.may_view(user, subject):
        return None
    return task
