"""People, their roles, and what they choose to receive."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations.access import forget_access
from nominations.errors import DomainError
from nominations.models import (
    AuditAction,
    Membership,
    NotificationEvent,
    NotificationSetting,
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


def membership_end(*, actor, membership: Membership, last_day=None) -> Membership:
    """The person leaves the role: from the next day on, it gives them nothing.

    Their group stays while they hold the same role in another unit; the group alone gives
    no right over any dossier (see nominations.access).
    """
    last_day = last_day or timezone.localdate()
    with transaction.atomic():
        membership.valid_until = last_day
        membership.save(update_fields=["valid_until"])
        still_holds_role = (
            Membership.objects.active(last_day + timedelta(days=1))
            .filter(user=membership.user, role=membership.role)
            .exists()
        )
        if not still_holds_role:
            membership.user.groups.remove(Group.objects.get(name=membership.role))
        audit(
            actor=actor,
            action=AuditAction.MEMBERSHIP_ENDED,
            target=membership,
            data={"user": membership.user.get_username(), "last_day": last_day.isoformat()},
        )
    forget_access(membership.user)
    return membership


def notification_settings_update(*, actor, muted_events: list[str]) -> NotificationSetting:
    """The person chooses which events they do not want by e-mail (the app still shows them)."""
    unknown = set(muted_events) - set(NotificationEvent.values)
    if unknown:
        raise DomainError(_("Choose among the notifications listed."))
    with transaction.atomic():
        setting, _created = NotificationSetting.objects.select_for_update().get_or_create(
            user=actor
        )
        setting.muted_events = sorted(set(muted_events))
        setting.save(update_fields=["muted_events"])
        audit(
            actor=actor,
            action=AuditAction.NOTIFICATION_SETTING_CHANGED,
            target=setting,
            data={"muted": setting.muted_events},
        )
    return setting
