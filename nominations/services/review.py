"""The review steps: the unit head, the secretariat, the council outcome."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations.errors import DomainError
from nominations.models import (
    AuditAction,
    AwardingAuthority,
    CouncilOutcome,
    Dossier,
    DossierStatus,
    Nominee,
    NotificationEvent,
    SequenceKind,
    rules_day,
)
from nominations.notifications import notify_dossier_event
from nominations.roles import Role
from nominations.services._base import (
    audit,
    check_covers_all,
    lock_dossier,
    next_number,
    required_reason,
)
from nominations.text import normalize_text

# --- unit head ---------------------------------------------------------------------------


def dossier_head_approve(*, actor, dossier: Dossier, note: str = "") -> Dossier:
    with transaction.atomic():
        dossier = lock_dossier(
            dossier,
            actor=actor,
            perm="nominations.approve_dossier",
            expected=(DossierStatus.AWAITING_HEAD,),
        )
        dossier.submitted_at = timezone.now()
        _register_receipt(dossier)
        _move(
            dossier,
            actor=actor,
            status=DossierStatus.SUBMITTED,
            action=AuditAction.DOSSIER_APPROVED_BY_HEAD,
            reason=normalize_text(note, multiline=True),
            also_saved=("submitted_at", "received_on", "incoming_number"),
        )
        notify_dossier_event(
            NotificationEvent.AWAITING_CHECK,
            dossier,
            roles=(Role.SECRETARIAT_OFFICER,),
            scope_unit=dossier.authority.secretariat_unit_id,
        )
    return dossier


def dossier_head_send_back(*, actor, dossier: Dossier, reason: str) -> Dossier:
    reason = required_reason(reason)
    with transaction.atomic():
        dossier = lock_dossier(
            dossier,
            actor=actor,
            perm="nominations.approve_dossier",
            expected=(DossierStatus.AWAITING_HEAD,),
        )
        _send_back(
            dossier, actor=actor, action=AuditAction.DOSSIER_SENT_BACK_BY_HEAD, reason=reason
        )
    return dossier


def _register_receipt(dossier: Dossier) -> None:
    """Enter the dossier in the secretariat's incoming register.

    A resubmission keeps its number within the year; in a new year's register it gets a new one.
    """
    previous = dossier.received_on
    dossier.received_on = timezone.localdate()
    if dossier.incoming_number is None or previous.year != dossier.received_on.year:
        dossier.incoming_number = next_number(
            authority=dossier.authority, year=dossier.received_on.year, kind=SequenceKind.INCOMING
        )


def _move(dossier: Dossier, *, actor, status, action, reason="", data=None, also_saved=()):
    """Put the dossier at its new status and record who moved it, what and why."""
    dossier.status = status
    dossier.save(update_fields=["status", *also_saved])
    audit(actor=actor, action=action, target=dossier, dossier=dossier, reason=reason, data=data)


def _send_back(dossier: Dossier, *, actor, action, reason: str) -> None:
    dossier.round += 1
    _move(
        dossier,
        actor=actor,
        status=DossierStatus.RETURNED,
        action=action,
        reason=reason,
        also_saved=("round",),
    )
    notify_dossier_event(
        NotificationEvent.SENT_BACK,
        dossier,
        roles=(Role.UNIT_CLERK,),
        scope_unit=dossier.unit_id,
        reason=reason,
    )


# --- secretariat -------------------------------------------------------------------------


def dossier_accept(*, actor, dossier: Dossier, note: str = "") -> Dossier:
    with transaction.atomic():
        dossier = lock_dossier(
            dossier,
            actor=actor,
            perm="nominations.check_dossier",
            expected=(DossierStatus.SUBMITTED,),
        )
        _move(
            dossier,
            actor=actor,
            status=DossierStatus.AWAITING_COUNCIL,
            action=AuditAction.DOSSIER_ACCEPTED,
            reason=normalize_text(note, multiline=True),
        )
        notify_dossier_event(
            NotificationEvent.ACCEPTED,
            dossier,
            roles=(Role.UNIT_CLERK,),
            scope_unit=dossier.unit_id,
        )
    return dossier


def dossier_return(*, actor, dossier: Dossier, reason: str) -> Dossier:
    reason = required_reason(reason)
    with transaction.atomic():
        dossier = lock_dossier(
            dossier,
            actor=actor,
            perm="nominations.check_dossier",
            expected=(DossierStatus.SUBMITTED,),
        )
        _send_back(dossier, actor=actor, action=AuditAction.DOSSIER_RETURNED, reason=reason)
    return dossier


def dossier_record_council_outcome(
    *, actor, dossier: Dossier, outcomes: dict[int, tuple[str, str]], session
) -> Dossier:
    """The council's outcome for each nominee, as its session counted and signed it.

    Called by the session's sign-off (nominations.council.results), which checked the
    signer's right over the session; here the dossier must stand on that session's agenda.
    """
    with transaction.atomic():
        dossier = lock_dossier(
            dossier, actor=actor, perm=None, expected=(DossierStatus.AWAITING_COUNCIL,)
        )
        nominees = list(
            dossier.nominees.select_related("award").prefetch_related("award__rules__period")
        )
        on_agenda = set(
            session.items.filter(nominee__dossier=dossier).values_list("nominee_id", flat=True)
        )
        if on_agenda != {n.pk for n in nominees}:
            raise DomainError(_("This dossier is not on the session's agenda."))
        check_covers_all(nominees, outcomes)
        for nominee in nominees:
            outcome, note = outcomes[nominee.pk]
            _check_council_outcome(nominee, outcome, dossier.authority, dossier.year)
            nominee.council_outcome = outcome
            nominee.council_note = normalize_text(note, multiline=True)
        Nominee.objects.bulk_update(nominees, ["council_outcome", "council_note"])
        _move(
            dossier,
            actor=actor,
            status=DossierStatus.AWAITING_DECISION,
            action=AuditAction.COUNCIL_OUTCOME_RECORDED,
            data={"session": session.pk, **{str(n.pk): n.council_outcome for n in nominees}},
        )
        notify_dossier_event(
            NotificationEvent.AWAITING_DECISION,
            dossier,
            roles=(Role.AUTHORITY_HEAD,),
            scope_unit=dossier.authority.unit_id,
        )
    return dossier


def council_outcome_for(nominee: Nominee, *, passed: bool, authority: AwardingAuthority, year: int):
    """What a passed or failed vote means for the nominee at this authority."""
    if not passed:
        return CouncilOutcome.NOT_REACHED
    if nominee.award.conferrable_by(authority, on=rules_day(year)):
        return CouncilOutcome.AGREED
    if authority.parent_id is not None:
        return CouncilOutcome.PROPOSE_HIGHER
    return CouncilOutcome.NOT_REACHED


def _check_council_outcome(
    nominee: Nominee, outcome: str, authority: AwardingAuthority, year: int
) -> None:
    if outcome not in CouncilOutcome.values or outcome == CouncilOutcome.PENDING:
        raise DomainError(_("“%(name)s”: choose an outcome.") % {"name": nominee.full_name})
    # The dossier is judged by the rules of its year: the seed's 2020 movement by 2020 law.
    within_power = nominee.award.conferrable_by(authority, on=rules_day(year))
    if outcome == CouncilOutcome.AGREED and not within_power:
        raise DomainError(
            _(
                "“%(name)s”: %(award)s is beyond this authority's power; "
                "propose it to the higher level."
            )
            % {"name": nominee.full_name, "award": nominee.award.name}
        )
    if outcome == CouncilOutcome.PROPOSE_HIGHER and authority.parent_id is None:
        raise DomainError(
            _("“%(name)s”: %(authority)s has no higher authority to propose to.")
            % {"name": nominee.full_name, "authority": authority.name}
        )
    if outcome == CouncilOutcome.PROPOSE_HIGHER and within_power:
        raise DomainError(
            _("“%(name)s”: %(award)s is decided at this level, not proposed upward.")
            % {"name": nominee.full_name, "award": nominee.award.name}
        )


# --- taking and releasing steps ------------------------------------------------------------


def dossier_step_taken(*, actor, dossier: Dossier, step: str) -> None:
    audit(
        actor=actor,
        action=AuditAction.TASK_TAKEN,
        target=dossier,
        dossier=dossier,
        data={"step": step},
    )


def dossier_step_released(*, actor, dossier: Dossier, step: str) -> None:
    audit(
        actor=actor,
        action=AuditAction.TASK_RELEASED,
        target=dossier,
        dossier=dossier,
        data={"step": step},
    )
