"""Reads for the secretariat's incoming register (sổ theo dõi hồ sơ).

A page costs a fixed number of queries whatever the register's size: the access (one, cached
per request), the count, the page of dossiers with their unit and authority, the open tasks
of that page (one), the holidays (one) and the time limits (one).
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.db.models.functions import ExtractYear
from viewflow.workflow.models import Task

from nominations.access import access_for, visible_dossiers
from nominations.register.calendar import load_calendar
from nominations.register.deadlines import TimeLimits, deadline_of
from nominations.text import search_key
from workflows.selectors import OPEN_STATUSES

# Who keeps the register: whoever checks dossiers for an authority (the secretariat).
REGISTER_PERMISSION = "nominations.check_dossier"


def may_see_register(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    access = access_for(user)
    return any(access.units_by_role.get(role) for role in access.roles_with(REGISTER_PERMISSION))


def register_dossiers(user, *, year: int | None = None, status: str = "", query: str = ""):
    """Dossiers received by the user's authorities, in register order (year, number)."""
    dossiers = (
        visible_dossiers(user, REGISTER_PERMISSION)
        .filter(incoming_number__isnull=False, received_on__isnull=False)
        .select_related("unit", "authority")
        .annotate(register_year=ExtractYear("received_on"))
    )
    if year:
        dossiers = dossiers.filter(received_on__year=year)
    if status:
        dossiers = dossiers.filter(status=status)
    words = search_key(query).split()
    if words:
        text_match = Q()
        for word in words:
            text_match &= Q(search_text__contains=word)
        number = query.strip().lstrip("#")
        if number.isdigit():
            text_match |= Q(incoming_number=int(number))
        dossiers = dossiers.filter(text_match)
    return dossiers.order_by("-register_year", "incoming_number", "authority__name", "pk")


def register_years(user) -> list[int]:
    """The years that have entries in the user's register, latest first (one query)."""
    days = (
        visible_dossiers(user, REGISTER_PERMISSION)
        .filter(received_on__isnull=False)
        .dates("received_on", "year", order="DESC")
    )
    return [day.year for day in days]


def annotate_register_rows(dossiers, *, today: datetime.date) -> list:
    """Give each dossier of a page its open task (`open_task`) and its `deadline`.

    Three queries for the whole page: the open tasks, the holidays, the time limits.
    """
    dossiers = list(dossiers)
    process_ids = [d.process_id for d in dossiers if d.process_id]
    open_tasks: dict[int, Task] = {}
    if process_ids:
        tasks = (
            Task.objects.filter(process_id__in=process_ids, status__in=OPEN_STATUSES)
            .select_related("owner")
            .order_by("created", "pk")
        )
        for task in tasks:
            open_tasks.setdefault(task.process_id, task)
    calendar = load_calendar()
    limits = TimeLimits()
    for dossier in dossiers:
        dossier.open_task = open_tasks.get(dossier.process_id)
        dossier.deadline = deadline_of(dossier, calendar=calendar, limits=limits, today=today)
    return dossiers
