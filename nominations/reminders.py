"""Reminders before deadlines, sent by Celery beat (nominations.tasks.send_deadline_reminders).

- **Processing time**: a dossier whose clock runs at its authority (register.deadlines) and has
  at most settings.PROCESSING_REMINDER_WORKING_DAYS working days left reminds whoever holds its
  step: the secretariat's officers while it is checked or waits for the council, the authority
  head while it waits for the decision.
- **Ballot closing**: an open ballot with an announced closing time reminds, within
  settings.BALLOT_REMINDER_MINUTES of it, the members present who have not cast their ballot.

The sweep may run as often as one likes: each reminder is a Notification whose unique key names
the event, the dossier's round (or the session) and the person, so a second run writes and
queues nothing. A dossier returned and sent again starts a new round, with its new deadline,
and is reminded again.
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nominations.models import (
    Attendance,
    BallotParticipation,
    CouncilSession,
    Dossier,
    DossierStatus,
    NotificationEvent,
    SessionAttendance,
    SessionStatus,
)
from nominations.notifications import notify_dossier_event, notify_session_event
from nominations.register.calendar import load_calendar
from nominations.register.deadlines import CLOCK_RUNNING, DeadlineState, TimeLimits, deadline_of
from nominations.roles import Role

BEFORE_THE_DEADLINE = (DeadlineState.RUNNING, DeadlineState.DUE_TODAY)


def processing_deadline_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the holders of each dossier close to its processing deadline. Returns the count."""
    today = today or timezone.localdate()
    calendar, limits = load_calendar(), TimeLimits()
    sent = 0
    dossiers = Dossier.objects.filter(
        status__in=CLOCK_RUNNING, received_on__isnull=False
    ).select_related("authority")
    for dossier in dossiers.iterator(chunk_size=500):
        deadline = deadline_of(dossier, calendar=calendar, limits=limits, today=today)
        if deadline.state not in BEFORE_THE_DEADLINE:
            continue
        if deadline.days_left > settings.PROCESSING_REMINDER_WORKING_DAYS:
            continue
        roles, unit_id = _step_holders(dossier)
        sent += notify_dossier_event(
            NotificationEvent.PROCESSING_DEADLINE_NEAR,
            dossier,
            roles=roles,
            scope_unit=unit_id,
            reason=_deadline_reason(deadline),
        )
    return sent


def _step_holders(dossier: Dossier) -> tuple[tuple[str, ...], int]:
    if dossier.status == DossierStatus.AWAITING_DECISION:
        return (Role.AUTHORITY_HEAD,), dossier.authority.unit_id
    return (Role.SECRETARIAT_OFFICER,), dossier.authority.secretariat_unit_id


def _deadline_reason(deadline) -> str:
    """Kept in the authority's language, like every other notification reason."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Due on %(date)s: %(days)d working days left.") % {
            "date": deadline.due_on.strftime("%d/%m/%Y"),
            "days": deadline.days_left,
        }


def ballot_closing_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the members present who have not voted that the ballot closes soon."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(minutes=settings.BALLOT_REMINDER_MINUTES)
    sessions = CouncilSession.objects.filter(
        status=SessionStatus.VOTING, ballot_closes_at__gt=now, ballot_closes_at__lte=soon
    )
    sent = 0
    for session in sessions:
        voted = BallotParticipation.objects.filter(session=session).values("member_id")
        waiting = (
            SessionAttendance.objects.filter(session=session, attendance=Attendance.PRESENT)
            .exclude(member_id__in=voted)
            .values_list("member__user_id", flat=True)
        )
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("The ballot closes at %(time)s.") % {
                "time": timezone.localtime(session.ballot_closes_at).strftime("%H:%M %d/%m/%Y")
            }
        sent += notify_session_event(
            NotificationEvent.BALLOT_CLOSING, session, user_ids=list(waiting), reason=reason
        )
    return sent
