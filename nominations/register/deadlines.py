"""How long an authority has to process a dossier it received, and where each dossier stands.

The time limit is a dated rule per authority level (ProcessingTimeLimit rows, loaded by
`manage.py load_processing_time_limits`, editable in the admin). The figures below are what
the project could source; the rows say "(verify)" where the legal text was not read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from nominations.models import AuthorityLevel, DossierStatus, ProcessingTimeLimit
from nominations.register.calendar import WorkingCalendar

# (in force from, working days, working days when another body must be consulted, source)
# Each period applies to every level; an administrator corrects a level in the admin.
PROCESSING_TIME_LIMITS = [
    (
        datetime.date(2017, 9, 15),
        10,
        20,
        "Decree 91/2017/NĐ-CP art. 48(2) (appraisal time, as cited by Circular "
        "57/2020/TT-BQP art. 22(3)); 10 (20 with consultation) working days as reported for "
        "the 2012 amendment of Decree 42/2010 (verify the figures and the date in force)",
    ),
    (
        datetime.date(2024, 1, 1),
        10,
        20,
        "Decree 98/2023/NĐ-CP: article not found, figures of the older rule carried over (verify)",
    ),
    (
        datetime.date(2025, 7, 1),
        10,
        20,
        "Decree 152/2025/NĐ-CP: article not found, figures of the older rule carried over (verify)",
    ),
]

# The clock runs while the dossier is at the receiving authority. Returned to the unit, it
# stops; the unit head's new approval registers a new receipt date and restarts it.
CLOCK_RUNNING = (
    DossierStatus.SUBMITTED,
    DossierStatus.AWAITING_COUNCIL,
    DossierStatus.AWAITING_DECISION,
)


def time_limit_rows():
    """Every (level, in force from, days…) row that PROCESSING_TIME_LIMITS describes."""
    for valid_from, days, with_consultation, source in PROCESSING_TIME_LIMITS:
        for level in AuthorityLevel.values:
            yield level, valid_from, days, with_consultation, source


class TimeLimits:
    """All ProcessingTimeLimit rows, read once (one query), looked up per level and date."""

    def __init__(self, rows=None):
        if rows is None:
            rows = ProcessingTimeLimit.objects.order_by("level", "-valid_from")
        self._by_level: dict[int, list[ProcessingTimeLimit]] = {}
        for row in sorted(rows, key=lambda r: (r.level, r.valid_from), reverse=True):
            self._by_level.setdefault(row.level, []).append(row)

    def on(self, level: int, day: datetime.date) -> ProcessingTimeLimit | None:
        return next((r for r in self._by_level.get(level, []) if r.valid_from <= day), None)


class DeadlineState:
    RUNNING = "running"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    STOPPED = "stopped"
    CLOSED = "closed"
    NO_LIMIT = "no_limit"


@dataclass(frozen=True)
class Deadline:
    state: str
    due_on: datetime.date | None = None
    working_days: int | None = None  # the limit that applied
    days_left: int | None = None  # working days; negative when overdue
    source: str = ""

    @property
    def days_overdue(self) -> int:
        """Working days since the due date (0 when only days off have passed since)."""
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def deadline_of(
    dossier, *, calendar: WorkingCalendar, limits: TimeLimits, today: datetime.date
) -> Deadline | None:
    """The dossier's deadline at its authority (needs dossier.authority loaded)."""
    if dossier.received_on is None:
        return None
    limit = limits.on(dossier.authority.level, dossier.received_on)
    if limit is None:
        return Deadline(DeadlineState.NO_LIMIT)
    due_on = calendar.add_working_days(dossier.received_on, limit.working_days)
    common = {"due_on": due_on, "working_days": limit.working_days, "source": limit.source}
    if dossier.status == DossierStatus.CLOSED:
        return Deadline(DeadlineState.CLOSED, **common)
    if dossier.status not in CLOCK_RUNNING:
        return Deadline(DeadlineState.STOPPED, **common)
    days_left = calendar.working_days_between(today, due_on)
    if today > due_on:
        state = DeadlineState.OVERDUE
    elif today == due_on:
        state = DeadlineState.DUE_TODAY
    else:
        state = DeadlineState.RUNNING
    return Deadline(state, days_left=days_left, **common)
