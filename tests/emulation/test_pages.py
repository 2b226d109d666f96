"""A unit's pages in a movement: register, report, correct, file the plan; the lead's checks;
the list of my movements. The rules are the services' (test_reports); here, the pages."""

from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.urls import reverse

from emulation.models import (
    Commitment,
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
)
from emulation.selectors import movement_evaluation

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def mv(world):
    """Task 1 led by justice with health coordinating (OCOP products, poverty rate); task 2
    led by health alone (clinics). Plans due on 25/03/2020."""
    movement = Movement.objects.create(
        authority=world.district,
        code="ky-anh-2020",
        title="Phong trào thi đua năm 2020",
        legal_basis="Chỉ thị số 42-CT/TU",
        starts_on=date(2020, 2, 28),
        ends_on=date(2020, 12, 31),
        status=MovementStatus.LAUNCHED,
    )
    movement.participants.set([world.justice, world.health])
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

    def target(task, code, measure, direction, value):
        return Target.objects.create(
            task=task,
            code=code,
            description=f"Chỉ tiêu {code}",
            measure=measure,
            unit_label="x",
            direction=direction,
            value=D(value),
            deadline=date(2020, 12, 31),
        )

    return SimpleNamespace(
        movement=movement,
        ocop=target(task1, "ocop", Measure.COUNT, Direction.MORE_THAN, "5"),
        poverty=target(task1, "ngheo", Measure.PERCENT, Direction.LESS_THAN, "4.5"),
        clinics=target(task2, "tram-y-te", Measure.COUNT, Direction.AT_LEAST, "3"),
    )


def unit_url(mv, unit):
    return reverse("movement_unit", args=[mv.movement.code, unit.pk])


def checks_url(mv):
    return reverse("movement_checks", args=[mv.movement.code])


def post_report(client, mv, unit, target, value, *, action="report", note="", **extra):
    prefix = f"{action}-{target.pk}"
    data = {
        "action": action,
        "target": target.pk,
        f"{prefix}-value": value,
        f"{prefix}-as_of": "2020-06-30",
        f"{prefix}-note": note,
        **extra,
    }
    return client.post(unit_url(mv, unit), data, **EN)


def current_value(mv, target, unit):
    result = {t.target.id: t for t in movement_evaluation(mv.movement).targets}[target.pk]
    return next(u for u in result.units if u.unit_id == unit.pk).value


# --- my unit's page ------------------------------------------------------------------------


def test_a_clerk_registers_reports_and_corrects(world, mv, login):
    client = login(world.clerk)
    page = client.get(unit_url(mv, world.justice), **EN)
    assert page.status_code == 200
    assert "Chỉ tiêu ocop" in page.content.decode()
    assert "Chỉ tiêu tram-y-te" not in page.content.decode()  # task 2 is not justice's

    done = client.post(
        unit_url(mv, world.justice),
        {"action": "commit", "target": mv.ocop.pk, f"commit-{mv.ocop.pk}-value": "7"},
        **EN,
    )
    assert done.status_code == 302
    assert Commitment.objects.get(unit=world.justice, target=mv.ocop).value == D(7)

    reported = post_report(client, mv, world.justice, mv.ocop, "3", note="Ba sản phẩm")
    assert reported.status_code == 302
    first = ProgressReport.objects.get()
    assert (first.value, first.reported_by, first.note) == (D(3), world.clerk, "Ba sản phẩm")

    fixed = post_report(
        client, mv, world.justice, mv.ocop, "4", action="correct", corrects=first.pk
    )
    assert fixed.status_code == 302
    correction = ProgressReport.objects.get(supersedes=first)
    assert correction.value == D(4)
    assert current_value(mv, mv.ocop, world.justice) == D(4)

    page = client.get(unit_url(mv, world.justice), follow=True, **EN)
    text = page.content.decode()
    assert "The correction was recorded." in text
    assert 'class="current-value">4 x' in text
    assert f'name="corrects" value="{correction.pk}"' in text  # only the latest is correctable
    assert f'name="corrects" value="{first.pk}"' not in text


def test_a_figure_typed_with_a_decimal_comma_is_accepted(world, mv, login):
    client = login(world.clerk)
    assert post_report(client, mv, world.justice, mv.poverty, "41,2").status_code == 302
    assert ProgressReport.objects.get().value == D("41.2")
    assert post_report(client, mv, world.justice, mv.ocop, "41.2").status_code == 302
    assert ProgressReport.objects.get(target=mv.ocop).value == D("41.2")
    # shown back in Vietnamese with a comma
    page = client.get(unit_url(mv, world.justice), HTTP_ACCEPT_LANGUAGE="vi")
    assert 'class="current-value">41,2 x' in page.content.decode()


def test_a_refused_value_shows_the_error_and_keeps_what_was_typed(world, mv, login):
    client = login(world.clerk)
    page = post_report(client, mv, world.justice, mv.ocop, "-1", note="Số liệu quý hai")
    assert page.status_code == 200
    text = page.content.decode()
    assert "The value cannot be negative." in text
    assert "Số liệu quý hai" in text
    assert 'value="-1"' in text
    assert not ProgressReport.objects.exists()

    page = client.post(  # in the user's language
        unit_url(mv, world.justice),
        {"action": "report", "target": mv.ocop.pk, f"report-{mv.ocop.pk}-value": "-1"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert "Giá trị không được âm." in page.content.decode()

    page = post_report(client, mv, world.justice, mv.poverty, "120,5")
    assert "A percentage cannot be more than 100." in page.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_report_dated_in_the_future_is_refused_by_the_service_next_to_its_form(world, mv, login):
    client = login(world.clerk)
    prefix = f"report-{mv.ocop.pk}"
    page = client.post(
        unit_url(mv, world.justice),
        {
            "action": "report",
            "target": mv.ocop.pk,
            f"{prefix}-value": "2",
            f"{prefix}-as_of": "2999-01-01",
            f"{prefix}-note": "Dự kiến",
        },
        **EN,
    )
    assert page.status_code == 200
    assert "A report cannot be dated in the future." in page.content.decode()
    assert "Dự kiến" in page.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_unit_cannot_report_for_another_unit(world, mv, login):
    client = login(world.clerk)
    assert client.get(unit_url(mv, world.health)).status_code == 404
    assert post_report(client, mv, world.health, mv.ocop, "2").status_code == 404
    # a forged POST on its own page with a target of a task it has no part in
    page = post_report(client, mv, world.justice, mv.clinics, "2")
    assert page.status_code == 403
    assert "This target does not concern this unit." in page.content.decode()
    assert not ProgressReport.objects.exists()
    # and someone of no unit at all
    assert login(world.outsider).get(unit_url(mv, world.justice)).status_code == 404


def test_a_double_submitted_report_is_recorded_once(world, mv, login):
    client = login(world.clerk)
    assert post_report(client, mv, world.justice, mv.ocop, "2").status_code == 302
    again = post_report(client, mv, world.justice, mv.ocop, "2")
    assert again.status_code == 302
    assert ProgressReport.objects.count() == 1
    page = client.get(again.url, **EN)
    assert "already recorded a moment ago" in page.content.decode()


def test_a_double_submitted_correction_is_refused_clearly(world, mv, login):
    client = login(world.clerk)
    post_report(client, mv, world.justice, mv.ocop, "3")
    first = ProgressReport.objects.get()
    correct = dict(action="correct", corrects=first.pk, note="Sửa số")
    assert post_report(client, mv, world.justice, mv.ocop, "4", **correct).status_code == 302
    again = post_report(client, mv, world.justice, mv.ocop, "4", **correct)
    assert again.status_code == 200
    assert "This report has already been corrected" in again.content.decode()
    assert "Sửa số" in again.content.decode()
    assert ProgressReport.objects.count() == 2


# --- the plan ------------------------------------------------------------------------------


def file_plan(client, mv, unit, filed_on):
    return client.post(
        unit_url(mv, unit),
        {"action": "plan", "plan-reference": "15/KH-TP", "plan-filed_on": filed_on},
        **EN,
    )


def test_a_late_plan_shows_as_late(world, mv, login):
    client = login(world.clerk)
    page = client.get(unit_url(mv, world.justice), **EN)
    assert "Not filed: " in page.content.decode() and "days overdue." in page.content.decode()
    assert file_plan(client, mv, world.justice, "27/03/2020").status_code == 302
    plan = ImplementationPlan.objects.get()
    assert (plan.filed_on, plan.reference, plan.filed_by) == (
        date(2020, 3, 27),
        "15/KH-TP",
        world.clerk,
    )
    text = client.get(unit_url(mv, world.justice), **EN).content.decode()
    assert "Filed 2 days late." in text
    assert "25/03/2020" in text  # the due date
    assert 'name="plan-filed_on"' not in text  # no form any more


def test_a_plan_filed_on_the_due_day_is_on_time(world, mv, login):
    client = login(world.other_clerk)
    assert file_plan(client, mv, world.health, "2020-03-25").status_code == 302
    assert "Filed on time." in client.get(unit_url(mv, world.health), **EN).content.decode()


def test_a_double_submitted_plan_shows_a_message_not_an_error_page(world, mv, login):
    client = login(world.clerk)
    assert file_plan(client, mv, world.justice, "2020-03-20").status_code == 302
    again = file_plan(client, mv, world.justice, "2020-03-20")
    assert again.status_code == 200
    assert "This unit has already filed its plan for this movement." in again.content.decode()
    assert ImplementationPlan.objects.count() == 1


# --- reports to check ----------------------------------------------------------------------


def test_the_lead_checks_a_coordinating_units_report(world, mv, login):
    post_report(login(world.other_clerk), mv, world.health, mv.ocop, "2")
    report = ProgressReport.objects.get()
    client = login(world.head)
    page = client.get(checks_url(mv), **EN)
    assert f'name="report" value="{report.pk}"' in page.content.decode()

    done = client.post(checks_url(mv), {"report": report.pk}, **EN)
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.checked_by == world.head and report.checked_at is not None
    page = client.get(checks_url(mv), **EN)
    assert f'name="report" value="{report.pk}"' not in page.content.decode()

    again = client.post(checks_url(mv), {"report": report.pk}, **EN)  # a double click
    assert again.status_code == 200
    assert "This report has already been checked." in again.content.decode()


def test_a_coordinating_unit_cannot_check_the_leads_reports(world, mv, login):
    post_report(login(world.clerk), mv, world.justice, mv.ocop, "2")
    leads = ProgressReport.objects.get()
    client = login(world.other_head)
    page = client.get(checks_url(mv), **EN)
    assert page.status_code == 200
    assert f'name="report" value="{leads.pk}"' not in page.content.decode()

    forged = client.post(checks_url(mv), {"report": leads.pk}, **EN)
    assert forged.status_code == 403
    assert "Only the lead unit of the task may check its reports." in forged.content.decode()
    leads.refresh_from_db()
    assert leads.checked_at is None


def test_a_superseded_report_is_not_listed_its_correction_is(world, mv, login):
    clerk = login(world.other_clerk)
    post_report(clerk, mv, world.health, mv.ocop, "2")
    first = ProgressReport.objects.get()
    post_report(clerk, mv, world.health, mv.ocop, "1", action="correct", corrects=first.pk)
    correction = ProgressReport.objects.get(supersedes=first)
    text = login(world.head).get(checks_url(mv), **EN).content.decode()
    assert f'name="report" value="{correction.pk}"' in text
    assert f'name="report" value="{first.pk}"' not in text


def test_the_checks_page_is_for_the_movements_units_only(world, mv, login):
    assert login(world.outsider).get(checks_url(mv)).status_code == 404
    assert login(world.member).get(checks_url(mv)).status_code == 404


# --- my movements --------------------------------------------------------------------------


def test_my_movements_link_to_my_unit_and_to_the_checks(world, mv, login):
    text = login(world.head).get(reverse("movement_mine"), **EN).content.decode()
    assert mv.movement.title in text
    assert unit_url(mv, world.justice) in text
    assert unit_url(mv, world.health) not in text
    assert checks_url(mv) in text

    Movement.objects.filter(pk=mv.movement.pk).update(status=MovementStatus.DRAFT)
    text = login(world.head).get(reverse("movement_mine"), **EN).content.decode()
    assert mv.movement.title not in text
    assert login(world.head).get(unit_url(mv, world.justice)).status_code == 404


def test_nothing_for_someone_without_a_unit(world, mv, login):
    page = login(world.outsider).get(reverse("movement_mine"), **EN)
    assert page.status_code == 200
    assert mv.movement.title not in page.content.decode()


def test_nothing_changes_once_the_movement_is_closed(world, mv, login):
    client = login(world.clerk)
    Movement.objects.filter(pk=mv.movement.pk).update(status=MovementStatus.CLOSED)
    page = post_report(client, mv, world.justice, mv.ocop, "2")
    assert page.status_code == 200
    text = page.content.decode()
    assert "This movement is closed" in text
    assert f'name="report-{mv.ocop.pk}-value"' not in text  # no forms on a closed movement
    assert not ProgressReport.objects.exists()
