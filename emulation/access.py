"""Who may act for a unit in a movement: its clerks and its heads.

A movement's registrations, plans and reports are the unit's own acts, done by the same people
who prepare (clerk) or approve (head) the unit's dossiers; the memberships say where.
"""

from nominations.access import units_where

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
