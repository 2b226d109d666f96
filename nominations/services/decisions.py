"""The authority head decides: numbered decisions and forwarding upward."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nominations.errors import DomainError
from nominations.models import (
    AuditAction,
    AwardRecord,
    CouncilOutcome,
    Decision,
    DecisionOutcome,
    Dossier,
    DossierStatus,
    Nominee,
    NotificationEvent,
    Person,
    RecipientKind,
    RecordSource,
    SequenceKind,
)
from nominations.notifications import notify_dossier_event
from nominations.roles import Role
from nominations.services._base import audit, check_covers_all, lock_dossier, next_number
from nominations.services.drafting import dossier_search_text
from nominations.text import normalize_text

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
        dossier = lock_dossier(
            dossier,
            actor=actor,
            perm="nominations.decide_dossier",
            expected=(DossierStatus.AWAITING_DECISION,),
        )
        nominees = list(dossier.nominees.select_related("award"))
        check_covers_all(nominees, outcomes)
        for nominee in nominees:
            outcome, reason = outcomes[nominee.pk]
            nominee.decision_outcome = outcome
            nominee.decision_reason = _check_decision(nominee, outcome, reason)
        awarded = [n for n in nominees if n.decision_outcome == DecisionOutcome.AWARDED]
        forwarded = [n for n in nominees if n.decision_outcome == DecisionOutcome.FORWARDED]
        decision = _issue_decision(dossier, awarded, actor=actor, signer_title=signer_title)
        Nominee.objects.bulk_update(
            nominees, ["decision_outcome", "decision_reason", "decision", "person"]
        )
        dossier.status = DossierStatus.CLOSED
        dossier.save(update_fields=["status"])
        audit(
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


def _decision_subject(dossier: Dossier) -> str:
    """Stored as issued, in the authority's language: a decision is a document, not a UI."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("On commendation of collectives and individuals (%(title)s)") % {
            "title": dossier.title
        }


def _issue_decision(
    dossier, awarded: list[Nominee], *, actor, signer_title: str
) -> Decision | None:
    if not awarded:
        return None
    today = timezone.localdate()
    decision = Decision.objects.create(
        authority=dossier.authority,
        year=today.year,
        number=next_number(
            authority=dossier.authority, year=today.year, kind=SequenceKind.DECISION
        ),
        issued_on=today,
        subject=_decision_subject(dossier),
        signed_by=actor,
        signer_name=actor.get_full_name() or actor.get_username(),
        signer_title=signer_title,
        dossier=dossier,
        published_at=timezone.now(),
    )
    for nominee in awarded:
        nominee.decision = decision
    unrecorded = _record_in_history(dossier, awarded, decision)
    audit(
        actor=actor,
        action=AuditAction.DECISION_ISSUED,
        target=decision,
        dossier=dossier,
        data={
            "number": decision.reference,
            "awardees": len(awarded),
            "not_in_history": unrecorded,
        },
    )
    return decision


def _record_in_history(dossier, awarded: list[Nominee], decision: Decision) -> list[str]:
    """Our own decisions fill the award history that later eligibility checks read.

    An individual with no namesake in the proposing unit becomes a Person of it; one whose
    name matches someone not linked to the nominee is left for a person to resolve, and a
    collective is recorded only when the dossier names its unit (no guessing from a name).
    Returns the names that could not be recorded.
    """
    records, unrecorded = [], []
    namesakes = set(
        Person.objects.filter(
            unit=dossier.unit, search_name__in=[n.search_name for n in awarded]
        ).values_list("search_name", flat=True)
    )
    for nominee in awarded:
        unknown = nominee.person_id is None and nominee.search_name not in namesakes
        if nominee.recipient_kind == RecipientKind.INDIVIDUAL and unknown:
            nominee.person = Person.objects.create(
                full_name=nominee.full_name, unit=dossier.unit, job_title=nominee.job_title
            )
        if nominee.person_id is None and nominee.collective_id is None:
            unrecorded.append(nominee.full_name)
            continue
        records.append(
            AwardRecord(
                person_id=nominee.person_id,
                collective_id=nominee.collective_id,
                award_id=nominee.award_id,
                year=dossier.year,
                decision=decision,
                decision_reference=decision.reference,
                decision_date=decision.issued_on,
                issuer=decision.authority.name,
                source=RecordSource.DECISION,
            )
        )
    AwardRecord.objects.bulk_create(records)
    return unrecorded


def _forward(dossier: Dossier, nominees: list[Nominee], *, actor) -> Dossier:
    """Open a linked dossier at the higher authority, from the lower authority as proposer."""
    authority = dossier.authority
    upper = Dossier(
        authority=authority.parent,
        unit=authority.unit,
        title=dossier.title,
        commendation_type=dossier.commendation_type,
        year=dossier.year,
        created_by=actor,
        origin=dossier,
    )
    upper.search_text = dossier_search_text(upper, [n.full_name for n in nominees])
    upper.save()
    Nominee.objects.bulk_create(
        Nominee(
            dossier=upper,
            position=position,
            recipient_kind=n.recipient_kind,
            full_name=n.full_name,
            job_title=n.job_title,
            award=n.award,
            achievement_summary=n.achievement_summary,
            act_date=n.act_date,
            service_years=n.service_years,
            nationality=n.nationality,
            person_id=n.person_id,
            collective_id=n.collective_id,
            source_nominee=n,
            search_name=n.search_name,
        )
        for position, n in enumerate(nominees, start=1)
    )
    audit(
        actor=actor,
        action=AuditAction.DOSSIER_FORWARDED,
        target=upper,
        dossier=dossier,
        data={"to_dossier": upper.pk, "to_authority": authority.parent.name},
    )
    audit(
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
