"""Saying who an individual nominee is, when the name alone could not (identity.link_nominees).

The eligibility panel says "no record of X" or "2 people named X: choose one"; here the unit's
clerk (while the dossier is editable) or the receiving secretariat (at any open step) answers:
this nominee is that person of the proposing unit, or a person not yet on record, added to it.
A link made by the name can be corrected the same way. Only people of the proposing unit
whose name has the nominee's search key can be chosen, whatever the form posted.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from nominations.errors import DomainError, NotAllowed
from nominations.models import (
    EDITABLE_STATUSES,
    AuditAction,
    Dossier,
    DossierStatus,
    Nominee,
    Person,
    RecipientKind,
    Unit,
)
from nominations.services._base import audit, lock_dossier

PREPARE = "nominations.prepare_dossier"
CHECK = "nominations.check_dossier"
OPEN_STATUSES = tuple(status for status in DossierStatus.values if status != DossierStatus.CLOSED)
# Who may say who a nominee is, and while the dossier stands where. The secretariat first: an
# officer who also drafts for their own unit acts as the secretariat on what they received.
RIGHTS = ((CHECK, OPEN_STATUSES), (PREPARE, EDITABLE_STATUSES))


def may_act(user, dossier: Dossier) -> bool:
    """Whether the form is offered: the right, at a step where it is allowed, on a dossier
    whose nominees belong to its own unit (not one forwarded from a lower level)."""
    if dossier.origin_id is not None:
        return False
    return any(
        dossier.status in statuses and user.has_perm(perm, dossier) for perm, statuses in RIGHTS
    )


def may_ever_act(user, dossier: Dossier) -> bool:
    """Whether the user holds either right on the dossier, whatever its step."""
    return any(user.has_perm(perm, dossier) for perm, _statuses in RIGHTS)


def same_name(nominee_name: str, nominee_key: str, person_name: str) -> bool:
    """The rule of identity.link_nominees: diacritics count, unless the nominee's name was
    typed without any (then the search key, already equal, decides)."""
    typed = nominee_name.casefold()
    return typed == nominee_key or person_name.casefold() == typed


@dataclass(frozen=True)
class Candidate:
    pk: int
    full_name: str
    job_title: str
    birth_year: int | None  # the masked form of the date of birth: everyone acting may see it
    current: bool


@dataclass(frozen=True)
class IdentifyForm:
    """What the panel offers for one individual nominee."""

    nominee_id: int
    full_name: str
    linked: Candidate | None
    candidates: list[Candidate]
    can_create: bool  # False when someone of exactly that name is on record: choose them

    @property
    def has_choice(self) -> bool:
        """Whether anything other than the present link can be chosen."""
        return self.can_create or any(not c.current for c in self.candidates)

    @property
    def preselect_new(self) -> bool:
        """Adding a person is the only answer offered: it comes checked."""
        return self.can_create and not self.candidates and self.linked is None


def identify_forms(dossier: Dossier) -> dict[int, IdentifyForm]:
    """The form for each individual nominee of the dossier, by nominee id, in two queries."""
    nominees = list(
        dossier.nominees.filter(recipient_kind=RecipientKind.INDIVIDUAL)
        .order_by()
        .values_list("pk", "full_name", "search_name", "person_id")
    )
    if not nominees:
        return {}
    fields = ("pk", "full_name", "search_name", "job_title", "date_of_birth")
    people = list(
        Person.objects.filter(
            unit_id=dossier.unit_id, search_name__in={key for _pk, _name, key, _p in nominees}
        )
        .order_by("full_name", "pk")
        .values_list(*fields)
    )
    by_key: dict[str, list[tuple]] = {}
    for row in people:
        by_key.setdefault(row[2], []).append(row)
    elsewhere = {person for *_rest, person in nominees if person} - {row[0] for row in people}
    outside = {}
    if elsewhere:  # linked by hand (the admin) to someone of another name or unit
        outside = {
            row[0]: row for row in Person.objects.filter(pk__in=elsewhere).values_list(*fields)
        }
    forms = {}
    for pk, full_name, key, person_id in nominees:
        candidates = [
            Candidate(
                pk=person_pk,
                full_name=name,
                job_title=job_title,
                birth_year=born.year if born else None,
                current=person_pk == person_id,
            )
            for person_pk, name, _key, job_title, born in by_key.get(key, [])
        ]
        linked = next((c for c in candidates if c.current), None)
        if person_id is not None and linked is None and person_id in outside:
            _pk, name, _key, job_title, born = outside[person_id]
            linked = Candidate(person_id, name, job_title, born.year if born else None, True)
        forms[pk] = IdentifyForm(
            nominee_id=pk,
            full_name=full_name,
            linked=linked,
            candidates=candidates,
            can_create=not any(same_name(full_name, key, c.full_name) for c in candidates),
        )
    return forms


def _lock(dossier: Dossier, actor) -> Dossier:
    """The dossier under a row lock, checked for the secretariat's right at an open step, or
    else for the unit's right while it is editable."""
    (check, open_statuses), (prepare, editable) = RIGHTS
    try:
        return lock_dossier(dossier, actor=actor, perm=check, expected=open_statuses)
    except NotAllowed:
        return lock_dossier(dossier, actor=actor, perm=prepare, expected=editable)


@transaction.atomic
def nominee_identify(*, actor, nominee: Nominee, person: Person | None = None, create=False):
    """Link the nominee to `person` of the proposing unit, or to a new Person added to it.

    Refused when the person is not of the proposing unit or does not bear the nominee's name
    (search key), and when creating would duplicate someone of exactly that name. Returns the
    nominee, linked.
    """
    if (person is None) == (not create):
        raise DomainError(_("Choose one: a person on record, or a person to add."))
    dossier = _lock(nominee.dossier, actor)
    nominee = Nominee.objects.select_for_update().filter(pk=nominee.pk, dossier=dossier).first()
    if nominee is None:
        raise DomainError(_("This nominee is no longer in the dossier."))
    if nominee.recipient_kind != RecipientKind.INDIVIDUAL:
        raise DomainError(_("Only an individual nominee is identified as a person on record."))
    if dossier.origin_id is not None:
        raise DomainError(
            _("This nominee was proposed by a lower level: their record is that level's.")
        )
    unit = dossier.unit
    previous = nominee.person_id
    if create:
        # Serialises additions to the unit's people: two forms posted at once add one person.
        Unit.objects.select_for_update().filter(pk=unit.pk).exists()
        namesakes = Person.objects.filter(unit=unit, search_name=nominee.search_name)
        if any(
            same_name(nominee.full_name, nominee.search_name, name)
            for name in namesakes.values_list("full_name", flat=True)
        ):
            raise DomainError(
                _(
                    "%(name)s is already on record in %(unit)s: choose them. If the nominee is "
                    "another person of the same name, ask the administrator to add them with "
                    "their position and date of birth, then choose."
                )
                % {"name": nominee.full_name, "unit": unit.name}
            )
        person = Person.objects.create(
            full_name=nominee.full_name, unit=unit, job_title=nominee.job_title
        )
    else:
        person = Person.objects.filter(
            pk=person.pk, unit=unit, search_name=nominee.search_name
        ).first()
        if person is None:
            raise DomainError(
                _("That person is not someone of %(unit)s named %(name)s: choose from the list.")
                % {"name": nominee.full_name, "unit": unit.name}
            )
        if person.pk == previous:
            raise DomainError(
                _("%(name)s is already linked to this person: nothing changed.")
                % {"name": nominee.full_name}
            )
    nominee.person = person
    nominee.save(update_fields=["person"])
    audit(
        actor=actor,
        action=AuditAction.DOSSIER_UPDATED,
        target=dossier,
        dossier=dossier,
        data={
            "change": "nominee_identified",
            "nominee": nominee.pk,
            "person": person.pk,
            "previous": previous,
            "created": bool(create),
        },
    )
    return nominee
