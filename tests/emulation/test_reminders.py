"""Reminders from Celery beat: before each milestone and for missing reports, each sent once."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
    Reminder,
    ReminderKind,
    Target,
)
from emulation.reminders import reminders_due
from emulation.tasks import deliver_reminder, send_movement_reminders
from nominations.roles import Role
from tests.factories import UnitFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

MONDAY = date(2020, 6, 1)


@pytest.fixture(autouse=True)
def eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.MOVEMENT_REMINDER_WORKING_DAYS = 3


def movement(world, units, code="pt-2020"):
    mv = Movement.objects.create(
        authority=world.district,
        code=code,
        title="Phong trào thi đua năm 2020",
        legal_basis="Chỉ thị số 42-CT/TU",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
        status=MovementStatus.LAUNCHED,
    )
    mv.participants.set(units)
    return mv


def milestone(mv, kind, due_on):
    return Milestone.objects.create(movement=mv, kind=kind, title=kind.label, due_on=due_on)


def target(mv, lead, coordinating=(), code="ocop", number=1):
    task = MovementTask.objects.create(movement=mv, number=number, title=f"Nhiệm vụ {number}")
    task.lead_units.set([lead])
    task.coordinating_units.set(coordinating)
    return Target.objects.create(
        task=task,
        code=code,
        description=f"Chỉ tiêu {code}",
        measure=Measure.COUNT,
        unit_label="sản phẩm",
        direction=Direction.AT_LEAST,
        value=D(5),
    )


def run(django_capture_on_commit_callbacks, today=MONDAY):
    with django_capture_on_commit_callbacks(execute=True):
        return reminders_due(today)


def recipients():
    return sorted(address for m in mail.outbox for address in m.to)


def test_a_milestone_two_working_days_ahead_reminds_each_clerk_and_head_once(
    world, django_capture_on_commit_callbacks
):
    mv = movement(world, [world.justice, world.health])
    final = milestone(mv, MilestoneKind.FINAL_REVIEW, date(2020, 6, 3))  # Wednesday

    assert run(django_capture_on_commit_callbacks) == 4
    assert recipients() == sorted(
        f"{u.username}@example.invalid"
        for u in (world.clerk, world.head, world.other_clerk, world.other_head)
    )
    reminder = Reminder.objects.get(recipient=world.clerk)
    assert reminder.kind == ReminderKind.MILESTONE
    assert reminder.key == f"milestone:{final.pk}:{world.justice.pk}:{world.clerk.pk}"
    assert reminder.emailed_at is not None

    assert run(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 4
    assert Reminder.objects.count() == 4


def test_the_beat_task_runs_the_same(world, django_capture_on_commit_callbacks, monkeypatch):
    mv = movement(world, [world.justice])
    milestone(mv, MilestoneKind.FINAL_REVIEW, date(2020, 6, 3))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        send_movement_reminders.delay()
    assert len(mail.outbox) == 2


def test_a_milestone_ten_days_ahead_reminds_nobody(world, django_capture_on_commit_callbacks):
    mv = movement(world, [world.justice, world.health])
    milestone(mv, MilestoneKind.FINAL_REVIEW, date(2020, 6, 11))
    assert run(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_draft_movement_reminds_nobody(world, django_capture_on_commit_callbacks):
    mv = movement(world, [world.justice])
    mv.status = MovementStatus.DRAFT
    mv.save()
    milestone(mv, MilestoneKind.FINAL_REVIEW, date(2020, 6, 2))
    assert run(django_capture_on_commit_callbacks) == 0


def test_the_plans_milestone_skips_the_units_that_filed(world, django_capture_on_commit_callbacks):
    mv = movement(world, [world.justice, world.health])
    milestone(mv, MilestoneKind.PLANS_DUE, date(2020, 6, 2))
    ImplementationPlan.objects.create(movement=mv, unit=world.justice, filed_on=date(2020, 5, 20))

    assert run(django_capture_on_commit_callbacks) == 2
    assert set(Reminder.objects.values_list("unit_id", flat=True)) == {world.health.pk}
    assert recipients() == ["other_clerk@example.invalid", "other_head@example.invalid"]
    assert "implementation plan" in Reminder.objects.first().message


def test_after_the_interim_review_a_unit_missing_a_report_is_reminded_once(
    world, django_capture_on_commit_callbacks
):
    mv = movement(world, [world.justice, world.health])
    interim = milestone(mv, MilestoneKind.INTERIM_REVIEW, date(2020, 5, 29))  # last Friday
    ocop = target(mv, world.justice, [world.health], code="ocop")
    ProgressReport.objects.create(
        target=ocop, unit=world.justice, value=D(3), as_of=date(2020, 5, 28)
    )

    assert run(django_capture_on_commit_callbacks) == 2
    reminders = Reminder.objects.all()
    assert {r.recipient for r in reminders} == {world.other_clerk, world.other_head}
    reminder = reminders.get(recipient=world.other_clerk)
    assert reminder.kind == ReminderKind.MISSING_REPORT
    assert reminder.key == f"missing:{interim.pk}:{world.health.pk}:{world.other_clerk.pk}"
    assert "ocop" in reminder.message
    assert len(mail.outbox) == 2

    # The next days: still nothing new (one reminder per milestone, unit and person).
    assert run(django_capture_on_commit_callbacks, today=date(2020, 6, 2)) == 0
    assert len(mail.outbox) == 2


def test_a_redelivered_reminder_sends_one_mail(world):
    mv = movement(world, [world.justice])
    reminder = Reminder.objects.create(
        movement=mv,
        kind=ReminderKind.MILESTONE,
        unit=world.justice,
        recipient=world.clerk,
        message="Nhắc việc",
        key="test:1",
    )
    deliver_reminder.delay(reminder.pk)
    deliver_reminder.delay(reminder.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["clerk@example.invalid"]


def test_only_the_recipient_marks_a_reminder_read(world, client):
    mv = movement(world, [world.justice])
    reminder = Reminder.objects.create(
        movement=mv,
        kind=ReminderKind.MILESTONE,
        unit=world.justice,
        recipient=world.clerk,
        message="Nhắc việc: hạn nộp kế hoạch",
        key="test:2",
    )
    url = reverse("reminder_read", args=[reminder.pk])

    client.force_login(world.head)
    assert client.post(url).status_code == 404
    reminder.refresh_from_db()
    assert reminder.read_at is None

    client.force_login(world.clerk)
    page = client.get(reverse("movement_mine"))
    assert "Nhắc việc: hạn nộp kế hoạch" in page.content.decode()
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    reminder.refresh_from_db()
    assert reminder.read_at is not None
    assert (
        "Nhắc việc: hạn nộp kế hoạch" not in client.get(reverse("movement_mine")).content.decode()
    )


def queries_for(world, n, code):
    units = [UnitFactory() for _ in range(n)]
    for i, unit in enumerate(units):
        grant(UserFactory(username=f"{code}-clerk-{i}"), unit, Role.UNIT_CLERK)
        grant(UserFactory(username=f"{code}-head-{i}"), unit, Role.UNIT_HEAD)
    mv = movement(world, units, code=code)
    milestone(mv, MilestoneKind.PLANS_DUE, date(2020, 6, 2))
    milestone(mv, MilestoneKind.INTERIM_REVIEW, date(2020, 5, 29))
    target(mv, units[0], units[1:])
    with CaptureQueriesContext(connection) as queries:
        created = reminders_due(MONDAY)
    assert created == n * 2 * 2  # plans + missing report, clerk and head of each unit
    mv.status = MovementStatus.CLOSED
    mv.save()
    return len(queries)


def test_the_query_count_does_not_grow_with_the_units(world):
    assert queries_for(world, 3, "ba") == queries_for(world, 12, "muoi-hai")
