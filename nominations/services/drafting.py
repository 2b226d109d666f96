"""Drafting a dossier and sending it to the unit head."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations.commendation_types import type_fact_problem
from nominations.documents.completeness import missing_documents, missing_message
from nominations.eligibility import link_nominees
from nominations.errors import DomainError
from nominations.models import (
    EDITABLE_STATUSES,
    AuditAction,
    Award,
    AwardingAuthority,
    Dossier,
    DossierStatus,
    Nominee,
    NotificationEvent,
    Unit,
)
from nominations.notifications import notify_dossier_event
from nominations.roles import Role
from nominations.services._base import audit, lock_dossier, require_perm, validation_message
from nominations.text import normalize_text, search_key

MAX_NOMINEES_PER_DOSSIER = 1000


@dataclass(frozen=True)
class NomineeInput:
    recipient_kind: str
    full_name: str
    award: Award
    achievement_summary: str
    job_title: str = ""
    act_date: datetime.date | None = None
    service_years: int | None = None
    nationality: str = ""


def _clean_nominees(nominees: list[NomineeInput], commendation_type: str) -> list[NomineeInput]:
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
                _("Nominee %(n)d: “%(award)s” is only awarded to: %(kind)s.")
                % {
                    "n": index,
                    "award": item.award.name,
                    "kind": item.award.get_recipient_kind_display().lower(),
                }
            )
        if problem := type_fact_problem(commendation_type, item):
            raise DomainError(_("Nominee %(n)d: %(problem)s.") % {"n": index, "problem": problem})
        cleaned.append(
            NomineeInput(
                recipient_kind=item.recipient_kind,
                full_name=name,
                award=item.award,
                achievement_summary=summary,
                job_title=normalize_text(item.job_title),
                act_date=item.act_date,
                service_years=item.service_years,
                nationality=normalize_text(item.nationality),
            )
        )
    return cleaned


def _write_nominees(dossier: Dossier, nominees: list[NomineeInput], *, replace: bool) -> None:
    # A nominee still proposed under the same name keeps its row, and with it what hangs on
    # it (attached documents, the lower level's nominee); the nominees no longer listed go.
    existing: dict[tuple[str, str], list[Nominee]] = {}
    if replace:
        for row in dossier.nominees.order_by("position", "pk"):
            existing.setdefault((row.recipient_kind, row.full_name), []).append(row)
    kept, added = [], []
    for position, item in enumerate(nominees, start=1):
        same = existing.get((item.recipient_kind, item.full_name))
        nominee = same.pop(0) if same else Nominee(dossier=dossier)
        nominee.position = position
        nominee.recipient_kind = item.recipient_kind
        nominee.full_name = item.full_name
        nominee.job_title = item.job_title
        nominee.award = item.award
        nominee.achievement_summary = item.achievement_summary
        nominee.act_date = item.act_date
        nominee.service_years = item.service_years
        nominee.nationality = item.nationality
        nominee.search_name = search_key(item.full_name)
        (kept if nominee.pk else added).append(nominee)
    gone = [row.pk for rows in existing.values() for row in rows]
    if gone:
        Nominee.objects.filter(pk__in=gone).delete()
    if kept:
        Nominee.objects.bulk_update(kept, _NOMINEE_INPUT_FIELDS)
    Nominee.objects.bulk_create(added)


_NOMINEE_INPUT_FIELDS = [
    "position",
    "recipient_kind",
    "full_name",
    "job_title",
    "award",
    "achievement_summary",
    "act_date",
    "service_years",
    "nationality",
    "search_name",
]


def dossier_search_text(dossier: Dossier, names) -> str:
    """What the dossier list searches: title, unit and nominees, without diacritics."""
    return search_key(" ".join([dossier.title, dossier.unit.name, *names]))


def _clean_header(*, title: str, year: int) -> str:
    title = normalize_text(title)
    if not title:
        raise DomainError(_("The dossier needs a title."))
    if not 1945 <= int(year) <= timezone.localdate().year + 1:
        raise DomainError(_("The year %(year)s is not plausible.") % {"year": year})
    return title


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
        nominees = _clean_nominees(nominees, commendation_type)
    except ValidationError as exc:
        raise DomainError(validation_message(exc)) from exc
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
        require_perm(actor, "nominations.prepare_dossier", dossier)
    dossier.search_text = dossier_search_text(dossier, [n.full_name for n in nominees])
    with transaction.atomic():
        dossier.save()
        _write_nominees(dossier, nominees, replace=False)
        audit(
            actor=actor,
            action=AuditAction.DOSSIER_CREATED,
            target=dossier,
            dossier=dossier,
            data={"nominees": len(nominees), "origin": origin.pk if origin else None},
        )
        link_nominees(dossier=dossier)
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
        nominees = _clean_nominees(nominees, commendation_type)
    except ValidationError as exc:
        raise DomainError(validation_message(exc)) from exc
    with transaction.atomic():
        dossier = lock_dossier(
            dossier, actor=actor, perm="nominations.prepare_dossier", expected=EDITABLE_STATUSES
        )
        dossier.title, dossier.commendation_type, dossier.year = title, commendation_type, year
        dossier.search_text = dossier_search_text(dossier, [n.full_name for n in nominees])
        dossier.save(update_fields=["title", "commendation_type", "year", "search_text"])
        _write_nominees(dossier, nominees, replace=True)
        audit(
            actor=actor,
            action=AuditAction.DOSSIER_UPDATED,
            target=dossier,
            dossier=dossier,
            data={"nominees": len(nominees)},
        )
        link_nominees(dossier=dossier)
    return dossier


def dossier_send_to_head(*, actor, dossier: Dossier) -> Dossier:
    with transaction.atomic():
        dossier = lock_dossier(
            dossier, actor=actor, perm="nominations.prepare_dossier", expected=EDITABLE_STATUSES
        )
        if not dossier.nominees.exists():
            raise DomainError(_("A dossier needs at least one nominee."))
        if missing := missing_documents(dossier):
            raise DomainError(missing_message(missing))
        dossier.status = DossierStatus.AWAITING_HEAD
        dossier.save(update_fields=["status"])
        audit(actor=actor, action=AuditAction.DOSSIER_SENT_TO_HEAD, target=dossier, dossier=dossier)
        notify_dossier_event(
            NotificationEvent.AWAITING_APPROVAL,
            dossier,
            roles=(Role.UNIT_HEAD,),
            scope_unit=dossier.unit_id,
        )
    return dossier
