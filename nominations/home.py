"""The home page: one short section per role the signed-in person holds.

A person may hold several roles (a secretariat officer who also drafts the district's own
proposals and sits on its council): each role gets its section, each section its first rows
and a link to the full page, which is paginated, filterable and searchable without
diacritics (the dossier list, the inbox, the incoming register, the council's sessions).
Anonymous visitors go to the public register of decisions.

Which sections appear follows the permissions the person's roles grant where they hold them
(nominations.access), and their seats on a council (CouncilMember), never a role's name alone.

The page costs a fixed number of queries whatever the data: each list is one query with its
joins and annotations, each "see all" count one more; nothing is read per row. The clerk's
reasons for the returns are a subquery of the returned list, the deadlines of the register's
rows are computed by nominations.register (three queries for all of them).
"""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from nominations.access import access_for, units_where
from nominations.charts import bar_chart
from nominations.council.access import MANAGE, councils_managed_by
from nominations.council.selectors import sessions_for
from nominations.models import (
    AgendaItem,
    Attendance,
    AuditAction,
    AuditEntry,
    BallotParticipation,
    CouncilMember,
    CouncilPosition,
    CouncilSession,
    Dossier,
    DossierStatus,
    SessionAttendance,
    SessionStatus,
    Unit,
)
from nominations.register.selectors import (
    REGISTER_PERMISSION,
    annotate_register_rows,
    register_dossiers,
)
from nominations.roles import Role
from workflows.selectors import OPEN_STATUSES, inbox_counts, remember_inbox_counts

HOME_ROWS = 5  # rows per list; the full page has the rest

PREPARE = "nominations.prepare_dossier"
APPROVE = "nominations.approve_dossier"
DECIDE = "nominations.decide_dossier"
RETURN_ACTIONS = (AuditAction.DOSSIER_RETURNED, AuditAction.DOSSIER_SENT_BACK_BY_HEAD)

# Returned and closed dossiers stand out in the clerk's chart.
CHART_COLOURS = {
    DossierStatus.RETURNED: "#8a5a00",
    DossierStatus.CLOSED: "#1e6b34",
}


# --- selectors -------------------------------------------------------------------------------


def dossiers_where(user, perm: str):
    """Dossiers in the scope of the person's roles granting perm (the superuser gets no more)."""
    return Dossier.objects.filter(access_for(user).dossier_filter(perm))


def status_counts(dossiers) -> dict[str, int]:
    """How many of these dossiers stand in each state (one query)."""
    rows = dossiers.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def returned_with_reason(dossiers):
    """The returned dossiers, each with the reason, time and kind of its last return."""
    last_return = AuditEntry.objects.filter(
        dossier=OuterRef("pk"), action__in=RETURN_ACTIONS
    ).order_by("-at", "-pk")
    return (
        dossiers.filter(status=DossierStatus.RETURNED)
        .select_related("unit", "authority")
        .annotate(
            return_reason=Subquery(last_return.values("reason")[:1]),
            returned_at=Subquery(last_return.values("at")[:1]),
            return_action=Subquery(last_return.values("action")[:1]),
        )
        .order_by(F("returned_at").desc(nulls_last=True), "-pk")
    )


def awaiting_approval(user):
    """Dossiers waiting for the approval of a head of one of the person's units."""
    return (
        dossiers_where(user, APPROVE)
        .filter(status=DossierStatus.AWAITING_HEAD)
        .select_related("unit", "authority")
        .annotate(nominee_count=Count("nominees"))
        .order_by("created_at", "pk")
    )


def newest_register_entries(user):
    """The incoming register, its latest entries first (the register page lists by number)."""
    return register_dossiers(user).order_by("-received_on", "-incoming_number", "-pk")


def awaiting_agenda(councils):
    """Dossiers the secretariat accepted for these councils, on no session still open.

    The same rule as nominations.council.services.dossiers_for_agenda, without a session.
    """
    busy = AgendaItem.objects.exclude(session__status=SessionStatus.CLOSED)
    return (
        Dossier.objects.filter(
            authority__council__in=councils, status=DossierStatus.AWAITING_COUNCIL
        )
        .exclude(nominees__agenda_items__in=busy)
        .select_related("unit", "authority")
        .annotate(nominee_count=Count("nominees"))
        .order_by("received_on", "incoming_number", "pk")
    )


def sessions_to_run(user, councils):
    """Sessions of these councils not closed yet, the earliest meeting first."""
    return (
        sessions_for(user)
        .filter(council__in=councils)
        .exclude(status=SessionStatus.CLOSED)
        .order_by("held_on", "pk")
    )


def seats_of(user, day) -> list[CouncilMember]:
    return list(CouncilMember.objects.active(day).filter(user=user).select_related("council"))


def _seated_on_the_day(user, **conditions):
    """Exists: the person sat on the session's council on the day of its meeting."""
    on_the_day = (Q(valid_from__isnull=True) | Q(valid_from__lte=OuterRef("held_on"))) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=OuterRef("held_on"))
    )
    return Exists(
        CouncilMember.objects.filter(
            on_the_day, council=OuterRef("council"), user=user, **conditions
        )
    )


def open_ballots(user):
    """Sessions whose ballot is open where the person has a seat and has not voted yet.

    A member recorded absent gets no ballot (the secretariat enters their written one).
    """
    voted = BallotParticipation.objects.filter(session=OuterRef("pk"), member__user=user)
    absent = SessionAttendance.objects.filter(
        session=OuterRef("pk"), member__user=user, attendance=Attendance.ABSENT
    )
    return (
        CouncilSession.objects.filter(_seated_on_the_day(user), status=SessionStatus.VOTING)
        .exclude(Exists(voted))
        .exclude(Exists(absent))
        .select_related("council")
        .order_by("held_on", "pk")
    )


def recent_sessions(user, seats: list[CouncilMember]):
    return sessions_for(user).filter(council_id__in=sorted({s.council_id for s in seats}))


def minutes_to_sign(user):
    """Counted sessions whose minutes wait for the person as the council's chair."""
    return (
        CouncilSession.objects.filter(
            _seated_on_the_day(user, position=CouncilPosition.CHAIR),
            status=SessionStatus.COUNTED,
        )
        .select_related("council")
        .order_by("held_on", "pk")
    )


def decisions_to_sign(user):
    """Open steps of the authority head's decision on dossiers of the person's authorities."""
    from workflows.flows import NominationFlow

    dossiers = dossiers_where(user, DECIDE).filter(status=DossierStatus.AWAITING_DECISION)
    return (
        Task.objects.filter(
            flow_task=NominationFlow.decide,
            status__in=OPEN_STATUSES,
            process_id__in=dossiers.values("process_id"),
        )
        .select_related("owner", "process__dossier__unit")
        .order_by("created", "pk")
    )


# --- the chart -------------------------------------------------------------------------------


def status_chart(counts: dict[str, int]) -> dict:
    """One bar per state, and its text equivalent."""
    chart = bar_chart(
        ((status, label, counts.get(status, 0)) for status, label in DossierStatus.choices),
        colours=CHART_COLOURS,
    )
    chart["description"] = _("%(total)d dossiers in all. %(figures)s.") % chart
    return chart


# --- the sections ----------------------------------------------------------------------------


def _names(unit_ids, names: dict[int, str]) -> list[str]:
    return sorted(names[pk] for pk in unit_ids if pk in names)


def clerk_section(user, units: list[str]) -> dict:
    dossiers = dossiers_where(user, PREPARE)
    counts = status_counts(dossiers)
    returned = list(returned_with_reason(dossiers)[:HOME_ROWS])
    for dossier in returned:
        dossier.return_label = (
            AuditAction(dossier.return_action).label if dossier.return_action else ""
        )
    return {
        "role": Role.UNIT_CLERK.label,
        "units": units,
        "chart": status_chart(counts),
        "returned": returned,
        "returned_count": counts.get(DossierStatus.RETURNED, 0),
    }


def head_section(user, units: list[str]) -> dict:
    dossiers = awaiting_approval(user)
    return {
        "role": Role.UNIT_HEAD.label,
        "units": units,
        "dossiers": list(dossiers[:HOME_ROWS]),
        "count": dossiers.count(),
    }


def secretariat_section(user, units: list[str], *, today) -> dict:
    register = newest_register_entries(user)
    section = {
        "role": Role.SECRETARIAT_OFFICER.label,
        "units": units,
        "register": annotate_register_rows(register[:HOME_ROWS], today=today),
        "register_count": register.count(),
        "councils": list(councils_managed_by(user)),
    }
    if section["councils"]:
        waiting = awaiting_agenda(section["councils"])
        sessions = sessions_to_run(user, section["councils"])
        section.update(
            awaiting_agenda=list(waiting[:HOME_ROWS]),
            awaiting_agenda_count=waiting.count(),
            sessions=list(sessions[:HOME_ROWS]),
            sessions_count=sessions.count(),
        )
    return section


def council_section(user, seats: list[CouncilMember], *, with_minutes: bool) -> dict:
    section = {
        "role": Role.COUNCIL_MEMBER.label,
        "councils": sorted({seat.council.name for seat in seats}),
        "ballots": list(open_ballots(user)[:HOME_ROWS]),
        "recent": list(recent_sessions(user, seats)[:HOME_ROWS]),
    }
    if with_minutes:
        section["minutes"] = list(minutes_to_sign(user)[:HOME_ROWS])
    return section


def authority_section(user, units: list[str], *, with_minutes: bool) -> dict:
    tasks = decisions_to_sign(user)
    section = {
        "role": Role.AUTHORITY_HEAD.label,
        "units": units,
        "decisions": list(tasks[:HOME_ROWS]),
        "decisions_count": tasks.count(),
    }
    if with_minutes:
        section["minutes"] = list(minutes_to_sign(user)[:HOME_ROWS])
    return section


def home_context(request) -> dict:
    user = request.user
    today = timezone.localdate()
    scopes = {
        "clerk": units_where(user, PREPARE),
        "head": units_where(user, APPROVE),
        "secretariat": units_where(user, REGISTER_PERMISSION) | units_where(user, MANAGE),
        "authority": units_where(user, DECIDE),
    }
    wanted = set().union(*scopes.values())
    names = (
        dict(Unit.objects.filter(pk__in=sorted(wanted)).values_list("pk", "name")) if wanted else {}
    )
    seats = seats_of(user, today)
    chairs = any(seat.position == CouncilPosition.CHAIR for seat in seats)

    counts = inbox_counts(user)
    remember_inbox_counts(request, takeable=counts["takeable"], held=counts["held"])
    context = {"inbox": counts, "today": today}
    if scopes["clerk"]:
        context["clerk"] = clerk_section(user, _names(scopes["clerk"], names))
    if scopes["head"]:
        context["head"] = head_section(user, _names(scopes["head"], names))
    if scopes["secretariat"]:
        context["secretariat"] = secretariat_section(
            user, _names(scopes["secretariat"], names), today=today
        )
    # The chair signs the minutes: beside the decisions when they head the authority.
    if seats:
        context["council"] = council_section(
            user, seats, with_minutes=chairs and not scopes["authority"]
        )
    if scopes["authority"]:
        context["authority"] = authority_section(
            user, _names(scopes["authority"], names), with_minutes=True
        )
    context["has_role_section"] = any(
        key in context for key in ("clerk", "head", "secretariat", "council", "authority")
    )
    return context


# --- the view --------------------------------------------------------------------------------


def home(request):
    """The person's home page; anonymous visitors see the public register of decisions."""
    if not request.user.is_authenticated:
        return redirect("public_decisions")
    return render(request, "nominations/home.html", home_context(request))
