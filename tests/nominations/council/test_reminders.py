"""The ballot-closing reminder: members present who have not voted, once, before the time."""

import datetime

import pytest
from django.utils import timezone

from nominations.errors import DomainError
from nominations.models import Notification, NotificationEvent
from nominations.reminders import ballot_closing_reminders_send
from workflows import council_script

pytestmark = pytest.mark.django_db


def reminded(session):
    return set(
        Notification.objects.filter(
            event=NotificationEvent.BALLOT_CLOSING, session=session
        ).values_list("recipient__username", flat=True)
    )


@pytest.fixture
def ballot_closing_at(world, convened):
    """The ballot open to all three members, announced to close in 45 minutes."""
    closes_at = timezone.now() + datetime.timedelta(minutes=45)
    seats = [world.seats.chair, world.seats.officer, world.seats.member]
    council_script.open_ballot(convened, officer=world.officer, present=seats, closes_at=closes_at)
    convened.refresh_from_db()
    return convened


def test_members_who_have_not_voted_are_reminded_before_the_ballot_closes(
    world, ballot_closing_at, settings
):
    session = ballot_closing_at
    council_script.cast(session, world.seats.member)
    settings.BALLOT_REMINDER_MINUTES = 30

    assert ballot_closing_reminders_send() == 0  # 45 minutes away: not yet
    settings.BALLOT_REMINDER_MINUTES = 60
    assert ballot_closing_reminders_send() == 2
    assert ballot_closing_reminders_send() == 0  # once

    assert reminded(session) == {"chair", "officer"}
    [notification] = Notification.objects.filter(
        event=NotificationEvent.BALLOT_CLOSING, recipient=world.chair
    )
    closes = timezone.localtime(session.ballot_closes_at).strftime("%H:%M")
    assert closes in notification.reason


def test_no_ballot_reminder_after_the_planned_time_or_once_the_ballot_is_closed(
    world, ballot_closing_at
):
    later = ballot_closing_at.ballot_closes_at + datetime.timedelta(minutes=1)
    assert ballot_closing_reminders_send(now=later) == 0
    council_script.close_and_sign(ballot_closing_at, officer=world.officer)
    assert ballot_closing_reminders_send() == 0


def test_a_closing_time_in_the_past_is_refused_and_the_ballot_stays_unopened(world, convened):
    seats = [world.seats.chair]
    past = timezone.now() - datetime.timedelta(minutes=1)
    with pytest.raises(DomainError, match="future"):
        council_script.open_ballot(convened, officer=world.officer, present=seats, closes_at=past)
    convened.refresh_from_db()
    assert convened.ballot_opened_at is None and not convened.attendances.exists()
