"""Nominees' personal data: who sees the full record, the access log, and retention.

Personal data protection: Decree 13/2023/NĐ-CP, then Law 91/2025/QH15 from 01/01/2026. The
principles applied here: show identity numbers and dates of birth only to those whose work
needs them, record every read of a full record by someone outside the person's own unit,
and keep the data only as long as it is needed.

Who needs the full record:
- the person's own unit: its clerk and head (roles that draft or approve the unit's
  dossiers, held in Person.unit) — they collected the data; their reads are not logged;
- the secretariat of an authority that received a dossier naming the person (roles that
  check dossiers, on such a dossier): it verifies the nominee's identity; every read is
  logged (PersonalDataAccess).
Everyone else who may see the person (council members, the authority head, the system
administrator) gets the masked form: the identity number's first 3 and last 2 digits, the
year of birth.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from nominations.access import access_for, visible_dossiers
from nominations.models import (
    AuditEntry,
    AwardRecord,
    Dossier,
    DossierStatus,
    EmulationRegistration,
    Nominee,
    Person,
    PersonalDataAccess,
)
from nominations.roles import ROLE_SCOPE, Role, Scope

logger = logging.getLogger("nominations.personal_data")

MASK = "•"
# Roles of the person's own unit that need the full record: those preparing or approving the
# unit's dossiers (unit clerk, unit head).
OWN_UNIT_PERMISSIONS = ("nominations.prepare_dossier", "nominations.approve_dossier")
# Roles of a receiving authority that need it: those checking its incoming dossiers.
RECEIVING_PERMISSION = "nominations.check_dossier"


def mask_identity_number(value: str) -> str:
    """'001085012345' -> '001•••••••45'; a number too short to keep 5 digits is all masked."""
    value = (value or "").strip()
    if len(value) <= 5:
        return MASK * len(value)
    return value[:3] + MASK * (len(value) - 5) + value[-2:]


@dataclass(frozen=True)
class PersonView:
    """What a page may show of a person: never the raw fields when masked."""

    pk: int
    full_name: str
    unit_name: str
    job_title: str
    identity_number: str  # full or masked; "" when unknown
    date_of_birth: datetime.date | None  # only in the full record
    birth_year: int | None
    masked: bool
    logged: bool


def in_own_unit(viewer, person: Person) -> bool:
    """The viewer is a clerk or head of the person's unit (no query beyond the access)."""
    access = access_for(viewer)
    for perm in OWN_UNIT_PERMISSIONS:
        for role in access.roles_with(perm):
            if ROLE_SCOPE[Role(role)] == Scope.UNIT and person.unit_id in access.units_by_role.get(
                role, set()
            ):
                return True
    return False


def in_receiving_secretariat(viewer, person: Person) -> bool:
    """The viewer checks dossiers for an authority that received one naming the person.

    Memberships only: a superuser's blanket rights are not a need to know.
    """
    scope = access_for(viewer).dossier_filter(RECEIVING_PERMISSION)
    return Dossier.objects.filter(scope, nominees__person=person).exists()


def person_view(person: Person, viewer, *, purpose: str) -> PersonView:
    """The person as this viewer may see them; logs the read of a full record by an outsider.

    The caller has checked that the viewer may see the person at all (get_person_for_user).
    """
    purpose = (purpose or "").strip()[:60]
    if not purpose:
        raise ValueError("a purpose is required")
    own_unit = in_own_unit(viewer, person)
    full = own_unit or in_receiving_secretariat(viewer, person)
    logged = full and not own_unit
    if logged:
        PersonalDataAccess.objects.create(person=person, reader=viewer, purpose=purpose)
    birth = person.date_of_birth
    return PersonView(
        pk=person.pk,
        full_name=person.full_name,
        unit_name=person.unit.name,
        job_title=person.job_title,
        identity_number=person.identity_number
        if full
        else mask_identity_number(person.identity_number),
        date_of_birth=birth if full else None,
        birth_year=birth.year if birth else None,
        masked=not full,
        logged=logged,
    )


def get_person_for_user(user, pk) -> Person:
    """The person, for those who may view a dossier naming them or who work in their unit.

    Anyone else gets 404: they learn nothing, not even that the person exists.
    """
    person = Person.objects.select_related("unit").filter(pk=pk).first()
    if person is None:
        raise Http404
    if in_own_unit(user, person):
        return person
    if visible_dossiers(user).filter(nominees__person=person).exists():
        return person
    raise Http404


def award_history_of(person: Person):
    return person.award_records.select_related("award").order_by("-year", "pk")


def dossiers_naming(user, person: Person):
    """Dossiers naming the person that this user may see."""
    return (
        visible_dossiers(user)
        .filter(pk__in=Nominee.objects.filter(person=person).values("dossier_id"))
        .select_related("authority")
        .order_by("-received_on", "-created_at")
    )


# --- retention -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeReport:
    cutoff: datetime.date
    person_ids: list[int]
    undated: int  # people holding personal data but with no dated activity at all: kept
    dry_run: bool


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def purgeable_people(*, years: int, today: datetime.date):
    """People holding an identity number or date of birth with no activity since the cutoff.

    Activity: a step on a dossier naming them (its audit trail) or the dossier's creation; a
    dossier naming them that is still open; an emulation registration; an award record of
    that year or later. People with none of these at all cannot be dated (Person has no
    creation date) and are left for a person to review.
    """
    cutoff = _years_before(today, years)
    cutoff_at = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    person = OuterRef("pk")
    named = Nominee.objects.filter(person=person)
    recent = (
        Exists(AuditEntry.objects.filter(dossier__nominees__person=person, at__gte=cutoff_at))
        | Exists(named.filter(dossier__created_at__gte=cutoff_at))
        | Exists(named.exclude(dossier__status=DossierStatus.CLOSED))
        | Exists(EmulationRegistration.objects.filter(person=person, registered_on__gte=cutoff))
        | Exists(AwardRecord.objects.filter(person=person, year__gte=cutoff.year))
    )
    dated = (
        Exists(named)
        | Exists(EmulationRegistration.objects.filter(person=person))
        | Exists(AwardRecord.objects.filter(person=person))
    )
    holding = Person.objects.filter(~Q(identity_number="") | Q(date_of_birth__isnull=False))
    return cutoff, holding.filter(dated).exclude(recent), holding.exclude(dated)


def purge_personal_data(*, years: int, today: datetime.date | None = None, dry_run: bool):
    """Blank the identity number and date of birth of people inactive for `years` years."""
    if years < 1:
        raise ValueError("the retention period must be at least one year")
    today = today or timezone.localdate()
    with transaction.atomic():
        cutoff, people, undated = purgeable_people(years=years, today=today)
        person_ids = list(people.order_by("pk").values_list("pk", flat=True))
        if not dry_run and person_ids:
            Person.objects.filter(pk__in=person_ids).update(identity_number="", date_of_birth=None)
        report = PurgeReport(
            cutoff=cutoff, person_ids=person_ids, undated=undated.count(), dry_run=dry_run
        )
    logger.info(
        "personal data retention (%s years, cutoff %s)%s: %d people %s, ids %s; "
        "%d without dated activity kept",
        years,
        cutoff.isoformat(),
        " DRY RUN" if dry_run else "",
        len(person_ids),
        "would be blanked" if dry_run else "blanked",
        person_ids,
        report.undated,
    )
    return report
