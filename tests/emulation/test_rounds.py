"""The commendation round "by movement": opened at the final review by the authority, one
pre-filled dossier per unit that reached all its targets, in its clerk's inbox."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from emulation import rounds
from emulation.models import (
    Direction,
    Measure,
    Milestone,
    MilestoneKind,
    Movement,
    MovementDossier,
    MovementStatus,
    MovementTask,
    ProgressReport,
    Target,
    TargetScope,
)
from nominations.errors import DomainError, NotAllowed
from nominations.models import AwardKind, CommendationType, DossierStatus, RecipientKind
from tests.factories import AwardFactory, UnitFactory, create_dossier
from workflows.engine import open_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def award(db):
    return AwardFactory(
        code=rounds.ROUND_AWARD_CODE,
        name="Giấy khen (tập thể)",
        kind=AwardKind.COMMENDATION,
        recipient_kind=RecipientKind.COLLECTIVE,
    )


def make_movement(world, *, final_review=date(2025, 12, 20), code="round-2025"):
    """Justice reaches its two targets, Health its one, a commune without a clerk its one, and
    another commune misses its one."""
    district = world.district.unit
    no_clerk = UnitFactory(parent=district, name="Xã Không Văn Thư")
    missed = UnitFactory(parent=district, name="Xã Chưa Đạt")
    movement = Movement.objects.create(
        authority=world.district,
        code=code,
        title="Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa",
        legal_basis="Kế hoạch thử",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
        status=MovementStatus.LAUNCHED,
    )
    movement.participants.set([world.justice, world.health, no_clerk, missed])
    Milestone.objects.create(
        movement=movement, kind=MilestoneKind.FINAL_REVIEW, title="Tổng kết", due_on=final_review
    )
    task = MovementTask.objects.create(movement=movement, number=1, title="Việc một")
    task.lead_units.set([world.justice])
    whole = Target.objects.create(
        task=task,
        code="mo-hinh",
        description="Mô hình văn hóa",
        measure=Measure.COUNT,
        unit_label="mô hình",
        direction=Direction.AT_LEAST,
        value=D(10),
    )
    each = Target.objects.create(
        task=task,
        code="ty-le",
        description="Tỷ lệ gia đình văn hóa",
        measure=Measure.PERCENT,
        unit_label="%",
        direction=Direction.AT_LEAST,
        value=D(80),
        scope=TargetScope.EACH_UNIT,
    )
    each.scope_units.set([world.justice, world.health, no_clerk, missed])
    day = date(2025, 11, 30)
    ProgressReport.objects.create(target=whole, unit=world.justice, value=D(12), as_of=day)
    for unit, value in (
        (world.justice, "85.5"),
        (world.health, "90"),
        (no_clerk, "80"),
        (missed, "70"),
    ):
        ProgressReport.objects.create(target=each, unit=unit, value=D(value), as_of=day)
    movement.no_clerk, movement.missed = no_clerk, missed
    return movement


def test_refused_before_the_final_review(world, award):
    movement = make_movement(world, final_review=timezone.localdate() + timedelta(days=3))
    with pytest.raises(DomainError, match="opens at the final review"):
        rounds.commendation_round_open(actor=world.officer, movement=movement)
    assert not MovementDossier.objects.exists()


def test_the_authority_opens_the_round(world, award):
    movement = make_movement(world)

    result = rounds.commendation_round_open(actor=world.officer, movement=movement)

    by_unit = {d.unit: d for d in result.dossiers}
    assert set(by_unit) == {world.health, world.justice}
    skipped = {s.unit: s.reason for s in result.skipped}
    assert skipped[movement.no_clerk] == "no clerk to draft for Xã Không Văn Thư"
    assert skipped[movement.missed] == "0 of 1 targets reached"

    for dossier, clerk in (
        (by_unit[world.justice], world.clerk),
        (by_unit[world.health], world.other_clerk),
    ):
        assert dossier.status == DossierStatus.DRAFT
        assert dossier.commendation_type == CommendationType.MOVEMENT
        assert dossier.year == 2025
        assert dossier.authority == world.district
        assert dossier.title == f"Khen thưởng theo phong trào: {movement.title}"
        assert open_step(dossier, "prepare").owner == clerk
        link = dossier.movement_link
        assert link.movement == movement and link.opened_by == world.officer
        (nominee,) = dossier.nominees.all()
        assert nominee.recipient_kind == RecipientKind.COLLECTIVE
        assert nominee.full_name == dossier.unit.name
        assert nominee.award == award

    justice_summary = by_unit[world.justice].nominees.get().achievement_summary
    assert justice_summary == (
        "Đạt 2/2 chỉ tiêu: Mô hình văn hóa (12 mô hình); Tỷ lệ gia đình văn hóa (85,5 %)."
    )
    assert by_unit[world.health].nominees.get().achievement_summary.startswith("Đạt 1/1 chỉ tiêu")

    with pytest.raises(DomainError, match="already open"):
        rounds.commendation_round_open(actor=world.officer, movement=movement)
    assert MovementDossier.objects.filter(movement=movement).count() == 2


def test_the_dossier_page_shows_the_movement(world, award, login):
    movement = make_movement(world)
    result = rounds.commendation_round_open(actor=world.officer, movement=movement)
    dossier = next(d for d in result.dossiers if d.unit == world.justice)
    client = login(world.clerk)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    page = client.get(reverse("dossier_detail", args=[dossier.pk]))
    assert page.status_code == 200
    assert movement.title in page.content.decode()
    assert reverse("movement_dashboard", args=[movement.code]) in page.content.decode()

    plain = create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)
    page = client.get(reverse("dossier_detail", args=[plain.pk]))
    assert page.status_code == 200
    assert movement.title not in page.content.decode()


def test_a_unit_clerk_may_not_open_the_round(world, award, login):
    movement = make_movement(world)
    with pytest.raises(NotAllowed):
        rounds.commendation_round_open(actor=world.clerk, movement=movement)
    response = login(world.clerk).post(reverse("commendation_round", args=[movement.code]))
    assert response.status_code == 403
    assert not MovementDossier.objects.exists()


def test_an_outsider_gets_a_404(world, award, login):
    movement = make_movement(world)
    response = login(world.outsider).post(reverse("commendation_round", args=[movement.code]))
    assert response.status_code == 404
    assert not MovementDossier.objects.exists()


def test_the_button_opens_the_round_once(world, award, login):
    movement = make_movement(world)
    client = login(world.officer)
    url = reverse("commendation_round", args=[movement.code])
    page = client.get(reverse("review_list", args=[movement.code]))
    assert "Open the commendation round" in page.content.decode()
    assert client.get(url).status_code == 405

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("review_list", args=[movement.code])
    assert MovementDossier.objects.filter(movement=movement).count() == 2

    page = client.get(reverse("review_list", args=[movement.code]))
    content = page.content.decode()
    assert "Open the commendation round" not in content
    for link in MovementDossier.objects.filter(movement=movement):
        assert reverse("dossier_detail", args=[link.dossier_id]) in content

    response = client.post(url, follow=True)
    assert "already open" in response.content.decode()
    assert MovementDossier.objects.filter(movement=movement).count() == 2


def test_the_round_says_which_dossiers_the_reader_cannot_open_yet(world, award, client):
    from django.urls import reverse

    movement = make_movement(world)
    result = rounds.commendation_round_open(actor=world.officer, movement=movement)
    draft = result.dossiers[0]
    client.force_login(world.officer)

    page = client.get(reverse("review_list", args=[movement.code])).content.decode()

    assert draft.unit.name in page
    # A unit's draft is its own until sent: the page says so rather than leave a dead end.
    assert "opens to you once the unit sends it" in page
    assert client.get(reverse("dossier_detail", args=[draft.pk])).status_code == 404
