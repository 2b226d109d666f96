"""Reads for the council's pages: a fixed number of queries whatever the agenda's size.

Nothing here reads a ballot: counts appear only once the ballot is closed and counted, from
the agenda items, never from who voted.
"""

from django.db.models import Count, Q

from nominations.council.access import seat_of
from nominations.models import (
    Attendance,
    BallotDraft,
    BallotParticipation,
    CouncilMember,
    CouncilSession,
    Recusal,
    SessionAttendance,
    SessionStatus,
)
from nominations.text import search_key

COUNTED = (SessionStatus.COUNTED, SessionStatus.CLOSED)


def sessions_for(user, *, query: str = "", status: str = ""):
    """Sessions of the councils where the person runs the secretariat, sits, or reads;
    `query` matches the title with or without diacritics."""
    from nominations.access import units_where

    units = units_where(user, "nominations.view_councilsession")
    condition = (
        Q(council__authority__secretariat_unit_id__in=units)
        | Q(council__authority__unit_id__in=units)
        | Q(council__members__user=user)
    )
    sessions = CouncilSession.objects.filter(condition)
    for word in search_key(query).split():
        sessions = sessions.filter(search_title__contains=word)
    if status in SessionStatus.values:
        sessions = sessions.filter(status=status)
    return (
        sessions.distinct()
        .select_related("council__authority")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("-held_on", "-pk")  # Meta's ordering does not survive the GROUP BY
    )


def agenda_items(session):
    return session.items.select_related(
        "nominee__award", "nominee__dossier__unit", "nominee__collective"
    ).order_by("position")


def session_context(session, user) -> dict:
    """What the session's page and its steps show: agenda, members, attendance, turnout."""
    members = list(
        CouncilMember.objects.active(session.held_on)
        .filter(council=session.council)
        .select_related("user")
    )
    attendance = dict(
        SessionAttendance.objects.filter(session=session).values_list("member_id", "attendance")
    )
    voted = set(
        BallotParticipation.objects.filter(session=session).values_list("member_id", flat=True)
    )
    recusals = list(
        Recusal.objects.filter(item__session=session).select_related("member__user", "item")
    )
    for member in members:
        member.attendance = attendance.get(member.pk)
        member.voted = member.pk in voted  # that they voted, never how
    return {
        "session": session,
        "items": agenda_items(session),
        "members": members,
        "recusals": recusals,
        "voted_count": len(voted),
        "present_count": sum(1 for a in attendance.values() if a == Attendance.PRESENT),
        "counted": session.status in COUNTED,
        "seat": seat_of(user, session.council, session.held_on),
    }


def ballot_page(session, member) -> dict:
    """The member's ballot: every item with its dossier's unit and award, their recusals and
    their draft marks. Five queries for 500 nominees as for 5."""
    items = list(agenda_items(session))
    recused = set(
        Recusal.objects.filter(item__session=session, member=member).values_list(
            "item_id", flat=True
        )
    )
    draft = BallotDraft.objects.filter(session=session, member=member).first()
    marks = draft.marks if draft else {}
    for item in items:
        item.recused = item.pk in recused
        item.mark = marks.get(str(item.pk), "")
    units = sorted({item.nominee.dossier.unit.name for item in items})
    awards = sorted({item.nominee.award.name for item in items})
    return {
        "items": items,
        "units": units,
        "awards": awards,
        "marked": sum(1 for item in items if item.mark),
        "to_mark": sum(1 for item in items if not item.recused),
        "has_voted": BallotParticipation.objects.filter(session=session, member=member).exists(),
    }


def absent_without_ballot(session):
    """Absent members whose written ballot is not entered yet."""
    voted = BallotParticipation.objects.filter(session=session).values("member_id")
    return (
        CouncilMember.objects.filter(
            pk__in=SessionAttendance.objects.filter(
                session=session, attendance=Attendance.ABSENT
            ).values("member_id")
        )
        .exclude(pk__in=voted)
        .select_related("user")
    )
