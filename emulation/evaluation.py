"""How far a movement's targets are reached, from the units' progress reports.

Pure functions over plain data (the rows `values()` returns and small dataclasses): no query
here, so the rules are tested without a database and a whole movement is evaluated from its
reports loaded at once (emulation.selectors.movement_evaluation).

The rules, kept simple on purpose:

- **Current value** of a unit on a target: its latest report that no correction supersedes
  (latest = the greatest `as_of`, then the one written last). A correction is a new report
  that supersedes the wrong one, so the wrong figure never counts again.
- **Reached**: the value compared with the target's value in its direction — at least (≥),
  more than (>), at most (≤), less than (<). "Poverty below 4.5 %" is reached at 4.4 and not at
  4.5; "more than 5 OCOP products" needs 6.
- **Status**, in this order: NO_REPORT when there is no figure (the monitor must ask for one,
  whatever the date); REACHED when the current value reaches the target (a target reached
  after its deadline still counts as reached: the report's `as_of` says when); LATE when the
  deadline has passed (today is after it) and the target is not reached; ON_TRACK otherwise,
  i.e. not reached yet but still time (no deadline = never late). "On track" is a statement
  about time left, not a forecast from the trend.
- **The whole area** (scope WHOLE), reported by the task's lead and coordinating units — or,
  when the target names scope units, by that group, taken together (see units_concerned):
  counts and kilometres are *added* — each unit reports its own part, the district's figure is
  the sum of the current values (units not yet reported add nothing). A percentage (or a number
  of criteria met) is *not* added — 30 % in one unit and 40 % in another is not 70 % of the
  district, and without each unit's denominator it cannot be weighted — so the district's
  figure is the one the lead unit reports for the whole area (the lead is the one that
  measures it); when no lead unit has reported, the latest current value any unit concerned
  reported stands for the district until the lead reports.
- **Each unit** (EACH_UNIT / NAMED_UNITS, the target's scope units): each unit's current value
  has its own status; the target is reached when every unit concerned reaches it ("3 of 12
  units reached"), late when not all have and the deadline has passed, no report when none of
  them has reported, on track otherwise.
- Reports from units the target no longer concerns are ignored.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.models import Direction, Measure, TargetScope

# The report columns the evaluation reads (ProgressReport.objects.values(*REPORT_FIELDS)).
REPORT_FIELDS = ("id", "target_id", "unit_id", "value", "as_of", "supersedes_id", "checked_at")

ADDITIVE_MEASURES = frozenset({Measure.COUNT, Measure.KILOMETRES})


class Status(models.TextChoices):
    REACHED = "reached", gettext_lazy("Reached")
    ON_TRACK = "on_track", gettext_lazy("On track")
    LATE = "late", gettext_lazy("Late")
    NO_REPORT = "no_report", gettext_lazy("No report")


def reaches(direction: str, value: Decimal, target: Decimal) -> bool:
    """Whether `value` reaches `target` in `direction` (the boundary matters: see the module)."""
    if direction == Direction.AT_LEAST:
        return value >= target
    if direction == Direction.MORE_THAN:
        return value > target
    if direction == Direction.AT_MOST:
        return value <= target
    if direction == Direction.LESS_THAN:
        return value < target
    raise ValueError(f"unknown direction {direction!r}")


def status_of(
    *, direction: str, target: Decimal, value: Decimal | None, deadline: date | None, today: date
) -> Status:
    """One figure against one target on `today` (the order of the rules is the module's)."""
    if value is None:
        return Status.NO_REPORT
    if reaches(direction, value, target):
        return Status.REACHED
    if deadline is not None and today > deadline:
        return Status.LATE
    return Status.ON_TRACK


def current_reports(reports: Iterable[Mapping]) -> dict[tuple[int, int], Mapping]:
    """{(target_id, unit_id): the current report}: the latest one no correction supersedes."""
    reports = list(reports)
    superseded = {r["supersedes_id"] for r in reports if r["supersedes_id"] is not None}
    current: dict[tuple[int, int], Mapping] = {}
    for report in reports:
        if report["id"] in superseded:
            continue
        key = (report["target_id"], report["unit_id"])
        held = current.get(key)
        if held is None or (report["as_of"], report["id"]) > (held["as_of"], held["id"]):
            current[key] = report
    return current


@dataclass(frozen=True)
class TargetSpec:
    """What the evaluation needs of a target and of the task it belongs to."""

    id: int
    measure: str
    direction: str
    value: Decimal
    scope: str = TargetScope.WHOLE
    deadline: date | None = None
    lead_unit_ids: frozenset[int] = frozenset()
    coordinating_unit_ids: frozenset[int] = frozenset()
    scope_unit_ids: frozenset[int] = frozenset()
    task_id: int | None = None
    code: str = ""
    description: str = ""
    unit_label: str = ""

    @property
    def per_unit(self) -> bool:
        return self.scope != TargetScope.WHOLE

    @property
    def concerned_unit_ids(self) -> frozenset[int]:
        """The units that report on this target (and the only ones that may)."""
        return units_concerned(
            scope=self.scope,
            lead_unit_ids=self.lead_unit_ids,
            coordinating_unit_ids=self.coordinating_unit_ids,
            scope_unit_ids=self.scope_unit_ids,
        )


def units_concerned(*, scope, lead_unit_ids, coordinating_unit_ids, scope_unit_ids):
    """The target's scope units when it names some — each of them (EACH_UNIT, NAMED_UNITS), or
    the group they form taken together (WHOLE, e.g. "the Front and the mass organisations have
    at least 5 works", as emulation.seed_program reads the text); a WHOLE target naming none
    concerns the task's lead and coordinating units."""
    if scope == TargetScope.WHOLE and not scope_unit_ids:
        return frozenset(lead_unit_ids) | frozenset(coordinating_unit_ids)
    return frozenset(scope_unit_ids)


@dataclass(frozen=True)
class UnitResult:
    """A unit's current figure on a target; `status` only when each unit must reach it."""

    unit_id: int
    value: Decimal | None
    as_of: date | None
    report_id: int | None
    checked: bool
    status: Status | None


@dataclass(frozen=True)
class TargetResult:
    target: TargetSpec
    status: Status
    # The figure compared with the target: the sum, or the district-wide percentage, for the
    # whole area; None for a per-unit target (see `units`).
    value: Decimal | None
    units: tuple[UnitResult, ...]
    # For a non-additive whole-area figure: the unit whose report gave it.
    source_unit_id: int | None = None

    @property
    def unit_count(self) -> int:
        return len(self.units)

    @property
    def reached_count(self) -> int:
        return sum(1 for u in self.units if u.status == Status.REACHED)

    @property
    def reported_count(self) -> int:
        return sum(1 for u in self.units if u.value is not None)

    @property
    def summary(self) -> str:
        if self.target.per_unit:
            return _("%(reached)s of %(total)s units reached") % {
                "reached": self.reached_count,
                "total": self.unit_count,
            }
        return _("%(reported)s of %(total)s units reported") % {
            "reported": self.reported_count,
            "total": self.unit_count,
        }


def evaluate_target(
    spec: TargetSpec, current: Mapping[tuple[int, int], Mapping], today: date
) -> TargetResult:
    """The target's status on `today` from the current reports (see current_reports)."""
    units = []
    for unit_id in sorted(spec.concerned_unit_ids):
        report = current.get((spec.id, unit_id))
        value = report["value"] if report else None
        units.append(
            UnitResult(
                unit_id=unit_id,
                value=value,
                as_of=report["as_of"] if report else None,
                report_id=report["id"] if report else None,
                checked=bool(report and report.get("checked_at")),
                status=_status(spec, value, today) if spec.per_unit else None,
            )
        )
    units = tuple(units)
    if spec.per_unit:
        return TargetResult(spec, _per_unit_status(spec, units, today), None, units)
    value, source = _whole_area_value(spec, units)
    return TargetResult(spec, _status(spec, value, today), value, units, source)


def _status(spec: TargetSpec, value, today) -> Status:
    return status_of(
        direction=spec.direction,
        target=spec.value,
        value=value,
        deadline=spec.deadline,
        today=today,
    )


def _per_unit_status(spec: TargetSpec, units: tuple[UnitResult, ...], today) -> Status:
    if not any(u.value is not None for u in units):
        return Status.NO_REPORT
    if all(u.status == Status.REACHED for u in units):
        return Status.REACHED
    if spec.deadline is not None and today > spec.deadline:
        return Status.LATE
    return Status.ON_TRACK


def _whole_area_value(spec: TargetSpec, units: tuple[UnitResult, ...]):
    """(value, source unit): the sum for counts and km; the lead's figure for a percentage."""
    reported = [u for u in units if u.value is not None]
    if not reported:
        return None, None
    if spec.measure in ADDITIVE_MEASURES:
        return sum((u.value for u in reported), Decimal(0)), None
    from_lead = [u for u in reported if u.unit_id in spec.lead_unit_ids]
    latest = max(from_lead or reported, key=lambda u: (u.as_of, u.report_id))
    return latest.value, latest.unit_id


@dataclass(frozen=True)
class MovementResult:
    targets: tuple[TargetResult, ...]
    counts: dict[str, int] = field(default_factory=dict)


def evaluate(specs: Iterable[TargetSpec], reports: Iterable[Mapping], today: date):
    """Every target of a movement from all its reports (rows with REPORT_FIELDS)."""
    current = current_reports(reports)
    results = tuple(evaluate_target(spec, current, today) for spec in specs)
    counts = {status.value: 0 for status in Status}
    for result in results:
        counts[result.status.value] += 1
    return MovementResult(results, counts)
