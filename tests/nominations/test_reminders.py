"""The processing-time reminder: who holds the dossier is told before its deadline, once."""

import datetime
from functools import partial

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from nominations import services
from nominations.models import DossierStatus, Notification, NotificationEvent
from nominations.reminders import processing_deadline_reminders_send
from nominations.tasks import send_deadline_reminders
from tests.nominations.test_register import received
from tests.workflows.helpers import complete

pytestmark = pytest.mark.django_db

D = datetime.date
DEADLINE_NEAR = NotificationEvent.PROCESSING_DEADLINE_NEAR
RECEIVED_ON = D(2020, 8, 3)  # a Monday: 10 working days later is Monday 17/8/2020


@pytest.fixture(autouse=True)
def time_limits():
    call_command("load_processing_time_limits", verbosity=0)


def reminded(dossier):
    return set(
        Notification.objects.filter(event=DEADLINE_NEAR, dossier=dossier).values_list(
            "recipient__username", flat=True
        )
    )


# --- processing time -------------------------------------------------------------------------


def test_the_secretariat_is_reminded_two_working_days_before_the_processing_deadline(
    world, time_limits
):
    dossier = received(world, on=RECEIVED_ON)

    assert processing_deadline_reminders_send(today=D(2020, 8, 12)) == 0  # three days left
    assert processing_deadline_reminders_send(today=D(2020, 8, 13)) == 1  # two days left

    [notification] = Notification.objects.filter(event=DEADLINE_NEAR, dossier=dossier)
    assert notification.recipient == world.officer
    assert "17/08/2020" in notification.reason
    assert "2" in notification.reason


def test_a_reminder_is_sent_once_however_often_the_sweep_runs(world):
    dossier = received(world, on=RECEIVED_ON)

    with_mail = []
    for day in (D(2020, 8, 13), D(2020, 8, 13), D(2020, 8, 14), D(2020, 8, 17)):
        with_mail.append(processing_deadline_reminders_send(today=day))

    assert with_mail == [1, 0, 0, 0]
    assert Notification.objects.filter(event=DEADLINE_NEAR, dossier=dossier).count() == 1


def test_the_authority_head_is_reminded_while_the_decision_is_awaited(world):
    dossier = received(world, on=RECEIVED_ON)
    dossier.status = DossierStatus.AWAITING_DECISION
    dossier.save(update_fields=["status"])

    processing_deadline_reminders_send(today=D(2020, 8, 17))  # due today

    assert reminded(dossier) == {"chair"}


def test_no_reminder_once_the_deadline_has_passed_or_the_clock_has_stopped(world):
    late = received(world, on=RECEIVED_ON, title="Sắp quá hạn")
    returned = received(world, on=RECEIVED_ON, title="Trả lại để bổ sung")
    complete(
        returned,
        "secretariat_check",
        world.officer,
        partial(
            services.dossier_return, actor=world.officer, dossier=returned, reason="Thiếu biên bản"
        ),
    )
    returned.refresh_from_db()
    assert returned.status == DossierStatus.RETURNED

    assert processing_deadline_reminders_send(today=D(2020, 8, 18)) == 0  # both: overdue
    assert processing_deadline_reminders_send(today=D(2020, 8, 14)) == 1  # only `late`
    assert reminded(late) == {"officer"}
    assert reminded(returned) == set()


def test_the_reminder_is_mailed_after_commit_by_the_beat_task(
    world, django_capture_on_commit_callbacks, settings
):
    settings.PROCESSING_REMINDER_WORKING_DAYS = 10  # received today: ten working days left
    dossier = received(world, on=timezone.localdate())

    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders.delay().get() == 1

    [message] = mail.outbox
    assert message.to == [world.officer.email]
    assert dossier.title in message.subject
