"""People and their roles."""

from django.contrib.auth.models import Group
from django.db import transaction

from nominations.access import forget_access
from nominations.models import (
    AuditAction,
    Membership,
    Unit,
)
from nominations.services._base import audit


def membership_grant(*, actor, user, unit: Unit, role: str, valid_from=None) -> Membership:
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, unit=unit, role=role, defaults={"valid_from": valid_from}
        )
        if not created and membership.valid_until is not None:
            membership.valid_until = None
            membership.save(update_fields=["valid_until"])
        user.groups.add(Group.objects.get(name=role))
        audit(
            actor=actor,
            action=AuditAction.MEMBERSHIP_GRANTED,
            target=membership,
            data={"user": user.get_username(), "unit": unit.code, "role": role},
        )
    forget_access(user)
    return membership
