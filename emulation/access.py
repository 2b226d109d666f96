"""Who may act for a unit in a movement: its clerks and its heads.

A movement's registrations, plans and reports are the unit's own acts, done by the same people
who prepare (clerk) or approve (head) the unit's dossiers; the memberships say where.
"""

from django.db.models import Q

from emulation.models import Movement
from nominations.access import access_for, units_where

ACTING_PERMS = ("nominations.prepare_dossier", "nominations.approve_dossier")


def units_acting_for(user) -> set[int]:
    """Ids of the units the user may act for (one membership query, cached per request)."""
    units: set[int] = set()
    for perm in ACTING_PERMS:
        units |= units_where(user, perm)
    return units


def may_act_for_unit(user, unit) -> bool:
    """True when the user is a clerk or head of `unit` (a Unit or its id)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    unit_id = getattr(unit, "pk", unit)
    return unit_id in units_acting_for(user)


def units_held(user) -> set[int]:
    """Ids of the units where the user holds any role today (the cached membership load)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    units: set[int] = set()
    for unit_ids in access_for(user).units_by_role.values():
        units |= unit_ids
    return units


def may_view_movement(user, movement) -> bool:
    """Who may follow a movement's dashboard: anyone holding a role (any role) in a unit taking
    part in it, or in the launching authority's own unit or its secretariat. Everyone else
    is an outsider (the views answer 404). One query at most besides the cached membership
    load."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    units = units_held(user)
    if not units:
        return False
    authority = movement.authority
    if authority.unit_id in units or authority.secretariat_unit_id in units:
        return True
    return movement.participants.filter(pk__in=units).exists()


def movements_visible_to(user):
    """The movements may_view_movement lets the user see, as one queryset."""
    movements = Movement.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return movements.none()
    units = sorted(units_held(user))
    if not units:
        return movements.none()
    in_scope = (
        Q(authority__unit_id__in=units)
        | Q(authority__secretariat_unit_id__in=units)
        | Q(
            pk__in=Movement.participants.through.objects.filter(unit_id__in=units).values(
                "movement_id"
            )
        )
    )
    return movements.filter(in_scope)
