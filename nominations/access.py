"""Who may do what to which dossier: one place, used by views, flows, lists and counts.

Why memberships and not guardian rows per dossier: a dossier's audience follows from where
it stands (its unit, its authority, that authority's standing agency), which changes as
people change jobs. Guardian would need rows for every (user, dossier) pair, rewritten on
every reassignment, and its list filtering costs 5 + 2×N queries (viewflow-notes.md). A join
on a person's few memberships answers both "may I?" and "which ones?" with one indexed query.
Guardian stays installed for explicit one-off grants an administrator makes.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from nominations.models import CouncilSession, Dossier, Membership
from nominations.roles import ROLE_SCOPE, Role, Scope

_CACHE_ATTR = "_thidua_access"


@dataclass
class Access:
    """A person's active memberships and their roles' permissions, loaded once per request."""

    units_by_role: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    perms_by_role: dict[str, set[str]] = field(default_factory=dict)

    def roles_on(self, obj: Dossier | CouncilSession) -> set[str]:
        scope_units = scope_units_of(obj)
        return {
            role
            for role, unit_ids in self.units_by_role.items()
            if scope_units.get(ROLE_SCOPE[Role(role)]) in unit_ids
        }

    def perms_on(self, obj: Dossier | CouncilSession) -> set[str]:
        perms: set[str] = set()
        for role in self.roles_on(obj):
            perms |= self.perms_by_role.get(role, set())
        return perms

    def roles_with(self, perm: str) -> set[str]:
        return {role for role, perms in self.perms_by_role.items() if perm in perms}

    def dossier_filter(self, perm: str = "nominations.view_dossier", prefix: str = "") -> Q:
        """A Q over Dossier (or a relation to it, via prefix) for the dossiers where perm holds."""
        scoped: dict[str, set[int]] = defaultdict(set)
        for role in self.roles_with(perm):
            scoped[ROLE_SCOPE[Role(role)]] |= self.units_by_role.get(role, set())
        lookups = {
            Scope.UNIT: "unit_id__in",
            Scope.SECRETARIAT: "authority__secretariat_unit_id__in",
            Scope.AUTHORITY: "authority__unit_id__in",
        }
        condition = Q(pk__in=[])
        for scope, unit_ids in scoped.items():
            if scope in lookups and unit_ids:
                in_scope = Q(**{prefix + lookups[scope]: sorted(unit_ids)})
                if scope != Scope.UNIT:  # the authority's side sees a dossier once submitted
                    in_scope &= Q(**{prefix + "submitted_at__isnull": False})
                condition |= in_scope
        return condition


def scope_units_of(obj: Dossier | CouncilSession) -> dict[str, int]:
    """The unit each scope's roles must be held in; a draft concerns its own unit only.

    A council session belongs to its authority's side alone: no unit role reaches it.
    """
    if isinstance(obj, CouncilSession):
        authority = obj.council.authority
        return {
            Scope.SECRETARIAT: authority.secretariat_unit_id,
            Scope.AUTHORITY: authority.unit_id,
        }
    dossier = obj
    if dossier.submitted_at is None:
        return {Scope.UNIT: dossier.unit_id}
    authority = dossier.authority
    return {
        Scope.UNIT: dossier.unit_id,
        Scope.SECRETARIAT: authority.secretariat_unit_id,
        Scope.AUTHORITY: authority.unit_id,
    }


def access_for(user) -> Access:
    """The user's access, cached on the user object for the length of the request."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    access = Access()
    if user.is_authenticated and user.is_active:
        for role, unit_id, perm in _memberships_with_permissions(user.pk, timezone.localdate()):
            access.units_by_role[role].add(unit_id)
            access.perms_by_role.setdefault(role, set())
            if perm:
                access.perms_by_role[role].add(perm)
    setattr(user, _CACHE_ATTR, access)
    return access


def _memberships_with_permissions(user_id: int, day) -> list[tuple[str, int, str | None]]:
    """(role, unit, "app.codename") for each active membership and its group's permissions.

    One query on every request that checks access: the membership joined to the group named
    after its role (the ORM has no relation for that join).
    """
    tables = {
        "membership": Membership._meta.db_table,
        "group": Group._meta.db_table,
        "group_perms": Group.permissions.through._meta.db_table,
        "perm": Permission._meta.db_table,
        "content_type": ContentType._meta.db_table,
    }
    sql = """
        SELECT m.role, m.unit_id, ct.app_label, p.codename
        FROM {membership} m
        LEFT JOIN {group} g ON g.name = m.role
        LEFT JOIN {group_perms} gp ON gp.group_id = g.id
        LEFT JOIN {perm} p ON p.id = gp.permission_id
        LEFT JOIN {content_type} ct ON ct.id = p.content_type_id
        WHERE m.user_id = %s
          AND (m.valid_from IS NULL OR m.valid_from <= %s)
          AND (m.valid_until IS NULL OR m.valid_until >= %s)
    """.format(**tables)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, day, day])
        return [
            (role, unit_id, f"{app_label}.{codename}" if codename else None)
            for role, unit_id, app_label, codename in cursor.fetchall()
        ]


def forget_access(user) -> None:
    """Drop the cached access (after a membership change in the same request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


class MembershipPermissionBackend(BaseBackend):
    """`user.has_perm(perm, dossier or session)` answered from the user's memberships."""

    def has_perm(self, user_obj, perm, obj=None):
        if obj is None or not isinstance(obj, Dossier | CouncilSession):
            return False
        return perm in access_for(user_obj).perms_on(obj)


def visible_dossiers(user, perm: str = "nominations.view_dossier"):
    if user.is_active and user.is_superuser:
        return Dossier.objects.all()
    return Dossier.objects.filter(access_for(user).dossier_filter(perm))


def units_where(user, perm: str) -> set[int]:
    """Units in which the user holds a role granting perm (e.g. where they may draft)."""
    access = access_for(user)
    units: set[int] = set()
    for role in access.roles_with(perm):
        units |= access.units_by_role.get(role, set())
    return units


def get_dossier_for_user(user, pk, *, perm: str = "nominations.view_dossier") -> Dossier:
    """The one loader for a dossier: 404 to anyone who may not see it (outsiders learn nothing)."""
    dossier = Dossier.objects.select_related("authority", "unit", "origin").filter(pk=pk).first()
    if dossier is None or not user.has_perm(perm, dossier):
        raise Http404
    return dossier
