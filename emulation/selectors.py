"""Reading a movement: its targets' evaluation and the units' implementation plans."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from emulation.evaluation import REPORT_FIELDS, MovementResult, TargetSpec, evaluate
from emulation.models import (
    ImplementationPlan,
    MilestoneKind,
    Movement,
    MovementTask,
    ProgressReport,
    Target,
)
from nominations.models import Unit


def target_specs(movement: Movement) -> list[TargetSpec]:
    """Every target of the movement with its units, in four queries whatever their number."""
    tasks = MovementTask.objects.filter(movement=movement)
    leads, coordinating, scope_units = defaultdict(set), defaultdict(set), defaultdict(set)
    for task_id, unit_id in MovementTask.lead_units.through.objects.filter(
        movementtask__in=tasks
    ).values_list("movementtask_id", "unit_id"):
        leads[task_id].add(unit_id)
    for task_id, unit_id in MovementTask.coordinating_units.through.objects.filter(
        movementtask__in=tasks
    ).values_list("movementtask_id", "unit_id"):
        coordinating[task_id].add(unit_id)
    for target_id, unit_id in Target.scope_units.through.objects.filter(
        target__task__movement=movement
    ).values_list("target_id", "unit_id"):
        scope_units[target_id].add(unit_id)
    rows = (
        Target.objects.filter(task__movement=movement)
        .order_by("task__number", "pk")
        .values(
            "id",
            "task_id",
            "code",
            "description",
            "measure",
            "unit_label",
            "direction",
            "value",
            "scope",
            "deadline",
        )
    )
    return [
        TargetSpec(
            **row,
            lead_unit_ids=frozenset(leads[row["task_id"]]),
            coordinating_unit_ids=frozenset(coordinating[row["task_id"]]),
            scope_unit_ids=frozenset(scope_units[row["id"]]),
        )
        for row in rows
    ]


def target_spec(target: Target) -> TargetSpec:
    """One target's spec (three small queries), for the services' checks."""
    task = target.task
    return TargetSpec(
        id=target.pk,
        task_id=task.pk,
        code=target.code,
        description=target.description,
        measure=target.measure,
        unit_label=target.unit_label,
        direction=target.direction,
        value=target.value,
        scope=target.scope,
        deadline=target.deadline,
        lead_unit_ids=frozenset(task.lead_units.values_list("pk", flat=True)),
        coordinating_unit_ids=frozenset(task.coordinating_units.values_list("pk", flat=True)),
        scope_unit_ids=frozenset(target.scope_units.values_list("pk", flat=True)),
    )


def movement_evaluation(movement: Movement, today: date | None = None) -> MovementResult:
    """All the movement's targets on `today`: five queries, the reports loaded in one."""
    specs = target_specs(movement)
    reports = ProgressReport.objects.filter(target__task__movement=movement).values(*REPORT_FIELDS)
    return evaluate(specs, reports, today or timezone.localdate())


def plans_due_on(movement: Movement) -> date | None:
    """The day plans are due: the PLANS_DUE milestone (the latest, if it was extended by a
    second one); None when the movement sets none, and then no plan is late."""
    days = movement.milestones.filter(kind=MilestoneKind.PLANS_DUE).values_list("due_on", flat=True)
    return max(days, default=None)


@dataclass(frozen=True)
class PlansOverview:
    due_on: date | None
    plans: list[ImplementationPlan]  # each with `.late` set
    missing: list[Unit]  # participants that have filed nothing

    @property
    def late(self) -> list[ImplementationPlan]:
        return [p for p in self.plans if p.late]


def plans_overview(movement: Movement) -> PlansOverview:
    """The plans filed (late = filed after the due day) and the participants without one."""
    due_on = plans_due_on(movement)
    plans = list(
        ImplementationPlan.objects.filter(movement=movement)
        .select_related("unit")
        .order_by("filed_on", "unit__name")
    )
    for plan in plans:
        plan.late = is_late(plan.filed_on, due_on)
    missing = list(movement.participants.exclude(pk__in=[p.unit_id for p in plans]))
    return PlansOverview(due_on=due_on, plans=plans, missing=missing)


def is_late(filed_on: date, due_on: date | None) -> bool:
    """Filed on the due day is in time; the day after is late."""
    return due_on is not None and filed_on > due_on
