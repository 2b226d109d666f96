"""A movement's dashboard and its export: the seed program's real targets with their statuses,
the per-commune breakdown, who may see it, the XLSX, and a query count that does not grow."""

import io
import re
from datetime import date
from decimal import Decimal as D
from urllib.parse import quote

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from emulation import dashboard
from emulation.access import may_view_movement
from emulation.models import (
    Direction,
    ImplementationPlan,
    Measure,
    Milestone,
    MilestoneKind,
    Movement,
    MovementStatus,
    MovementTask,
    ProgressReport,
    Target,
    TargetScope,
)
from emulation.seed_loader import load_seed_program
from nominations.models import Unit, UnitKind
from nominations.roles import Role
from nominations.text import search_key
from tests.factories import UnitFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

SEED = "ky-anh-2020-ct42"
IN_2020 = date(2020, 6, 1)  # before the seed's end-of-year deadlines
AFTER_2020 = date(2021, 2, 1)


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day):
        monkeypatch.setattr(dashboard, "today", lambda: day)

    return set_day


@pytest.fixture
def seed(db):
    from workflows.demo import load_organisation

    load_organisation()
    movement = load_seed_program().movement
    lead = Unit.objects.get(code="van-phong-ntm")  # leads task 1 (OCOP, roads...)
    clerk = UserFactory(username="ntm_clerk")
    grant(clerk, lead, Role.UNIT_CLERK)
    return movement


def page(client, user, code=SEED, lang="en"):
    client.force_login(user)
    response = client.get(reverse("movement_dashboard", args=[code]), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def row(html, code):
    """The table row of one target (its id is target-<code>), its per-unit list included."""
    start = html.index(f'<tr id="target-{code}">')
    return html[start : html.index("\n      </tr>", start)]


def status_of(html, code):
    return re.search(
        r'<span class="status status-(\w+)">([^<]+)</span>\s*</td>\s*<td data-label="Deadline"',
        row(html, code),
    ).group(2)


def report(target_code, unit, value, as_of=date(2020, 5, 31), movement_code=SEED):
    target = Target.objects.get(task__movement__code=movement_code, code=target_code)
    return ProgressReport.objects.create(target=target, unit=unit, value=D(value), as_of=as_of)


# --- the seed program -----------------------------------------------------------------------


def test_the_seed_program_shows_its_real_targets(client, seed, on_day):
    on_day(IN_2020)
    clerk = UserFactory(username="ntm_clerk")

    html = page(client, clerk)

    assert "OCOP" in html
    assert "More than 5 sản phẩm" in html
    assert "At least 41.2 km" in html
    assert "12.8 km" in html
    assert status_of(html, "ocop-products") == "No report"
    targets = Target.objects.filter(task__movement=seed).count()
    assert f"{targets} targets" in html
    assert f'<span class="n">{targets}</span> No report' in html
    assert (
        html.count('role="img"')
        == MovementTask.objects.filter(movement=seed, targets__isnull=False).distinct().count()
    )
    # The milestones and the plans (nobody has filed one yet).
    assert "25/03/2020" in html and "Implementation plans" in html
    assert f"0 filed, 0 late, {seed.participants.count()} missing" in html


def test_in_vietnamese_the_figures_take_a_decimal_comma(client, seed, on_day):
    on_day(IN_2020)
    html = page(client, UserFactory(username="ntm_clerk"), lang="vi")
    assert "41,2 km" in html
    assert "41.2" not in re.sub(r"<svg.*?</svg>", "", html, flags=re.S)


def test_reports_change_the_status(client, seed, on_day):
    clerk = UserFactory(username="ntm_clerk")
    lead = Unit.objects.get(code="van-phong-ntm")
    on_day(IN_2020)
    report("ocop-products", lead, "5")  # "more than 5": not yet
    html = page(client, clerk)
    assert status_of(html, "ocop-products") == "On track"
    assert "5 sản phẩm" in row(html, "ocop-products")

    report("ocop-products", lead, "6", as_of=date(2020, 11, 30))
    html = page(client, clerk)
    assert status_of(html, "ocop-products") == "Reached"
    assert "6 sản phẩm" in row(html, "ocop-products")
    assert '<span class="n">1</span> Reached' in html

    # 10 model residential areas by 30/06/2020: 8 is on track until then, late after.
    report("model-residential-areas-first-half", lead, "8")
    assert status_of(page(client, clerk), "model-residential-areas-first-half") == "On track"
    on_day(AFTER_2020)
    html = page(client, clerk)
    assert status_of(html, "model-residential-areas-first-half") == "Late"
    assert "30/06/2020" in row(html, "model-residential-areas-first-half")

    # Kilometres are added over the units that report them: 30 + 11.2 reach 41.2.
    report("rural-roads", lead, "30")
    report("rural-roads", Unit.objects.get(code="xa-ky-phong"), "11.2")
    html = page(client, clerk)
    assert "41.2 km" in row(html, "rural-roads")
    assert status_of(html, "rural-roads") == "Reached"


def test_a_per_commune_target_shows_how_many_communes_reached_it(client, seed, on_day):
    on_day(IN_2020)
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE).order_by("code"))
    target = Target.objects.get(task__movement=seed, code="new-enterprises-per-commune")
    assert target.scope_units.count() == len(communes) == 12
    for commune in communes[:3]:
        report(target.code, commune, "2")
    report(target.code, communes[3], "0")

    html = page(client, UserFactory(username="ntm_clerk"))

    cells = row(html, target.code)
    assert "3 of 12 communes reached" in cells
    assert "<details" in cells  # the expandable list of the twelve communes
    assert cells.count("<tr><td>") == 12
    assert status_of(html, target.code) == "On track"
    for commune in communes:
        assert commune.name in cells


# --- who may see it -------------------------------------------------------------------------


def test_an_outsider_gets_404_and_an_anonymous_visitor_the_login(client, seed):
    outsider = UserFactory(username="outsider")
    elsewhere = UserFactory(username="elsewhere")
    grant(elsewhere, Unit.objects.get(code="ban-tdkt-ha-tinh"), Role.SECRETARIAT_OFFICER)
    url = reverse("movement_dashboard", args=[SEED])
    export = reverse("movement_export", args=[SEED])

    assert client.get(url).status_code == 302
    for user in (outsider, elsewhere):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(export).status_code == 404
        assert SEED not in client.get(reverse("movement_list")).content.decode()
    assert client.get(reverse("movement_dashboard", args=["no-such-movement"])).status_code == 404


@pytest.mark.parametrize(
    ("unit_code", "role"),
    [
        ("xa-ky-phong", Role.UNIT_HEAD),  # a participant, whatever the role
        ("xa-ky-phong", Role.COUNCIL_MEMBER),
        ("phong-noi-vu", Role.SECRETARIAT_OFFICER),  # the launching authority's secretariat
        ("ubnd-huyen-ky-anh", Role.AUTHORITY_HEAD),  # the launching authority itself
    ],
)
def test_participants_and_the_launching_authority_see_it(client, seed, unit_code, role):
    user = UserFactory(username="someone")
    grant(user, Unit.objects.get(code=unit_code), role)
    assert may_view_movement(user, seed)
    page(client, user)
    client.force_login(user)
    listing = client.get(reverse("movement_list")).content.decode()
    assert reverse("movement_dashboard", args=[SEED]) in listing


def test_the_pages_own_paths_are_not_taken_for_a_movement_code():
    from django.urls import Resolver404, resolve

    try:
        match = resolve("/movements/mine/")
    except Resolver404:
        return  # the movement pages are not there yet
    assert match.url_name != "movement_dashboard"


# --- the export -----------------------------------------------------------------------------


def test_the_export_holds_a_row_per_target_and_the_units_values(client, seed, on_day):
    on_day(IN_2020)
    lead = Unit.objects.get(code="van-phong-ntm")
    report("rural-roads", lead, "30")
    report("new-enterprises-per-commune", Unit.objects.get(code="xa-ky-phong"), "2")
    client.force_login(UserFactory(username="ntm_clerk"))

    response = client.get(reverse("movement_export", args=[SEED]), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = response["Content-Disposition"]
    name = dashboard.export_filename(seed, IN_2020)
    assert name.startswith("Progress - Chương trình hành động thực hiện Chỉ thị số 42-CT TU")
    assert name.endswith(" - 01-06-2020.xlsx")
    assert disposition.startswith('attachment; filename="Progress - Chuong trinh hanh dong')
    assert f"filename*=utf-8''{quote(name)}" in disposition
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    targets_sheet, units_sheet = workbook.worksheets
    rows = list(targets_sheet.iter_rows(values_only=True))
    assert rows[0][:9] == (
        "Task",
        "No.",
        "Target",
        "Counted in",
        "Direction",
        "Target value",
        "Achieved",
        "Status",
        "Deadline",
    )
    assert len(rows) == 1 + Target.objects.filter(task__movement=seed).count()
    roads = next(r for r in rows if r[2] == "Đường giao thông nông thôn hoàn thành")
    assert roads[3:8] == ("km", "At least", 41.2, 30, "On track")
    assert roads[8] is None  # the text sets no date for the roads
    first_half = next(r for r in rows if r[2].startswith("Khu dân cư kiểu mẫu hoàn thành"))
    assert first_half[8].date() == date(2020, 6, 30)
    ocop = next(r for r in rows if r[2].startswith("Sản phẩm đạt tiêu chuẩn OCOP"))
    assert ocop[4:8] == ("More than", 5, None, "No report")
    per_commune = next(r for r in rows if r[2].startswith("Doanh nghiệp thành lập mới"))
    assert per_commune[6] == "1 of 12 communes reached"

    unit_rows = list(units_sheet.iter_rows(values_only=True))[1:]
    roads_units = [r for r in unit_rows if r[2] == "Đường giao thông nông thôn hoàn thành"]
    assert lead.name in {r[3] for r in roads_units}
    reported = [r for r in roads_units if r[4] is not None]
    assert len(reported) == 1 and reported[0][4] == 30 and reported[0][5] == "km"
    assert reported[0][6].date() == date(2020, 5, 31)


# --- a fixed number of queries ----------------------------------------------------------------


def build_movement(world, *, targets, units):
    """A movement of `targets` targets over three tasks and `units` units, every unit
    reporting twice on each target; a quarter of the targets per unit; plans and milestones."""
    district = world.district.unit
    members = [UnitFactory(parent=district, kind=UnitKind.COMMUNE) for _ in range(units)]
    movement = Movement.objects.create(
        authority=world.district,
        code=f"size-{targets}",
        title="Phong trào thử",
        legal_basis="Chỉ thị thử",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
        status=MovementStatus.LAUNCHED,
    )
    movement.participants.set([world.justice, *members])
    Milestone.objects.create(
        movement=movement, kind=MilestoneKind.PLANS_DUE, title="Kế hoạch", due_on=date(2020, 3, 1)
    )
    Milestone.objects.create(
        movement=movement,
        kind=MilestoneKind.FINAL_REVIEW,
        title="Tổng kết",
        due_on=date(2020, 12, 1),
    )
    for i, unit in enumerate(members[: units // 2]):
        ImplementationPlan.objects.create(
            movement=movement, unit=unit, filed_on=date(2020, 2 + i % 3, 1)
        )
    tasks = []
    for number in (1, 2, 3):
        task = MovementTask.objects.create(movement=movement, number=number, title=f"Việc {number}")
        task.lead_units.set([world.justice])
        task.coordinating_units.set(members)
        tasks.append(task)
    reports = []
    for i in range(targets):
        target = Target.objects.create(
            task=tasks[i % 3],
            code=f"t{i}",
            description=f"Chỉ tiêu {i}",
            measure=[Measure.COUNT, Measure.PERCENT, Measure.KILOMETRES][i % 3],
            unit_label="x",
            direction=Direction.AT_LEAST,
            value=D(10),
            scope=TargetScope.EACH_UNIT if i % 4 == 3 else TargetScope.WHOLE,
            deadline=date(2020, 12, 31),
        )
        if target.scope != TargetScope.WHOLE:
            target.scope_units.set(members)
        for unit in members:
            for month, value in ((3, 1), (6, 3 + i % 9)):
                reports.append(
                    ProgressReport(
                        target=target, unit=unit, value=D(value), as_of=date(2020, month, 28)
                    )
                )
    ProgressReport.objects.bulk_create(reports)
    return movement


def count_queries(client, movement):
    url = reverse("movement_dashboard", args=[movement.code])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return len(captured), response.content.decode()


# The page's own 13 (the movement, the participation check, the evaluation's 5, the tasks and
# their lead units, the units' names, the milestones, the plans overview's 3) and the base
# page's 9 (session, user, memberships, the menu's 3 counts, the user's permissions 2; one
# more for the participation check's absence is not counted twice).
MAX_QUERIES = 22


def test_the_dashboard_takes_a_fixed_number_of_queries(
    client, world, on_day, django_assert_max_num_queries
):
    on_day(IN_2020)
    small = build_movement(world, targets=5, units=3)
    large = build_movement(world, targets=20, units=12)
    client.force_login(world.clerk)  # a participant: the participation check runs
    client.get(reverse("movement_list"))  # the session, once

    small_count, _ = count_queries(client, small)
    large_count, html = count_queries(client, large)

    assert small_count == large_count
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(reverse("movement_dashboard", args=[small.code]))
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(reverse("movement_dashboard", args=[large.code]))
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("movement_export", args=[large.code]))
    assert response.status_code == 200
    assert "20 targets" in html
    assert "12 of 12 communes reached" in html  # t7: every commune reports 10
    assert "0 of 12 communes reached" in html


# --- figures and the chart --------------------------------------------------------------------


def test_figures_are_written_as_people_read_them():
    from django.utils import translation

    from nominations.formatting import figure

    with translation.override("vi"):
        assert figure(D("41.20")) == "41,2"
        assert figure(D("1234.50")) == "1.234,5"
        assert figure(D("130000")) == "130.000"
    with translation.override("en"):
        assert figure(D("41.20")) == "41.2"
        assert figure(D("1234.50")) == "1,234.5"
    assert figure(D("5.00")) == "5"
    assert figure(None) == "—"


def test_a_bar_is_full_only_when_the_target_is_reached(client, seed, on_day):
    on_day(IN_2020)
    report("ocop-products", Unit.objects.get(code="van-phong-ntm"), "5")  # more than 5: not yet
    html = page(client, UserFactory(username="ntm_clerk"))
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert 'aria-label="Progress of task 1 towards its targets: 1.1 ' in chart
    assert "99 % · On track" in chart
    assert "<title>" in chart


def test_the_movement_list_is_searched_without_diacritics_and_filtered_by_status(client, seed):
    user = UserFactory(username="someone")
    grant(user, Unit.objects.get(code="phong-noi-vu"), Role.SECRETARIAT_OFFICER)
    client.force_login(user)
    link = reverse("movement_dashboard", args=[SEED])
    words = " ".join(search_key(seed.title).split()[:3])
    assert link in client.get(reverse("movement_list"), {"q": words}).content.decode()
    assert link not in client.get(reverse("movement_list"), {"q": "khong co"}).content.decode()
    other = "closed" if seed.status != "closed" else "draft"
    assert link not in client.get(reverse("movement_list"), {"status": other}).content.decode()
    assert link in client.get(reverse("movement_list"), {"status": seed.status}).content.decode()
