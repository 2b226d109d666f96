"""Load the seed program (emulation.seed_program) into the database.

Idempotent: the movement is found by its code, milestones by their kind, tasks by their
number, targets by their code; their fields are updated and their units set again, so a
second run creates nothing and a corrected figure in the data replaces the stored one. Nothing
is deleted (a target may already carry the units' commitments and reports). The movement's
status is set only when it is created: a movement someone has since closed stays closed; its
participants are added to, never removed.

It needs the demo organisation (workflows.demo): when the district is missing it loads it
(`load_organisation()`, itself idempotent), so the command also works on an empty database.
"""

from dataclasses import dataclass

from django.db import transaction

from emulation import seed_program as seed
from emulation.models import Milestone, Movement, MovementStatus, MovementTask, Target
from nominations.models import AwardingAuthority, Unit


class SeedOrganisationError(RuntimeError):
    """The organisation lacks a unit the program names."""


@dataclass(frozen=True)
class SeedLoadResult:
    movement: Movement
    tasks: int
    targets: int
    milestones: int
    extra_units: int


def _organisation() -> tuple[Unit, AwardingAuthority]:
    district = Unit.objects.filter(code=seed.DISTRICT).first()
    if district is None or not AwardingAuthority.objects.filter(unit=district).exists():
        # Imported here: the demo module imports this app's models.
        from workflows.demo import load_organisation

        load_organisation()
        district = Unit.objects.get(code=seed.DISTRICT)
    return district, AwardingAuthority.objects.get(unit=district)


def _groups() -> dict[str, list[str]]:
    from workflows.demo import COMMUNES, DEPARTMENTS

    return {
        seed.DEPARTMENTS: [code for code, _name in DEPARTMENTS],
        seed.COMMUNES: [seed.commune(name) for name in COMMUNES],
    }


class _Units:
    """Unit codes of the data (with the DEPARTMENTS/COMMUNES placeholders) -> units."""

    def __init__(self):
        self.groups = _groups()
        self.by_code = {u.code: u for u in Unit.objects.all()}

    def codes(self, names) -> list[str]:
        codes: list[str] = []
        for name in names:
            for code in self.groups.get(name, [name]):
                if code not in codes:
                    codes.append(code)
        return codes

    def resolve(self, names, *, without=()) -> list[Unit]:
        codes = [code for code in self.codes(names) if code not in set(without)]
        missing = [code for code in codes if code not in self.by_code]
        if missing:
            raise SeedOrganisationError(
                "The organisation lacks units the seed program names: "
                + ", ".join(missing)
                + ". Load the demo organisation first (manage.py load_demo)."
            )
        return [self.by_code[code] for code in codes]


def _extra_units(district: Unit) -> int:
    for code, name, kind in seed.EXTRA_UNITS:
        Unit.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": district}
        )
    return len(seed.EXTRA_UNITS)


@transaction.atomic
def load_seed_program() -> SeedLoadResult:
    district, authority = _organisation()
    extra = _extra_units(district)
    units = _Units()
    spec = seed.MOVEMENT
    fields = {
        "authority": authority,
        "title": spec.title,
        "legal_basis": spec.legal_basis,
        "purpose": spec.purpose,
        "starts_on": spec.starts_on,
        "ends_on": spec.ends_on,
    }
    movement, _ = Movement.objects.update_or_create(
        code=spec.code,
        defaults=fields,
        create_defaults={**fields, "status": MovementStatus.LAUNCHED},
    )

    for milestone in seed.MILESTONES:
        Milestone.objects.update_or_create(
            movement=movement,
            kind=milestone.kind,
            defaults={"title": milestone.title, "due_on": milestone.due_on},
        )

    participants: dict[int, Unit] = {}
    target_count = 0
    for task_spec in seed.TASKS:
        task, _ = MovementTask.objects.update_or_create(
            movement=movement,
            number=task_spec.number,
            defaults={"title": task_spec.title, "description": task_spec.description},
        )
        leads = units.resolve(task_spec.leads)
        lead_codes = {u.code for u in leads}
        coordinating = units.resolve(task_spec.coordinating, without=lead_codes)
        task.lead_units.set(leads)
        task.coordinating_units.set(coordinating)
        participants.update({u.pk: u for u in (*leads, *coordinating)})

        for target_spec in task_spec.targets:
            target, _ = Target.objects.update_or_create(
                task=task,
                code=target_spec.code,
                defaults={
                    "description": target_spec.description,
                    "measure": target_spec.measure,
                    "unit_label": target_spec.unit_label,
                    "direction": target_spec.direction,
                    "value": target_spec.value,
                    "scope": target_spec.scope,
                    "deadline": target_spec.deadline,
                    "source_text": target_spec.source_text,
                },
            )
            scope_units = units.resolve(target_spec.scope_units)
            target.scope_units.set(scope_units)
            participants.update({u.pk: u for u in scope_units})
        target_count += len(task_spec.targets)
    movement.participants.add(*participants.values())

    return SeedLoadResult(
        movement=movement,
        tasks=len(seed.TASKS),
        targets=target_count,
        milestones=len(seed.MILESTONES),
        extra_units=extra,
    )
