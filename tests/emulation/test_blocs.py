"""A bloc's year: opening it, the covenant, the scoring table, the ranking and the proposal of
the first unit for the emulation flag."""

from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emulation import blocs
from emulation.models import (
    BlocYear,
    CriterionKind,
    Direction,
    EmulationBloc,
    Measure,
    Movement,
    MovementStatus,
    MovementTask,
    ProgressReport,
    Target,
    TargetScope,
)
from nominations.errors import DomainError, NotAllowed
from nominations.models import AuthorityLevel, AwardKind, CommendationType, RecipientKind
from nominations.roles import Role
from tests.factories import AwardFactory, UnitFactory, UserFactory, grant
from workflows.engine import open_step

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 6, 30)


def flag_award():
    return AwardFactory(
        code=blocs.FLAG_AWARD_CODE,
        name="Cờ thi đua cấp bộ, ban, ngành, tỉnh",
        kind=AwardKind.TITLE,
        recipient_kind=RecipientKind.COLLECTIVE,
        levels=(AuthorityLevel.PROVINCE, AuthorityLevel.PROVINCE),
    )


def make_movement(authority, lead, code="mv-2025"):
    movement = Movement.objects.create(
        authority=authority,
        code=code,
        title="Phong trào thi đua năm 2025",
        legal_basis="Kế hoạch số 1/KH-UBND",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
        status=MovementStatus.LAUNCHED,
    )
    task = MovementTask.objects.create(movement=movement, number=1, title="Kinh tế")
    task.lead_units.set([lead])
    return movement, task


def make_target(task, code, direction, value, units, measure=Measure.COUNT):
    target = Target.objects.create(
        task=task,
        code=code,
        description=code,
        measure=measure,
        unit_label="x",
        direction=direction,
        value=D(value),
        scope=TargetScope.EACH_UNIT,
    )
    target.scope_units.set(units)
    return target


def report(target, unit, value, as_of=AS_OF, corrects=None):
    return ProgressReport.objects.create(
        target=target, unit=unit, value=D(value), as_of=as_of, supersedes=corrects
    )


@pytest.fixture
def bl(world):
    """A provincial bloc of four district departments led this year by justice; a manual
    criterion (20), OCOP products at least 10 (20), poverty less than 4.5 % (10)."""
    district = world.district.unit
    culture = UnitFactory(code="van-hoa", name="Phòng Văn hóa", parent=district)
    economy = UnitFactory(code="kinh-te", name="Phòng Kinh tế", parent=district)
    bloc = EmulationBloc.objects.create(authority=world.province, name="Khối các phòng")
    bloc.members.set([world.justice, world.health, culture, economy])
    movement, task = make_movement(world.province, world.justice)
    members = [world.justice, world.health, culture, economy]
    ocop = make_target(task, "ocop", Direction.AT_LEAST, "10", members)
    poverty = make_target(task, "ngheo", Direction.LESS_THAN, "4.5", members, Measure.PERCENT)
    bloc_year = blocs.bloc_year_open(
        actor=world.province_officer,
        bloc=bloc,
        year=2025,
        leading_unit=world.justice,
        movement=movement,
        covenant="Giao ước thi đua năm 2025",
    )
    manual = blocs.criterion_add(
        actor=world.clerk,
        bloc_year=bloc_year,
        title="Công tác chỉ đạo",
        kind=CriterionKind.MANUAL,
        max_points="20",
    )
    by_ocop = blocs.criterion_add(
        actor=world.province_officer,
        bloc_year=bloc_year,
        title="Sản phẩm OCOP",
        kind=CriterionKind.FROM_TARGET,
        max_points="20",
        target=ocop,
    )
    by_poverty = blocs.criterion_add(
        actor=world.clerk,
        bloc_year=bloc_year,
        title="Tỷ lệ hộ nghèo",
        kind=CriterionKind.FROM_TARGET,
        max_points="10",
        target=poverty,
    )
    return SimpleNamespace(
        bloc=bloc,
        bloc_year=bloc_year,
        movement=movement,
        task=task,
        ocop=ocop,
        poverty=poverty,
        manual=manual,
        by_ocop=by_ocop,
        by_poverty=by_poverty,
        culture=culture,
        economy=economy,
    )


@pytest.fixture
def scored(world, bl):
    """Justice 15 + 20 + 10 = 45 and health 20 + 15 + 10 = 45 share the first place; culture
    10 + 10 + 0 = 20 (did not sign); economy nothing at all."""
    for actor, unit in ((world.clerk, world.justice), (world.other_clerk, world.health)):
        blocs.covenant_sign(actor=actor, bloc_year=bl.bloc_year, unit=unit)
    for unit, points in ((world.justice, "15"), (world.health, "20"), (bl.culture, "10")):
        blocs.score_set(actor=world.clerk, criterion=bl.manual, unit=unit, points=points)
    wrong = report(bl.ocop, world.justice, "3", as_of=date(2025, 7, 1))
    report(bl.ocop, world.justice, "10", corrects=wrong)  # the correction counts, not the 3
    report(bl.ocop, world.health, "7.5")
    report(bl.ocop, bl.culture, "4", as_of=date(2025, 3, 31))
    report(bl.ocop, bl.culture, "5")  # the latest counts
    report(bl.poverty, world.justice, "4.0")
    report(bl.poverty, world.health, "4.49")
    report(bl.poverty, bl.culture, "4.5")  # not less than 4.5: nothing
    return bl


def test_ranking_shares_the_first_place_and_skips_a_rank(world, scored):
    ranking = blocs.bloc_ranking(scored.bloc_year)

    assert [(r.unit.name, r.rank, r.points) for r in ranking] == [
        ("Phòng Tư pháp", 1, D("45")),
        ("Phòng Y tế", 1, D("45")),
        ("Phòng Văn hóa", 3, D("20")),
        ("Phòng Kinh tế", 4, D("0")),
    ]
    justice, health, culture, _economy = ranking
    assert justice.by_criterion == {
        scored.manual.pk: D("15"),
        scored.by_ocop.pk: D("20"),
        scored.by_poverty.pk: D("10"),
    }
    assert health.by_criterion[scored.by_ocop.pk] == D("15.00")  # 20 × 7.5 / 10
    assert culture.by_criterion == {
        scored.manual.pk: D("10"),
        scored.by_ocop.pk: D("10.00"),
        scored.by_poverty.pk: D("0"),
    }


def test_a_member_that_did_not_sign_is_ranked_but_flagged(world, scored):
    ranking = {r.unit.pk: r for r in blocs.bloc_ranking(scored.bloc_year)}

    assert ranking[world.justice.pk].signed and ranking[world.justice.pk].flag == ""
    assert not ranking[scored.culture.pk].signed
    assert ranking[scored.culture.pk].flag == "did not sign"
    assert ranking[scored.culture.pk].rank == 3


def test_target_points_reached_partial_and_ceilings():
    def pts(direction, value, target="10", max_points="20"):
        value = None if value is None else D(value)
        return blocs.target_points(
            direction=direction, target_value=D(target), value=value, max_points=D(max_points)
        )

    assert pts(Direction.AT_LEAST, "12") == D("20")  # beyond the target: still the maximum
    assert pts(Direction.AT_LEAST, "3.33") == D("6.66")  # rounded down
    assert pts(Direction.AT_LEAST, None) == D("0")
    assert pts(Direction.MORE_THAN, "10") == D("19.99")  # at the target is not more than it
    assert pts(Direction.MORE_THAN, "11") == D("20")
    assert pts(Direction.AT_MOST, "10") == D("20")
    assert pts(Direction.AT_MOST, "10.01") == D("0")
    assert pts(Direction.LESS_THAN, "10") == D("0")
    assert pts(Direction.LESS_THAN, "0") == D("20")


# --- who may, and what is refused ----------------------------------------------------------


def test_only_the_secretariat_opens_a_year_with_a_member_leading(world, bl):
    with pytest.raises(NotAllowed):
        blocs.bloc_year_open(actor=world.clerk, bloc=bl.bloc, year=2026, leading_unit=world.justice)
    with pytest.raises(NotAllowed):  # the district's secretariat is not the bloc's
        blocs.bloc_year_open(
            actor=world.officer, bloc=bl.bloc, year=2026, leading_unit=world.justice
        )
    outsider_unit = UnitFactory(code="ngoai", name="Phòng Ngoài khối")
    with pytest.raises(DomainError, match="must be a member"):
        blocs.bloc_year_open(
            actor=world.province_officer, bloc=bl.bloc, year=2026, leading_unit=outsider_unit
        )
    with pytest.raises(DomainError, match="already open"):
        blocs.bloc_year_open(
            actor=world.province_officer, bloc=bl.bloc, year=2025, leading_unit=world.health
        )
    rotated = blocs.bloc_year_open(
        actor=world.province_officer, bloc=bl.bloc, year=2026, leading_unit=world.health
    )
    assert rotated.leading_unit == world.health


def test_a_member_signs_for_itself_once(world, bl):
    with pytest.raises(NotAllowed):
        blocs.covenant_sign(actor=world.clerk, bloc_year=bl.bloc_year, unit=world.health)
    signature = blocs.covenant_sign(
        actor=world.other_head, bloc_year=bl.bloc_year, unit=world.health
    )
    assert signature.signed_by == world.other_head
    with pytest.raises(DomainError, match="already signed"):
        blocs.covenant_sign(actor=world.other_clerk, bloc_year=bl.bloc_year, unit=world.health)


def test_points_above_the_maximum_are_refused(world, bl):
    with pytest.raises(DomainError, match="between 0 and 20"):
        blocs.score_set(actor=world.clerk, criterion=bl.manual, unit=world.health, points="20.5")
    with pytest.raises(DomainError, match="between 0 and 20"):
        blocs.score_set(actor=world.clerk, criterion=bl.manual, unit=world.health, points="-1")
    score = blocs.score_set(
        actor=world.province_officer, criterion=bl.manual, unit=world.health, points="20"
    )
    again = blocs.score_set(actor=world.clerk, criterion=bl.manual, unit=world.health, points=12)
    assert again.pk == score.pk and again.points == D("12")


def test_a_non_member_and_a_criterion_from_the_reports_are_not_scored(world, bl):
    stranger = UnitFactory(code="ngoai", name="Phòng Ngoài khối")
    with pytest.raises(DomainError, match="not a member"):
        blocs.score_set(actor=world.clerk, criterion=bl.manual, unit=stranger, points="5")
    with pytest.raises(DomainError, match="scored from the units' reports"):
        blocs.score_set(actor=world.clerk, criterion=bl.by_ocop, unit=world.health, points="5")


def test_a_criterion_names_a_target_of_the_scored_movement(world, bl):
    _other, task = make_movement(world.province, world.justice, code="other")
    elsewhere = make_target(task, "x", Direction.AT_LEAST, "1", [world.justice])
    with pytest.raises(DomainError, match="movement the bloc scores"):
        blocs.criterion_add(
            actor=world.clerk,
            bloc_year=bl.bloc_year,
            title="Khác",
            kind=CriterionKind.FROM_TARGET,
            max_points="5",
            target=elsewhere,
        )
    with pytest.raises(DomainError, match="needs a target"):
        blocs.criterion_add(
            actor=world.clerk,
            bloc_year=bl.bloc_year,
            title="Khác",
            kind=CriterionKind.FROM_TARGET,
            max_points="5",
        )


def test_the_leading_unit_of_another_bloc_and_a_plain_member_are_refused(world, bl):
    other_lead = UnitFactory(code="tn-mt", name="Phòng Tài nguyên", parent=world.district.unit)
    other_clerk = UserFactory(username="other_bloc_clerk")
    grant(other_clerk, other_lead, Role.UNIT_CLERK)
    other_bloc = EmulationBloc.objects.create(authority=world.province, name="Khối khác")
    other_bloc.members.set([other_lead])
    blocs.bloc_year_open(
        actor=world.province_officer, bloc=other_bloc, year=2025, leading_unit=other_lead
    )

    for actor in (other_clerk, world.other_clerk, world.officer, world.outsider):
        with pytest.raises(NotAllowed):
            blocs.score_set(actor=actor, criterion=bl.manual, unit=world.health, points="5")
        with pytest.raises(NotAllowed):
            blocs.criterion_add(
                actor=actor,
                bloc_year=bl.bloc_year,
                title="Khác",
                kind=CriterionKind.MANUAL,
                max_points="5",
            )
        with pytest.raises(NotAllowed):
            blocs.bloc_propose_flag(actor=actor, bloc_year=bl.bloc_year)


# --- the proposal --------------------------------------------------------------------------


def test_the_first_unit_is_proposed_as_a_started_dossier(world, scored):
    flag_award()
    blocs.score_set(actor=world.clerk, criterion=scored.manual, unit=world.justice, points="16")

    dossier = blocs.bloc_propose_flag(actor=world.clerk, bloc_year=scored.bloc_year)

    assert dossier.authority == world.province
    assert dossier.unit == world.justice
    assert dossier.commendation_type == CommendationType.MOVEMENT
    assert dossier.year == 2025
    assert dossier.title == "Đề nghị tặng Cờ thi đua năm 2025 — Khối các phòng"
    (nominee,) = dossier.nominees.all()
    assert nominee.full_name == "Phòng Tư pháp"
    assert nominee.recipient_kind == RecipientKind.COLLECTIVE
    assert nominee.award.code == "co-thi-dua-cap-tinh"
    assert "1/4" in nominee.achievement_summary and "46,00" in nominee.achievement_summary
    assert open_step(dossier, "prepare") is not None
    assert BlocYear.objects.get(pk=scored.bloc_year.pk).proposal == dossier

    with pytest.raises(DomainError, match="already made its proposal"):
        blocs.bloc_propose_flag(actor=world.clerk, bloc_year=scored.bloc_year)
    with pytest.raises(DomainError, match="already made its proposal"):  # scores now frozen
        blocs.score_set(actor=world.clerk, criterion=scored.manual, unit=world.health, points="1")


def test_a_tie_for_first_place_refuses_the_proposal(world, scored):
    flag_award()
    with pytest.raises(DomainError, match="tie for first place: the bloc must decide"):
        blocs.bloc_propose_flag(actor=world.clerk, bloc_year=scored.bloc_year)
    assert BlocYear.objects.get(pk=scored.bloc_year.pk).proposal is None


def test_the_secretariat_may_propose_but_the_dossier_is_drafted_by_a_clerk(world, scored):
    """dossier_create drafts in the leading unit's name: a proposer who cannot draft for it
    (here the province's secretariat officer) is refused, and nothing is written."""
    flag_award()
    blocs.score_set(actor=world.clerk, criterion=scored.manual, unit=world.justice, points="16")
    with pytest.raises(NotAllowed, match="only a clerk of the leading unit"):
        blocs.bloc_propose_flag(actor=world.province_officer, bloc_year=scored.bloc_year)
    with pytest.raises(NotAllowed, match="only a clerk of the leading unit"):
        blocs.bloc_propose_flag(actor=world.head, bloc_year=scored.bloc_year)
    assert BlocYear.objects.get(pk=scored.bloc_year.pk).proposal is None


# --- queries -------------------------------------------------------------------------------


def _bloc_of(world, n, code):
    units = [
        UnitFactory(code=f"{code}-{i}", name=f"Đơn vị {code} {i:02}", parent=world.district.unit)
        for i in range(n)
    ]
    bloc = EmulationBloc.objects.create(authority=world.province, name=f"Khối {code}")
    bloc.members.set(units)
    movement, task = make_movement(world.province, units[0], code=f"mv-{code}")
    target = make_target(task, f"t-{code}", Direction.AT_LEAST, "10", units)
    bloc_year = blocs.bloc_year_open(
        actor=world.province_officer,
        bloc=bloc,
        year=2025,
        leading_unit=units[0],
        movement=movement,
    )
    manual = blocs.criterion_add(
        actor=world.province_officer,
        bloc_year=bloc_year,
        title="Tay",
        kind=CriterionKind.MANUAL,
        max_points="10",
    )
    blocs.criterion_add(
        actor=world.province_officer,
        bloc_year=bloc_year,
        title="Chỉ tiêu",
        kind=CriterionKind.FROM_TARGET,
        max_points="10",
        target=target,
    )
    for i, unit in enumerate(units):
        blocs.score_set(actor=world.province_officer, criterion=manual, unit=unit, points=i % 10)
        report(target, unit, str(i))
    return BlocYear.objects.get(pk=bloc_year.pk)


def test_the_ranking_takes_as_many_queries_for_3_and_12_members(world):
    small, large = _bloc_of(world, 3, "s"), _bloc_of(world, 12, "l")
    counts = []
    for bloc_year in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            ranking = blocs.bloc_ranking(bloc_year)
        counts.append(len(ctx.captured_queries))
        assert len(ranking) in (3, 12)
    assert counts[0] == counts[1] == 5


# --- the page (not wired yet: called directly) ---------------------------------------------


def _call(user, bloc_year, method="get"):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    url = reverse("bloc_year_ranking", args=[bloc_year.pk])
    return getattr(client, method)(url, HTTP_ACCEPT_LANGUAGE="en")


def test_the_page_shows_the_ranking_to_members_and_hides_it_from_outsiders(world, scored):
    response = _call(world.other_clerk, scored.bloc_year)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Phòng Tư pháp" in page and "did not sign" in page
    assert "Propose the first unit" not in page  # a plain member does not propose
    assert _call(world.outsider, scored.bloc_year).status_code == 404


def test_the_page_proposes_the_first_unit(world, scored):
    flag_award()
    assert _call(world.clerk, scored.bloc_year, "post").status_code == 200  # tie: refused
    assert BlocYear.objects.get(pk=scored.bloc_year.pk).proposal is None
    blocs.score_set(actor=world.clerk, criterion=scored.manual, unit=world.justice, points="16")
    response = _call(world.clerk, scored.bloc_year, "post")
    assert response.status_code == 302
    assert BlocYear.objects.get(pk=scored.bloc_year.pk).proposal is not None
