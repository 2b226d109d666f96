"""Helpers shared by the services: the audit row, the lock and the checks."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nominations.errors import DomainError, NotAllowed, StepOutOfOrder
from nominations.models import (
    AuditEntry,
    Dossier,
    Nominee,
    NumberSequence,
)
from nominations.text import normalize_text


def audit(*, actor, action, target, dossier=None, reason="", data=None) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        dossier=dossier,
        reason=reason,
        data=data or {},
    )


def require_perm(actor, perm: str, dossier: Dossier) -> None:
    if not actor.has_perm(perm, dossier):
        raise NotAllowed


def lock_dossier(
    dossier: Dossier, *, actor, perm: str | None, expected: tuple[str, ...]
) -> Dossier:
    """Re-read the dossier under a row lock, then check the actor's right and the step.

    `perm=None` only where the caller checked a right that is not over the dossier (the
    council session whose minutes carry the outcome)."""
    locked = Dossier.objects.select_for_update().select_related("authority").get(pk=dossier.pk)
    if perm is not None:
        require_perm(actor, perm, locked)
    if locked.status not in expected:
        raise StepOutOfOrder(
            _("This step was already done or is not open: the dossier is now “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    return locked


def required_reason(reason: str) -> str:
    reason = normalize_text(reason, multiline=True)
    if not reason:
        raise DomainError(_("Please write the reason: the unit needs it to revise the dossier."))
    return reason


def validation_message(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def check_covers_all(nominees: list[Nominee], outcomes: dict) -> None:
    if {n.pk for n in nominees} != set(outcomes):
        raise DomainError(_("Give an outcome for every nominee of the dossier, and only for them."))


def next_number(*, authority, year: int, kind: str) -> int:
    """Numbers per authority, year and kind, without gaps or duplicates, under a row lock."""
    sequences = NumberSequence.objects.select_for_update()
    key = {"authority": authority, "year": year, "kind": kind}
    sequence = sequences.filter(**key).first()
    if sequence is None:  # the year's first number
        try:
            with transaction.atomic():
                NumberSequence.objects.create(**key)
        except IntegrityError:
            pass  # created at the same moment by another issuer: lock theirs
        sequence = sequences.get(**key)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number
