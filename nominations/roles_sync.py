"""Create each role's Django group with its initial permissions (idempotent)."""

from django.contrib.auth.models import Group, Permission

from nominations.roles import ROLE_PERMISSIONS


def sync_role_groups(**kwargs) -> None:
    """Give every role its group; add missing initial permissions, never remove any."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.add(*wanted)
