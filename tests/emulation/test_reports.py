"""The units' acts in a movement: commitments, plans, progress reports, corrections, the lead
unit's check — who may do each, and what is refused."""

from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from emulation import services
from emulation.access import may_act_for_unit
from emulation.evaluation import Status
from emulation.models import (
    Commitment,
    Direction,
    Measure,
    Milestone,
    MilestoneKind,
    Movement,
    MovementStatus,
    MovementTask,
    Target,
    TargetScope,
)
from emulation.selectors import movement_evaluation, plans_overview
from nominations.errors import DomainError, NotAllowed
from nominations.roles import Role
from tests.factories import UnitFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

AS_OF = date(2020, 6, 30)


@pytest.fixture
def mv(world):
    """Directive-like movement: task 1 led by justice with health coordinating (OCOP products,
    poverty rate), task 2 led by health alone, and a per-commune minimum over three communes."""
    district = world.district.unit
    communes = [
        UnitFactory(code=f"xa-{i}", name=f"UBND xã {i}", parent=district) for i in (1, 2, 3)
    ]
    commune_clerk = UserFactory(username="commune_clerk")
    grant(commune_clerk, communes[0], Role.UNIT_CLERK)
    movement = Movement.objects.create(
        authority=world.district,
        code="ky-anh-2020",
        title="Phong trào thi đua năm 2020",
        legal_basis="Chỉ thị số 42-CT/TU ngày 28/02/2020",
        starts_on=date(2020, 2, 28),
        ends_on=date(2020, 12, 31),
        status=MovementStatus.LAUNCHED,
    )
    third = UnitFactory(code="van-hoa", name="Phòng Văn hóa", parent=district)
    movement.participants.set([world.justice, world.health, third, *communes])
    Milestone.objects.create(
        movement=movement,
        kind=MilestoneKind.PLANS_DUE,
        title="Kế hoạch triển khai",
        due_on=date(2020, 3, 25),
    )
    task1 = MovementTask.objects.create(movement=movement, number=1, title="Kinh tế")
    task1.lead_units.set([world.justice])
    task1.coordinating_units.set([world.health])
    task2 = MovementTask.objects.create(movement=movement, number=2, title="Y tế")
    task2.lead_units.set([world.health])

    def target(task, code, measure, direction, value, scope=TargetScope.WHOLE):
        return Target.objects.create(
            task=task,
            code=code,
            description=code,
            measure=measure,
            unit_label="x",
            direction=direction,
            value=D(value),
            scope=scope,
            deadline=date(2020, 12, 31),
        )

    per_commune = target(
        task1, "nvh", Measure.COUNT, Direction.AT_LEAST, "1", TargetScope.EACH_UNIT
    )
    per_commune.scope_units.set(communes)
    return SimpleNamespace(
        movement=movement,
        ocop=target(task1, "ocop", Measure.COUNT, Direction.MORE_THAN, "5"),
        poverty=target(task1, "ngheo", Measure.PERCENT, Direction.LESS_THAN, "4.5"),
        clinics=target(task2, "tram-y-te", Measure.COUNT, Direction.AT_LEAST, "3"),
        per_commune=per_commune,
        communes=communes,
        commune_clerk=commune_clerk,
        third=third,
    )


def report(world, mv, *, actor=None, unit=None, target=None, value="2", **kw):
    return services.progress_report(
        actor=actor or world.other_clerk,
        unit=unit or world.health,
        target=target or mv.ocop,
        value=value,
        as_of=kw.pop("as_of", AS_OF),
        note=kw.pop("note", ""),
        **kw,
    )


# --- who acts for a unit -------------------------------------------------------------------


def test_clerks_and_heads_act_for_their_own_unit_only(world):
    assert may_act_for_unit(world.clerk, world.justice)
    assert may_act_for_unit(world.head, world.justice.pk)
    assert not may_act_for_unit(world.clerk, world.health)
    assert not may_act_for_unit(world.officer, world.justice)
    assert not may_act_for_unit(world.outsider, world.justice)


# --- commitments ---------------------------------------------------------------------------


def test_a_unit_registers_and_revises_its_commitment(world, mv):
    services.commitment_register(actor=world.clerk, unit=world.justice, target=mv.ocop, value=3)
    commitment = services.commitment_register(
        actor=world.head, unit=world.justice, target=mv.ocop, value="4"
    )
    assert Commitment.objects.get() == commitment
    assert commitment.value == D(4)


def test_a_commitment_only_for_ones_own_unit_on_a_target_that_concerns_it(world, mv):
    with pytest.raises(NotAllowed):
        services.commitment_register(actor=world.clerk, unit=world.health, target=mv.ocop, value=1)
    with pytest.raises(NotAllowed, match="does not concern"):
        services.commitment_register(
            actor=world.clerk, unit=world.justice, target=mv.clinics, value=1
        )


# --- plans ---------------------------------------------------------------------------------


def test_a_late_plan_and_a_unit_that_filed_nothing(world, mv):
    on_time = services.plan_file(
        actor=world.clerk,
        movement=mv.movement,
        unit=world.justice,
        reference="15/KH-TP",
        filed_on=date(2020, 3, 25),  # the due day itself is in time
    )
    late = services.plan_file(
        actor=world.other_head,
        movement=mv.movement,
        unit=world.health,
        reference=" 20/KH-YT ",
        filed_on=date(2020, 3, 26),
    )
    assert (on_time.filed_by, late.reference) == (world.clerk, "20/KH-YT")

    overview = plans_overview(mv.movement)
    assert overview.due_on == date(2020, 3, 25)
    assert {p.unit: p.late for p in overview.plans} == {world.justice: False, world.health: True}
    assert overview.late == [late]
    assert set(overview.missing) == {mv.third, *mv.communes}


def test_a_plan_is_filed_once_by_a_participant_for_its_own_unit(world, mv):
    file = dict(movement=mv.movement, reference="1/KH", filed_on=date(2020, 3, 1))
    with pytest.raises(NotAllowed):
        services.plan_file(actor=world.clerk, unit=world.health, **file)
    services.plan_file(actor=world.clerk, unit=world.justice, **file)
    with pytest.raises(DomainError, match="already filed"):
        services.plan_file(actor=world.head, unit=world.justice, **file)
    # the officer is also the district's clerk, but the district is not a participant
    with pytest.raises(DomainError, match="does not take part"):
        services.plan_file(actor=world.officer, unit=world.district.unit, **file)
    with pytest.raises(DomainError, match="future"):
        services.plan_file(
            actor=world.other_clerk,
            unit=world.health,
            movement=mv.movement,
            reference="",
            filed_on=date(2999, 1, 1),
        )


# --- progress reports ----------------------------------------------------------------------


def test_a_coordinating_unit_reports_for_itself(world, mv):
    r = report(world, mv, value="2.50", note="  Hai sản phẩm  ")
    assert (r.unit, r.target, r.value, r.reported_by) == (
        world.health,
        mv.ocop,
        D("2.5"),
        world.other_clerk,
    )
    assert r.note == "Hai sản phẩm"
    assert r.reported_at is not None and r.checked_at is None


def test_a_unit_cannot_report_for_another_units_target(world, mv):
    # for another unit
    with pytest.raises(NotAllowed):
        report(world, mv, actor=world.clerk, unit=world.health)
    # on a task it has no part in
    with pytest.raises(NotAllowed, match="does not concern"):
        report(world, mv, actor=world.clerk, unit=world.justice, target=mv.clinics)
    # on a per-commune target it is not named in
    with pytest.raises(NotAllowed, match="does not concern"):
        report(world, mv, actor=world.clerk, unit=world.justice, target=mv.per_commune)
    commune = report(
        world, mv, actor=mv.commune_clerk, unit=mv.communes[0], target=mv.per_commune, value=1
    )
    assert commune.unit == mv.communes[0]


def test_a_whole_target_naming_a_group_is_reported_by_that_group_only(world, mv):
    mv.ocop.scope_units.set([world.health])  # "the health sector has more than 5 products"
    assert report(world, mv).unit == world.health
    with pytest.raises(NotAllowed, match="does not concern"):
        report(world, mv, actor=world.clerk, unit=world.justice)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "as a number"),
        ("NaN", "as a number"),
        (None, "as a number"),
        ("-1", "negative"),
        ("1.234", "two decimals"),
        ("100.01", "more than 100"),
        ("10000000000", "too large"),
    ],
)
def test_values_are_refused_when_not_a_sensible_figure(world, mv, value, message):
    with pytest.raises(DomainError, match=message):
        report(world, mv, target=mv.poverty, value=value)


def test_values_are_decimals_and_a_percentage_may_be_100(world, mv):
    assert report(world, mv, target=mv.poverty, value=4.4).value == D("4.4")
    assert report(world, mv, target=mv.poverty, value="100").value == D(100)
    assert report(world, mv, target=mv.ocop, value="150").value == D(150)  # a count may be > 100


def test_a_report_cannot_be_dated_in_the_future_nor_made_once_the_movement_closed(world, mv):
    with pytest.raises(DomainError, match="future"):
        report(world, mv, as_of=date(2999, 1, 1))
    Movement.objects.filter(pk=mv.movement.pk).update(status=MovementStatus.CLOSED)
    with pytest.raises(DomainError, match="closed"):
        report(world, mv)


# --- corrections ---------------------------------------------------------------------------


def test_a_correction_supersedes_the_report_and_becomes_the_current_value(world, mv):
    wrong = report(world, mv, value="7")
    report(world, mv, actor=world.clerk, unit=world.justice, value="3")
    fixed = report(world, mv, value="2", corrects=wrong, note="Nhầm số liệu")
    assert fixed.supersedes == wrong

    ocop = {t.target.code: t for t in movement_evaluation(mv.movement, AS_OF).targets}["ocop"]
    assert ocop.value == D(5)  # 3 + 2, not 3 + 7
    assert ocop.status == Status.ON_TRACK  # more than 5 needs 6
    health = next(u for u in ocop.units if u.unit_id == world.health.pk)
    assert health.report_id == fixed.pk

    with pytest.raises(DomainError, match="already been corrected"):
        report(world, mv, value="1", corrects=wrong)
    again = report(world, mv, value="4", corrects=fixed)  # the latest one may be corrected
    assert again.supersedes == fixed


def test_a_correction_is_of_the_same_units_report_on_the_same_target(world, mv):
    theirs = report(world, mv, actor=world.clerk, unit=world.justice)
    with pytest.raises(DomainError, match="same unit"):
        report(world, mv, corrects=theirs)
    other_target = report(world, mv, target=mv.poverty, value="4")
    with pytest.raises(DomainError, match="same target"):
        report(world, mv, corrects=other_target)


# --- the lead unit's check -----------------------------------------------------------------


def test_the_lead_checks_a_coordinating_units_report(world, mv):
    r = report(world, mv)
    checked = services.progress_check(actor=world.head, report=r)
    checked.refresh_from_db()
    assert checked.checked_by == world.head
    assert checked.checked_at is not None
    with pytest.raises(DomainError, match="already been checked"):
        services.progress_check(actor=world.clerk, report=r)
    ocop = {t.target.code: t for t in movement_evaluation(mv.movement, AS_OF).targets}["ocop"]
    assert next(u for u in ocop.units if u.unit_id == world.health.pk).checked


def test_a_coordinating_unit_cannot_check_the_leads_reports(world, mv):
    leads = report(world, mv, actor=world.clerk, unit=world.justice)
    with pytest.raises(NotAllowed, match="Only the lead unit"):
        services.progress_check(actor=world.other_head, report=leads)
    own = report(world, mv)  # nor its own
    with pytest.raises(NotAllowed, match="Only the lead unit"):
        services.progress_check(actor=world.other_head, report=own)
    with pytest.raises(NotAllowed, match="not its own"):
        services.progress_check(actor=world.head, report=leads)
    with pytest.raises(NotAllowed):
        services.progress_check(actor=world.officer, report=own)


def test_the_lead_checks_the_communes_reports_and_a_correction_not_what_it_corrects(world, mv):
    first = report(world, mv, actor=mv.commune_clerk, unit=mv.communes[0], target=mv.per_commune)
    fixed = report(
        world,
        mv,
        actor=mv.commune_clerk,
        unit=mv.communes[0],
        target=mv.per_commune,
        value="1",
        corrects=first,
    )
    with pytest.raises(DomainError, match="check the correction"):
        services.progress_check(actor=world.head, report=first)
    assert services.progress_check(actor=world.head, report=fixed).checked_by == world.head


def test_the_same_report_sent_twice_is_recorded_once(world, mv):
    from emulation.models import ProgressReport
    from emulation.services import RepeatedReport

    report(world, mv, value="7")
    with pytest.raises(RepeatedReport):
        report(world, mv, value="7")
    assert ProgressReport.objects.filter(unit=world.health).count() == 1
    report(world, mv, value="8")  # another figure is another report
    assert ProgressReport.objects.filter(unit=world.health).count() == 2
