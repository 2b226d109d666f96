"""Evaluating targets from reports: the direction at its boundary, corrections, per-unit targets,
how a whole-area figure is formed, and a whole movement in a fixed number of queries."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from emulation.evaluation import (
    Status,
    TargetSpec,
    current_reports,
    evaluate,
    evaluate_target,
    reaches,
    status_of,
)
from emulation.models import (
    Direction,
    Measure,
    Movement,
    MovementStatus,
    MovementTask,
    ProgressReport,
    Target,
    TargetScope,
)
from emulation.selectors import movement_evaluation
from tests.factories import UnitFactory

DEADLINE = date(2020, 12, 31)
BEFORE = date(2020, 6, 30)
AFTER = date(2021, 1, 1)

LEAD, COORD_A, COORD_B = 1, 2, 3
COMMUNES = (11, 12, 13)


def report(id, unit, value, as_of=BEFORE, *, target=1, supersedes=None):
    return {
        "id": id,
        "target_id": target,
        "unit_id": unit,
        "value": D(value),
        "as_of": as_of,
        "supersedes_id": supersedes,
        "checked_at": None,
    }


def whole(measure, direction, value, **kw):
    return TargetSpec(
        id=1,
        measure=measure,
        direction=direction,
        value=D(value),
        deadline=DEADLINE,
        lead_unit_ids=frozenset({LEAD}),
        coordinating_unit_ids=frozenset({COORD_A, COORD_B}),
        **kw,
    )


def per_commune(value="1", scope=TargetScope.EACH_UNIT):
    return TargetSpec(
        id=1,
        measure=Measure.COUNT,
        direction=Direction.AT_LEAST,
        value=D(value),
        scope=scope,
        deadline=DEADLINE,
        lead_unit_ids=frozenset({LEAD}),
        scope_unit_ids=frozenset(COMMUNES),
    )


def run(spec, reports, today=BEFORE):
    return evaluate_target(spec, current_reports(reports), today)


# --- the direction, at the boundary -------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "target", "value", "reached"),
    [
        (Direction.AT_LEAST, "5", "5", True),
        (Direction.AT_LEAST, "5", "4.99", False),
        (Direction.MORE_THAN, "5", "5", False),  # "more than 5 OCOP products" needs 6
        (Direction.MORE_THAN, "5", "6", True),
        (Direction.AT_MOST, "4.5", "4.5", True),
        (Direction.AT_MOST, "4.5", "4.51", False),
        (Direction.LESS_THAN, "4.5", "4.5", False),  # "poverty below 4.5 %"
        (Direction.LESS_THAN, "4.5", "4.4", True),
    ],
)
def test_direction_at_the_boundary(direction, target, value, reached):
    assert reaches(direction, D(value), D(target)) is reached


def test_unknown_direction_is_an_error():
    with pytest.raises(ValueError):
        reaches("about", D(1), D(1))


@pytest.mark.parametrize(
    ("value", "today", "expected"),
    [
        (None, BEFORE, Status.NO_REPORT),
        (None, AFTER, Status.NO_REPORT),  # no figure: ask for one, whatever the date
        ("6", BEFORE, Status.REACHED),
        ("6", AFTER, Status.REACHED),
        ("5", BEFORE, Status.ON_TRACK),
        ("5", DEADLINE, Status.ON_TRACK),  # the deadline day itself is still in time
        ("5", AFTER, Status.LATE),
    ],
)
def test_status_from_value_deadline_and_today(value, today, expected):
    status = status_of(
        direction=Direction.MORE_THAN,
        target=D(5),
        value=None if value is None else D(value),
        deadline=DEADLINE,
        today=today,
    )
    assert status == expected


def test_without_deadline_a_target_is_never_late():
    status = status_of(
        direction=Direction.AT_LEAST, target=D(5), value=D(1), deadline=None, today=AFTER
    )
    assert status == Status.ON_TRACK


# --- the current value: the latest report no correction supersedes ------------------------


def test_current_value_is_the_latest_report():
    current = current_reports(
        [report(1, LEAD, "2", date(2020, 3, 31)), report(2, LEAD, "4", date(2020, 6, 30))]
    )
    assert current[(1, LEAD)]["value"] == D(4)


def test_a_correction_replaces_the_report_it_supersedes():
    reports = [
        report(1, LEAD, "7", date(2020, 6, 30)),
        report(2, LEAD, "3", date(2020, 6, 30), supersedes=1),  # 7 was a typing error
    ]
    assert current_reports(reports)[(1, LEAD)]["value"] == D(3)
    result = run(whole(Measure.COUNT, Direction.MORE_THAN, "5"), reports)
    assert result.value == D(3)
    assert result.status == Status.ON_TRACK


def test_a_correction_of_an_older_report_does_not_hide_a_newer_one():
    reports = [
        report(1, LEAD, "2", date(2020, 3, 31)),
        report(2, LEAD, "5", date(2020, 6, 30)),
        report(3, LEAD, "1", date(2020, 3, 31), supersedes=1),
    ]
    assert current_reports(reports)[(1, LEAD)]["id"] == 2


def test_a_chain_of_corrections_ends_at_the_last():
    reports = [
        report(1, LEAD, "2"),
        report(2, LEAD, "3", supersedes=1),
        report(3, LEAD, "4", supersedes=2),
    ]
    assert current_reports(reports)[(1, LEAD)]["value"] == D(4)


# --- the whole area: counts are added, a percentage is not --------------------------------


def test_counts_of_the_whole_area_are_the_sum_of_the_units():
    spec = whole(Measure.COUNT, Direction.MORE_THAN, "5")
    result = run(spec, [report(1, LEAD, "3"), report(2, COORD_A, "2"), report(3, COORD_B, "1")])
    assert result.value == D(6)
    assert result.status == Status.REACHED
    assert result.summary == "3 of 3 units reported"


def test_kilometres_are_added_and_units_not_reported_add_nothing():
    spec = whole(Measure.KILOMETRES, Direction.AT_LEAST, "20")
    result = run(spec, [report(1, LEAD, "12.5"), report(2, COORD_A, "3.25")], today=AFTER)
    assert result.value == D("15.75")
    assert result.status == Status.LATE
    assert result.reported_count == 2
    assert result.unit_count == 3


def test_a_percentage_of_the_whole_area_is_the_lead_units_figure_not_a_sum():
    spec = whole(Measure.PERCENT, Direction.LESS_THAN, "4.5")
    reports = [
        report(1, LEAD, "4.4", date(2020, 6, 30)),
        report(2, COORD_A, "3.0", date(2020, 9, 30)),  # newer, but not the district's rate
        report(3, COORD_B, "6.0", date(2020, 6, 30)),
    ]
    result = run(spec, reports)
    assert result.value == D("4.4")
    assert result.source_unit_id == LEAD
    assert result.status == Status.REACHED


def test_a_percentage_without_the_leads_figure_is_the_latest_one_reported():
    spec = whole(Measure.PERCENT, Direction.LESS_THAN, "4.5")
    reports = [
        report(2, COORD_A, "4.7", date(2020, 9, 30)),
        report(3, COORD_B, "4.2", date(2020, 6, 30)),
    ]
    result = run(spec, reports)
    assert result.value == D("4.7")
    assert result.source_unit_id == COORD_A
    assert result.status == Status.ON_TRACK


def test_the_whole_area_without_reports_has_no_report():
    result = run(whole(Measure.COUNT, Direction.AT_LEAST, "1"), [], today=AFTER)
    assert result.status == Status.NO_REPORT
    assert result.value is None


def test_reports_of_units_the_target_does_not_concern_are_ignored():
    spec = whole(Measure.COUNT, Direction.AT_LEAST, "5")
    result = run(spec, [report(1, LEAD, "2"), report(2, 99, "10")])
    assert result.value == D(2)
    assert {u.unit_id for u in result.units} == {LEAD, COORD_A, COORD_B}


def test_a_whole_target_naming_a_group_adds_that_groups_figures_only():
    # "The Front and the mass organisations have at least 5 works": the group taken together.
    spec = replace(
        whole(Measure.COUNT, Direction.AT_LEAST, "5"), scope_unit_ids=frozenset({21, 22})
    )
    result = run(spec, [report(1, 21, "3"), report(2, 22, "2"), report(3, LEAD, "40")])
    assert result.value == D(5)
    assert result.status == Status.REACHED
    assert [u.unit_id for u in result.units] == [21, 22]


# --- each unit concerned must reach it -----------------------------------------------------


def test_per_commune_minimum_with_one_commune_below():
    spec = per_commune("2")
    reports = [report(1, 11, "2"), report(2, 12, "3"), report(3, 13, "1")]
    before, after = run(spec, reports), run(spec, reports, today=AFTER)
    assert before.status == Status.ON_TRACK
    assert after.status == Status.LATE
    assert before.reached_count == 2
    assert before.summary == "2 of 3 units reached"
    assert {u.unit_id: u.status for u in after.units} == {
        11: Status.REACHED,
        12: Status.REACHED,
        13: Status.LATE,
    }
    assert before.value is None  # no sum for a per-unit target


def test_per_commune_minimum_reached_when_every_commune_reaches_it():
    spec = per_commune("2", scope=TargetScope.NAMED_UNITS)
    reports = [report(1, 11, "2"), report(2, 12, "3"), report(3, 13, "2")]
    result = run(spec, reports, today=AFTER)
    assert result.status == Status.REACHED
    assert result.summary == "3 of 3 units reached"


def test_per_commune_with_a_commune_silent_is_not_reached():
    spec = per_commune("1")
    result = run(spec, [report(1, 11, "5"), report(2, 12, "5")], today=AFTER)
    assert result.status == Status.LATE
    assert [u.status for u in result.units] == [Status.REACHED, Status.REACHED, Status.NO_REPORT]
    assert run(spec, [], today=AFTER).status == Status.NO_REPORT


def test_a_movement_counts_its_targets_by_status():
    specs = [
        whole(Measure.COUNT, Direction.MORE_THAN, "5"),
        replace(whole(Measure.PERCENT, Direction.LESS_THAN, "4.5"), id=2),
    ]
    result = evaluate(specs, [report(1, LEAD, "6"), report(2, LEAD, "5", target=2)], BEFORE)
    assert [t.status for t in result.targets] == [Status.REACHED, Status.ON_TRACK]
    assert result.counts == {"reached": 1, "on_track": 1, "late": 0, "no_report": 0}


# --- from the database: a whole movement, in a fixed number of queries ----------------------


def build_movement(authority, units, *, targets):
    """A movement of `targets` targets over two tasks, every unit reporting twice on each
    (the second report of every other target a correction of the first)."""
    movement = Movement.objects.create(
        authority=authority,
        code=f"test-{targets}",
        title="Phong trào thử",
        legal_basis="Chỉ thị thử",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
        status=MovementStatus.LAUNCHED,
    )
    movement.participants.set(units)
    tasks = []
    for number in (1, 2):
        task = MovementTask.objects.create(movement=movement, number=number, title=f"Task {number}")
        task.lead_units.set(units[:1])
        task.coordinating_units.set(units[1:])
        tasks.append(task)
    for i in range(targets):
        target = Target.objects.create(
            task=tasks[i % 2],
            code=f"t{i}",
            description=f"Target {i}",
            measure=[Measure.COUNT, Measure.PERCENT, Measure.KILOMETRES][i % 3],
            unit_label="x",
            direction=Direction.AT_LEAST,
            value=D(10),
            scope=TargetScope.EACH_UNIT if i % 4 == 3 else TargetScope.WHOLE,
            deadline=DEADLINE,
        )
        if target.scope != TargetScope.WHOLE:
            target.scope_units.set(units)
        for unit in units:
            first = ProgressReport.objects.create(
                target=target, unit=unit, value=D(1), as_of=date(2020, 3, 31)
            )
            ProgressReport.objects.create(
                target=target,
                unit=unit,
                value=D(3),
                as_of=date(2020, 3, 31) if i % 2 else date(2020, 6, 30),
                supersedes=first if i % 2 else None,
            )
    return movement


@pytest.mark.django_db
def test_evaluating_a_movement_takes_a_fixed_number_of_queries(world, django_assert_num_queries):
    units = [UnitFactory(parent=world.district.unit) for _ in range(5)]
    small = build_movement(world.district, units[:1], targets=1)
    large = build_movement(world.district, units, targets=10)

    with django_assert_num_queries(5):
        movement_evaluation(small, today=BEFORE)
    with django_assert_num_queries(5):
        result = movement_evaluation(large, today=AFTER)

    assert len(result.targets) == 10
    by_code = {t.target.code: t for t in result.targets}
    count = by_code["t0"]  # a count over the whole area: the five units' 3 added
    assert (count.target.measure, count.value, count.status) == (Measure.COUNT, 15, Status.REACHED)
    percent = by_code["t1"]  # a percentage: the lead unit's corrected figure, not a sum
    assert (percent.target.measure, percent.value) == (Measure.PERCENT, D(3))
    assert percent.source_unit_id == units[0].pk
    assert percent.status == Status.LATE
    per_unit = by_code["t3"]
    assert per_unit.target.scope == TargetScope.EACH_UNIT
    assert per_unit.summary == "0 of 5 units reached"
