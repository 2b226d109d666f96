"""Who may see and run a council session: one loader, 404 to outsiders.

The authority's side sees its sessions through the roles it holds (nominations.access): the
secretariat prepares and runs them, the head and council members read them. A seat on the
council (CouncilMember) is what gives a ballot, whatever the person's other roles.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from nominations.errors import NotAllowed
from nominations.models import Council, CouncilMember, CouncilSession

VIEW = "nominations.view_councilsession"
MANAGE = "nominations.manage_council_session"


def seat_of(user, council: Council, day) -> CouncilMember | None:
    """The person's seat on the council on that day, if any."""
    if not user.is_authenticated:
        return None
    return (
        CouncilMember.objects.active(day)
        .select_related("user")
        .filter(council=council, user=user)
        .first()
    )


def may_view(user, session: CouncilSession) -> bool:
    return user.has_perm(VIEW, session) or seat_of(user, session.council, session.held_on)


def get_session_for_user(user, pk, *, for_update: bool = False) -> CouncilSession:
    queryset = CouncilSession.objects.select_related("council__authority")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    session = queryset.filter(pk=pk).first()
    if session is None or not may_view(user, session):
        raise Http404
    return session


def require_manager(actor, session: CouncilSession) -> None:
    if not actor.has_perm(MANAGE, session):
        raise NotAllowed(_("Only the council's secretariat runs this session."))


def get_managed_session(user, pk) -> CouncilSession:
    """404 to outsiders; 403 to those who may read the session but not run it."""
    session = get_session_for_user(user, pk)
    if not user.has_perm(MANAGE, session):
        raise PermissionDenied
    return session


def councils_managed_by(user):
    """Councils whose authority's secretariat the person works in."""
    from nominations.access import units_where

    units = units_where(user, MANAGE)
    return Council.objects.filter(authority__secretariat_unit_id__in=units).select_related(
        "authority"
    )
