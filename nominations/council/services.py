"""The council's composition and a session up to the opening of its ballot.

One keyword-only function per transition, one transaction each, its audit row inside it.
Voting is in nominations.council.voting, counting and minutes in nominations.council.results.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nominations.council.access import require_manager
from nominations.errors import DomainError, NotAllowed, StepOutOfOrder
from nominations.models import (
    AgendaItem,
    Attendance,
    AuditAction,
    Council,
    CouncilMember,
    CouncilSession,
    Dossier,
    DossierStatus,
    Membership,
    NotificationEvent,
    Recusal,
    SessionAttendance,
    SessionStatus,
)
from nominations.notifications import notify_session_event
from nominations.roles import Role
from nominations.services._base import audit
from nominations.services.people import membership_grant
from nominations.text import normalize_text

MAX_AGENDA_ITEMS = 2000


# --- the council -------------------------------------------------------------------------


def council_member_appoint(
    *, actor, council: Council, user, position: str, title: str = "", valid_from, valid_until=None
) -> CouncilMember:
    """Seat a person on the council for a term; they also get the council member's role,
    which lets them read the dossiers sent to the authority."""
    _require_council_manager(actor, council)
    with transaction.atomic():
        member = CouncilMember.objects.create(
            council=council,
            user=user,
            position=position,
            title=normalize_text(title),
            valid_from=valid_from,
            valid_until=valid_until,
        )
        membership_grant(
            actor=actor, user=user, unit=council.authority.unit, role=Role.COUNCIL_MEMBER
        )
        audit(
            actor=actor,
            action=AuditAction.COUNCIL_MEMBER_APPOINTED,
            target=member,
            data={"council": council.pk, "user": user.get_username(), "position": position},
        )
    return member


def council_member_end(*, actor, member: CouncilMember, last_day) -> CouncilMember:
    _require_council_manager(actor, member.council)
    with transaction.atomic():
        member.valid_until = last_day
        member.full_clean()
        member.save(update_fields=["valid_until"])
        audit(
            actor=actor,
            action=AuditAction.COUNCIL_MEMBER_ENDED,
            target=member,
            data={"last_day": last_day.isoformat()},
        )
    return member


def _require_council_manager(actor, council: Council) -> None:
    """The loaders (actor None) and the authority's secretariat may change the council."""
    if actor is None or actor.is_superuser:
        return
    probe = CouncilSession(council=council)
    if not actor.has_perm("nominations.manage_council_session", probe):
        raise NotAllowed


# --- a session ---------------------------------------------------------------------------


def council_session_create(*, actor, council: Council, title: str, held_on, venue: str = ""):
    title = normalize_text(title)
    if not title:
        raise DomainError(_("Give the session a title."))
    session = CouncilSession(
        council=council, title=title, held_on=held_on, venue=normalize_text(venue), created_by=actor
    )
    require_manager(actor, session)
    with transaction.atomic():
        session.save()
        audit(actor=actor, action=AuditAction.SESSION_CREATED, target=session)
    return session


def dossiers_for_agenda(session: CouncilSession):
    """Dossiers the secretariat accepted for this council, not on another open session."""
    busy = AgendaItem.objects.exclude(session=session).exclude(session__status=SessionStatus.CLOSED)
    return (
        Dossier.objects.filter(
            authority=session.council.authority, status=DossierStatus.AWAITING_COUNCIL
        )
        .exclude(nominees__agenda_items__in=busy)
        .select_related("unit")
        .order_by("received_on", "incoming_number", "pk")
    )


def council_session_set_agenda(
    *, actor, session: CouncilSession, dossiers: list[Dossier]
) -> list[AgendaItem]:
    """Put every nominee of these dossiers on the agenda, in the register's order."""
    with transaction.atomic():
        session = _lock(session, actor=actor, expected=(SessionStatus.PREPARING,))
        wanted = {d.pk for d in dossiers}
        available = list(dossiers_for_agenda(session).filter(pk__in=wanted))
        if len(available) != len(wanted):
            raise DomainError(
                _("Some dossiers are not awaiting this council, or are on another session.")
            )
        nominees = [n for dossier in available for n in dossier.nominees.order_by("position", "pk")]
        if len(nominees) > MAX_AGENDA_ITEMS:
            raise DomainError(
                _("An agenda holds at most %(max)d nominees.") % {"max": MAX_AGENDA_ITEMS}
            )
        session.items.all().delete()
        items = AgendaItem.objects.bulk_create(
            AgendaItem(session=session, nominee=nominee, position=index)
            for index, nominee in enumerate(nominees, start=1)
        )
        audit(
            actor=actor,
            action=AuditAction.AGENDA_SET,
            target=session,
            data={"dossiers": sorted(wanted), "items": len(items)},
        )
    return items


def council_session_convene(*, actor, session: CouncilSession) -> CouncilSession:
    """Fix the agenda and send every member the notice of the meeting."""
    with transaction.atomic():
        session = _lock(session, actor=actor, expected=(SessionStatus.PREPARING,))
        if not session.items.exists():
            raise DomainError(_("Put at least one dossier on the agenda first."))
        members = list(
            CouncilMember.objects.active(session.held_on).filter(council=session.council)
        )
        if not members:
            raise DomainError(_("The council has no members on the day of the session."))
        session.status = SessionStatus.CONVENED
        session.convened_at = timezone.now()
        session.save(update_fields=["status", "convened_at"])
        audit(actor=actor, action=AuditAction.SESSION_CONVENED, target=session)
        notify_session_event(
            NotificationEvent.SESSION_CONVENED, session, user_ids=[m.user_id for m in members]
        )
    return session


def recusal_record(*, actor, session: CouncilSession, item: AgendaItem, member, reason: str):
    """The secretariat records a conflict the system cannot see (before the ballot opens)."""
    reason = normalize_text(reason)
    if not reason:
        raise DomainError(_("Write why the member does not vote on this nominee."))
    with transaction.atomic():
        session = _lock(
            session, actor=actor, expected=(SessionStatus.PREPARING, SessionStatus.CONVENED)
        )
        if item.session_id != session.pk or member.council_id != session.council_id:
            raise DomainError(_("This member or nominee is not part of this session."))
        recusal, _created = Recusal.objects.update_or_create(
            item=item, member=member, defaults={"reason": reason, "automatic": False}
        )
        audit(
            actor=actor,
            action=AuditAction.RECUSAL_RECORDED,
            target=session,
            reason=reason,
            data={"item": item.pk, "member": member.pk},
        )
    return recusal


def council_session_open_ballot(
    *, actor, session: CouncilSession, present_member_ids: set[int], closes_at=None
) -> list[CouncilMember]:
    """Record who is present, find the recusals, and open the ballot to those present.

    `closes_at`, when given, is the announced closing time: the reminder sweep tells those
    who have not voted before it (the secretariat still closes the ballot itself)."""
    with transaction.atomic():
        session = _lock(session, actor=actor, expected=(SessionStatus.CONVENED,))
        members = list(
            CouncilMember.objects.active(session.held_on)
            .filter(council=session.council)
            .select_related("user")
        )
        unknown = set(present_member_ids) - {m.pk for m in members}
        if unknown:
            raise DomainError(_("Only members of the council on that day can be present."))
        present = [m for m in members if m.pk in present_member_ids]
        if not present:
            raise DomainError(_("Mark the members who are present."))
        if closes_at is not None and closes_at <= timezone.now():
            raise DomainError(_("The planned closing time must be in the future."))
        SessionAttendance.objects.bulk_create(
            SessionAttendance(
                session=session,
                member=m,
                attendance=Attendance.PRESENT if m.pk in present_member_ids else Attendance.ABSENT,
            )
            for m in members
        )
        with translation.override(settings.LANGUAGE_CODE):  # the record's own words
            found = _find_recusals(session, members)
        session.status = SessionStatus.VOTING
        session.ballot_opened_at = timezone.now()
        session.total_members = len(members)
        session.ballot_closes_at = closes_at
        session.save(
            update_fields=["status", "ballot_opened_at", "total_members", "ballot_closes_at"]
        )
        audit(
            actor=actor,
            action=AuditAction.BALLOT_OPENED,
            target=session,
            data={
                "members": len(members),
                "present": len(present),
                "recusals_found": found,
                "closes_at": closes_at.isoformat() if closes_at else None,
            },
        )
        notify_session_event(
            NotificationEvent.BALLOT_OPEN, session, user_ids=[m.user_id for m in present]
        )
    return present


def _find_recusals(session: CouncilSession, members: list[CouncilMember]) -> int:
    """A member who is the nominee, or heads the nominee's unit, does not vote on that item.

    "Is the nominee": same name (diacritics kept) and a role in the proposing unit; a
    namesake elsewhere is not recused. "Heads the unit": the unit head's role in the
    proposing unit or in the collective proposed.
    """
    items = list(session.items.select_related("nominee__dossier"))
    user_ids = [m.user_id for m in members]
    roles = set(
        Membership.objects.active(session.held_on)
        .filter(user_id__in=user_ids)
        .values_list("user_id", "unit_id", "role")
    )
    in_unit = {(user_id, unit_id) for user_id, unit_id, _role in roles}
    heads = {(user_id, unit_id) for user_id, unit_id, role in roles if role == Role.UNIT_HEAD}
    recusals = []
    for item in items:
        nominee = item.nominee
        units = {nominee.dossier.unit_id, nominee.collective_id} - {None}
        for member in members:
            reason = None
            if any((member.user_id, unit) in heads for unit in units):
                reason = _("Heads the nominee's unit.")
            elif (
                normalize_text(member.display_name) == normalize_text(nominee.full_name)
                and (member.user_id, nominee.dossier.unit_id) in in_unit
            ):
                reason = _("Is the nominee.")
            if reason:
                recusals.append(Recusal(item=item, member=member, reason=reason, automatic=True))
    Recusal.objects.bulk_create(recusals, ignore_conflicts=True)
    return len(recusals)


def _lock(session: CouncilSession, *, actor, expected) -> CouncilSession:
    """Re-read the session under a row lock, then check the actor's right and the step."""
    locked = (
        CouncilSession.objects.select_for_update(of=("self",))
        .select_related("council__authority")
        .get(pk=session.pk)
    )
    require_manager(actor, locked)
    _expect(locked, expected)
    return locked


def _expect(session: CouncilSession, expected) -> None:
    if session.status not in expected:
        raise StepOutOfOrder(
            _("This cannot be done now: the session is “%(status)s”.")
            % {"status": session.get_status_display()}
        )


def council_session_step(*, actor, session: CouncilSession, step: str, taken: bool) -> None:
    """A secretariat step of the session taken or released (the inbox's take / release)."""
    audit(
        actor=actor,
        action=AuditAction.TASK_TAKEN if taken else AuditAction.TASK_RELEASED,
        target=session,
        data={"step": step},
    )
