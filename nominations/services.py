"""Every change to a dossier: one keyword-only function per transition, one transaction each,
its audit row written inside it. Views, flows and tasks call these and nothing else writes.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations.access import forget_access
from nominations.errors import DomainError, NotAllowed, StepOutOfOrder
from nominations.models import (
    EDITABLE_STATUSES,
    AuditAction,
    AuditEntry,
    Award,
    AwardingAuthority,
    CouncilOutcome,
    Decision,
    DecisionNumberSequence,
    DecisionOutcome,
    Dossier,
    DossierStatus,
    Membership,
    Nominee,
    NotificationEvent,
    Unit,
)
from nominations.notifications import notify_dossier_event
from nominations.roles import Role
from nominations.text import normalize_text, search_key

MAX_NOMINEES_PER_DOSSIER = 1000


@dataclass(frozen=True)
class NomineeInput:
    recipient_kind: str
    full_name: str
    award: Award
    achievement_summary: str
    job_title: str = ""


# --- helpers -------------------------------------------------------------------------------


def _audit(*, actor, action, target, dossier=None, reason="", data=None) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        dossier=dossier,
        reason=reason,
        data=data or {},
    )


def _require(actor, perm: str, dossier: Dossier) -> None:
    if not actor.has_perm(perm, dossier):
        raise NotAllowed


def _lock(dossier: Dossier, *, actor, perm: str, expected: tuple[str, ...]) -> Dossier:
    """Re-read the dossier under a row lock, then check the actor's right and the step."""
    locked = Dossier.objects.select_for_update().select_related("authority").get(pk=dossier.pk)
    _require(actor, perm, locked)
    if locked.status not in expected:
        raise StepOutOfOrder(
            _("This step was already done or is not open: the dossier is now “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _required_reason(reason: str) -> str:
    reason = normalize_text(reason, multiline=True)
    if not reason:
        raise DomainError(_("Please write the reason: the unit needs it to revise the dossier."))
    return reason


def _clean_nominees(nominees: list[NomineeInput]) -> list[NomineeInput]:
    if not nominees:
        raise DomainError(_("A dossier needs at least one nominee."))
    if len(nominees) > MAX_NOMINEES_PER_DOSSIER:
        raise DomainError(
            _("A dossier may list at most %(max)d nominees.") % {"max": MAX_NOMINEES_PER_DOSSIER}
        )
    cleaned = []
    for index, item in enumerate(nominees, start=1):
        name = normalize_text(item.full_name)
        summary = normalize_text(item.achievement_summary, multiline=True)
        if not name or not summary:
            raise DomainError(
                _("Nominee %(n)d: the name and the summary of achievements are required.")
                % {"n": index}
            )
        if item.award is None or not item.award.is_active:
            raise DomainError(
                _("Nominee %(n)d: the proposed award is not in the catalogue.") % {"n": index}
            )
        if item.award.recipient_kind != item.recipient_kind:
            raise DomainError(
                _("Nominee %(n)d: “%(award)s” is not awarded to a %(kind)s.")
                % {
                    "n": index,
                    "award": item.award.name,
                    "kind": item.award.get_recipient_kind_display().lower(),
                }
            )
        cleaned.append(
            NomineeInput(
                recipient_kind=item.recipient_kind,
                full_name=name,
                award=item.award,
                achievement_summary=summary,
                job_title=normalize_text(item.job_title),
            )
        )
    return cleaned


def _write_nominees(dossier: Dossier, nominees: list[NomineeInput]) -> None:
    dossier.nominees.all().delete()
    Nominee.objects.bulk_create(
        Nominee(
            dossier=dossier,
            position=position,
            recipient_kind=item.recipient_kind,
            full_name=item.full_name,
            job_title=item.job_title,
            award=item.award,
            achievement_summary=item.achievement_summary,
            search_name=search_key(item.full_name),
        )
        for position, item in enumerate(nominees, start=1)
    )


def _refresh_search_text(dossier: Dossier) -> None:
    names = " ".join(dossier.nominees.values_list("full_name", flat=True))
    dossier.search_text = search_key(f"{dossier.title} {dossier.unit.name} {names}")
    dossier.save(update_fields=["search_text"])


def _clean_header(*, title: str, year: int) -> str:
    title = normalize_text(title)
    if not title:
        raise DomainError(_("The dossier needs a title."))
    if not 1945 <= int(year) <= timezone.localdate().year + 1:
        raise DomainError(_("The year %(year)s is not plausible.") % {"year": year})
    return title


def _validation_message(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


# --- drafting ----------------------------------------------------------------------------


def authorities_for_unit(unit: Unit) -> list[AwardingAuthority]:
    """The authorities a unit may send to: its own and those up its tree, nearest first."""
    chain, node = [], unit
    while node is not None:
        chain.append(node.pk)
        node = node.parent
    by_unit = {a.unit_id: a for a in AwardingAuthority.objects.filter(unit_id__in=chain)}
    return [by_unit[pk] for pk in chain if pk in by_unit]


def dossier_create(
    *,
    actor,
    authority: AwardingAuthority,
    unit: Unit,
    title: str,
    commendation_type: str,
    year: int,
    nominees: list[NomineeInput],
    origin: Dossier | None = None,
) -> Dossier:
    try:
        title = _clean_header(title=title, year=year)
        nominees = _clean_nominees(nominees)
    except ValidationError as exc:
        raise DomainError(_validation_message(exc)) from exc
    _check_unit_active(unit)
    if authority.pk not in {a.pk for a in authorities_for_unit(unit)}:
        raise DomainError(_("This unit does not send dossiers to that authority."))
    dossier = Dossier(
        authority=authority,
        unit=unit,
        title=title,
        commendation_type=commendation_type,
        year=year,
        created_by=actor,
        origin=origin,
    )
    if origin is None:
        _require(actor, "nominations.prepare_dossier", dossier)
    with transaction.atomic():
        dossier.save()
        _write_nominees(dossier, nominees)
        _refresh_search_text(dossier)
        _audit(
            actor=actor,
            action=AuditAction.DOSSIER_CREATED,
            target=dossier,
            dossier=dossier,
            data={"nominees": len(nominees), "origin": origin.pk if origin else None},
        )
    return dossier


def _check_unit_active(unit: Unit) -> None:
    """A unit that was merged or abolished keeps its old dossiers but drafts no new ones."""
    if unit.is_active_on(timezone.localdate()):
        return
    message = _("%(unit)s no longer exists (since %(date)s).") % {
        "unit": unit.name,
        "date": f"{unit.valid_until:%d/%m/%Y}",
    }
    if unit.successor_id:
        successor = unit.successor.name
        message += " " + _("Draft the dossier for %(successor)s.") % {"successor": successor}
    raise DomainError(message)


def dossier_update(
    *, actor, dossier: Dossier, title: str, commendation_type: str, year: int, nominees
) -> Dossier:
    try:
        title = _clean_header(title=title, year=year)
        nominees = _clean_nominees(nominees)
    except ValidationError as exc:
        raise DomainError(_validation_message(exc)) from exc
    with transaction.atomic():
        dossier = _lock(
            dossier, actor=actor, perm="nominations.prepare_dossier", expected=EDITABLE_STATUSES
        )
        dossier.title, dossier.commendation_type, dossier.year = title, commendation_type, year
        dossier.save(update_fields=["title", "commendation_type", "year"])
        _write_nominees(dossier, nominees)
        _refresh_search_text(dossier)
        _audit(
            actor=actor,
            action=AuditAction.DOSSIER_UPDATED,
            target=dossier,
            dossier=dossier,
            data={"nominees": len(nominees)},
        )
    return dossier


def dossier_send_to_head(*, actor, dossier: Dossier) -> Dossier:
    with transaction.atomic():
        dossier = _lock(
            dossier, actor=actor, perm="nominations.prepare_dossier", expected=EDITABLE_STATUSES
        )
        if not dossier.nominees.exists():
            raise DomainError(_("A dossier needs at least one nominee."))
        dossier.status = DossierStatus.AWAITING_HEAD
        dossier.save(update_fields=["status"])
        _audit(
            actor=actor, action=AuditAction.DOSSIER_SENT_TO_HEAD, target=dossier, dossier=dossier
        )
        notify_dossier_event(
            NotificationEvent.AWAITING_APPROVAL,
            dossier,
            roles=(Role.UNIT_HEAD,),
            scope_unit=dossier.unit_id,
        )
    return dossier


# --- unit head ---------------------------------------------------------------------------


def dossier_head_approve(*, actor, dossier: Dossier, note: str = "") -> Dossier:
    with transaction.atomic():
        dossier = _lock(
            dossier,
            actor=actor,
            perm="nominations.approve_dossier",
            expected=(DossierStatus.AWAITING_HEAD,),
        )
        dossier.status = DossierStatus.SUBMITTED
        dossier.submitted_at = timezone.now()
        dossier.save(update_fields=["status", "submitted_at"])
        _audit(
            actor=actor,
            action=AuditAction.DOSSIER_APPROVED_BY_HEAD,
            target=dossier,
            dossier=dossier,
            reason=normalize_text(note, multiline=True),
        )
        notify_dossier_event(
            NotificationEvent.AWAITING_CHECK,
            dossier,
            roles=(Role.SECRETARIAT_OFFICER,),
            scope_unit=dossier.authority.secretariat_unit_id,
        )
    return dossier


def dossier_head_send_back(*, actor, dossier: Dossier, reason: str) -> Dossier:
    reason = _required_reason(reason)
    with transaction.atomic():
        dossier = _lock(
            dossier,
            actor=actor,
            perm="nominations.approve_dossier",
            expected=(DossierStatus.AWAITING_HEAD,),
        )
        _send_back(
            dossier, actor=actor, action=AuditAction.DOSSIER_SENT_BACK_BY_HEAD, reason=reason
        )
    return dossier


def _send_back(dossier: Dossier, *, actor, action, reason: str) -> None:
    dossier.status = DossierStatus.RETURNED
    dossier.round += 1
    dossier.save(update_fields=["status", "round"])
    _audit(actor=actor, action=action, target=dossier, dossier=dossier, reason=reason)
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
        dossier = _lock(
            dossier,
            actor=actor,
            perm="nominations.check_dossier",
            expected=(DossierStatus.SUBMITTED,),
        )
        dossier.status = DossierStatus.AWAITING_COUNCIL
        dossier.save(update_fields=["status"])
        _audit(
            actor=actor,
            action=AuditAction.DOSSIER_ACCEPTED,
            target=dossier,
            dossier=dossier,
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
    reason = _required_reason(reason)
    with transaction.atomic():
        dossier = _lock(
            dossier,
            actor=actor,
            perm="nominations.check_dossier",
            expected=(DossierStatus.SUBMITTED,),
        )
        _send_back(dossier, actor=actor, action=AuditAction.DOSSIER_RETURNED, reason=reason)
    return dossier


def dossier_record_council_outcome(
    *, actor, dossier: Dossier, outcomes: dict[int, tuple[str, str]]
) -> Dossier:
    """The secretariat records what the council concluded for each nominee.

    A placeholder for the council session (secret ballot) that replaces it later: the
    outcome per nominee is the same whichever way it was reached.
    """
    with transaction.atomic():
        dossier = _lock(
            dossier,
            actor=actor,
            perm="nominations.record_council_outcome",
            expected=(DossierStatus.AWAITING_COUNCIL,),
        )
        nominees = list(dossier.nominees.select_related("award"))
        _check_covers_all(nominees, outcomes)
        for nominee in nominees:
            outcome, note = outcomes[nominee.pk]
            _check_council_outcome(nominee, outcome, dossier.authority)
            nominee.council_outcome = outcome
            nominee.council_note = normalize_text(note, multiline=True)
        Nominee.objects.bulk_update(nominees, ["council_outcome", "council_note"])
        dossier.status = DossierStatus.AWAITING_DECISION
        dossier.save(update_fields=["status"])
        _audit(
            actor=actor,
            action=AuditAction.COUNCIL_OUTCOME_RECORDED,
            target=dossier,
            dossier=dossier,
            data={str(n.pk): n.council_outcome for n in nominees},
        )
        notify_dossier_event(
            NotificationEvent.AWAITING_DECISION,
            dossier,
            roles=(Role.AUTHORITY_HEAD,),
            scope_unit=dossier.authority.unit_id,
        )
    return dossier


def _check_covers_all(nominees: list[Nominee], outcomes: dict) -> None:
    if {n.pk for n in nominees} != set(outcomes):
        raise DomainError(_("Give an outcome for every nominee of the dossier, and only for them."))


def _check_council_outcome(nominee: Nominee, outcome: str, authority: AwardingAuthority) -> None:
    if outcome not in CouncilOutcome.values or outcome == CouncilOutcome.PENDING:
        raise DomainError(_("“%(name)s”: choose an outcome.") % {"name": nominee.full_name})
    within_power = nominee.award.conferrable_by(authority)
    if outcome == CouncilOutcome.AGREED and not within_power:
        raise DomainError(
            _(
                "“%(name)s”: %(award)s is beyond this authority's power; "
                "propose it to the higher level."
            )
            % {"name": nominee.full_name, "award": nominee.award.name}
        )
    if outcome == CouncilOutcome.PROPOSE_HIGHER and (within_power or authority.parent_id is None):
        raise DomainError(
            _("“%(name)s”: %(award)s is decided at this level, not proposed upward.")
            % {"name": nominee.full_name, "award": nominee.award.name}
        )


# --- authority head ----------------------------------------------------------------------


@dataclass(frozen=True)
class DecideResult:
    dossier: Dossier
    decision: Decision | None
    forwarded: Dossier | None


def dossier_decide(
    *, actor, dossier: Dossier, outcomes: dict[int, tuple[str, str]], signer_title: str
) -> DecideResult:
    """The head decides each nominee: award (a numbered decision), forward upward, or not."""
    signer_title = normalize_text(signer_title) or dossier.authority.head_title
    with transaction.atomic():
        dossier = _lock(
            dossier,
            actor=actor,
            perm="nominations.decide_dossier",
            expected=(DossierStatus.AWAITING_DECISION,),
        )
        nominees = list(dossier.nominees.select_related("award"))
        _check_covers_all(nominees, outcomes)
        for nominee in nominees:
            outcome, reason = outcomes[nominee.pk]
            nominee.decision_outcome = outcome
            nominee.decision_reason = _check_decision(nominee, outcome, reason)
        awarded = [n for n in nominees if n.decision_outcome == DecisionOutcome.AWARDED]
        forwarded = [n for n in nominees if n.decision_outcome == DecisionOutcome.FORWARDED]
        decision = _issue_decision(dossier, awarded, actor=actor, signer_title=signer_title)
        Nominee.objects.bulk_update(nominees, ["decision_outcome", "decision_reason", "decision"])
        dossier.status = DossierStatus.CLOSED
        dossier.save(update_fields=["status"])
        _audit(
            actor=actor,
            action=AuditAction.DOSSIER_DECIDED,
            target=dossier,
            dossier=dossier,
            data={str(n.pk): n.decision_outcome for n in nominees},
        )
        upper = _forward(dossier, forwarded, actor=actor) if forwarded else None
        notify_dossier_event(
            NotificationEvent.DECIDED,
            dossier,
            roles=(Role.UNIT_CLERK, Role.UNIT_HEAD),
            scope_unit=dossier.unit_id,
        )
    return DecideResult(dossier=dossier, decision=decision, forwarded=upper)


def _check_decision(nominee: Nominee, outcome: str, reason: str) -> str:
    reason = normalize_text(reason, multiline=True)
    if outcome == DecisionOutcome.AWARDED and nominee.council_outcome != CouncilOutcome.AGREED:
        raise DomainError(
            _("“%(name)s”: only a nominee the council agreed on can be awarded at this level.")
            % {"name": nominee.full_name}
        )
    if (
        outcome == DecisionOutcome.FORWARDED
        and nominee.council_outcome != CouncilOutcome.PROPOSE_HIGHER
    ):
        raise DomainError(
            _(
                "“%(name)s”: only a nominee the council proposed to the higher level "
                "can be forwarded."
            )
            % {"name": nominee.full_name}
        )
    if outcome == DecisionOutcome.REJECTED and not reason:
        raise DomainError(
            _("“%(name)s”: write the reason for not awarding.") % {"name": nominee.full_name}
        )
    if outcome not in {
        DecisionOutcome.AWARDED,
        DecisionOutcome.FORWARDED,
        DecisionOutcome.REJECTED,
    }:
        raise DomainError(_("“%(name)s”: choose a decision.") % {"name": nominee.full_name})
    return reason


def _next_decision_number(authority: AwardingAuthority, year: int) -> int:
    """Numbers per authority and year, without gaps or duplicates, under a row lock."""
    try:
        with transaction.atomic():
            DecisionNumberSequence.objects.get_or_create(authority=authority, year=year)
    except IntegrityError:
        pass  # created concurrently by another issuer: fine, we lock it below
    sequence = DecisionNumberSequence.objects.select_for_update().get(
        authority=authority, year=year
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def _issue_decision(
    dossier, awarded: list[Nominee], *, actor, signer_title: str
) -> Decision | None:
    if not awarded:
        return None
    today = timezone.localdate()
    decision = Decision.objects.create(
        authority=dossier.authority,
        year=today.year,
        number=_next_decision_number(dossier.authority, today.year),
        issued_on=today,
        subject=_("On commendation: %(title)s") % {"title": dossier.title},
        signed_by=actor,
        signer_name=actor.get_full_name() or actor.get_username(),
        signer_title=signer_title,
        dossier=dossier,
        published_at=timezone.now(),
    )
    for nominee in awarded:
        nominee.decision = decision
    _audit(
        actor=actor,
        action=AuditAction.DECISION_ISSUED,
        target=decision,
        dossier=dossier,
        data={"number": decision.reference, "awardees": len(awarded)},
    )
    return decision


def _forward(dossier: Dossier, nominees: list[Nominee], *, actor) -> Dossier:
    """Open a linked dossier at the higher authority, from the lower authority as proposer."""
    authority = dossier.authority
    upper = Dossier.objects.create(
        authority=authority.parent,
        unit=authority.unit,
        title=dossier.title,
        commendation_type=dossier.commendation_type,
        year=dossier.year,
        created_by=actor,
        origin=dossier,
    )
    Nominee.objects.bulk_create(
        Nominee(
            dossier=upper,
            position=position,
            recipient_kind=n.recipient_kind,
            full_name=n.full_name,
            job_title=n.job_title,
            award=n.award,
            achievement_summary=n.achievement_summary,
            source_nominee=n,
            search_name=n.search_name,
        )
        for position, n in enumerate(nominees, start=1)
    )
    _refresh_search_text(upper)
    _audit(
        actor=actor,
        action=AuditAction.DOSSIER_FORWARDED,
        target=upper,
        dossier=dossier,
        data={"to_dossier": upper.pk, "to_authority": authority.parent.name},
    )
    _audit(
        actor=actor,
        action=AuditAction.DOSSIER_CREATED,
        target=upper,
        dossier=upper,
        data={"nominees": len(nominees), "origin": dossier.pk},
    )
    notify_dossier_event(
        NotificationEvent.FORWARDED, upper, roles=(Role.UNIT_CLERK,), scope_unit=upper.unit_id
    )
    return upper


# --- taking and releasing steps ------------------------------------------------------------


def dossier_step_taken(*, actor, dossier: Dossier, step: str) -> None:
    _audit(
        actor=actor,
        action=AuditAction.TASK_TAKEN,
        target=dossier,
        dossier=dossier,
        data={"step": step},
    )


def dossier_step_released(*, actor, dossier: Dossier, step: str) -> None:
    _audit(
        actor=actor,
        action=AuditAction.TASK_RELEASED,
        target=dossier,
        dossier=dossier,
        data={"step": step},
    )


# --- people ------------------------------------------------------------------------------


def membership_grant(*, actor, user, unit: Unit, role: str, valid_from=None) -> Membership:
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, unit=unit, role=role, defaults={"valid_from": valid_from}
        )
        if not created and membership.valid_until is not None:
            membership.valid_until = None
            membership.save(update_fields=["valid_until"])
        user.groups.add(Group.objects.get(name=role))
        _audit(
            actor=actor,
            action=AuditAction.MEMBERSHIP_GRANTED,
            target=membership,
            data={"user": user.get_username(), "unit": unit.code, "role": role},
        )
    forget_access(user)
    return membership
