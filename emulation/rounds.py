"""The commendation round "by movement" (khen thưởng theo phong trào), opened at the final review.

`commendation_round_open` is for the movement's authority side (emulation.reviews.
may_request_review), on or after the FINAL_REVIEW milestone (the latest one, if it was moved),
once per movement. Every participant concerned by at least one target is judged on its
concerned targets, today:

- a target per unit (EACH_UNIT / NAMED_UNITS) counts with the unit's own status;
- a whole-area target counts with the target's status (the group's figure the unit shares);

a unit whose concerned targets are ALL reached is "pre-filled": a DRAFT MOVEMENT dossier of the
unit to the authority, with one collective nominee (the unit, for a Giấy khen tập thể) and a
summary of the targets reached. The dossier is drafted in the unit's name, so it is created by
one of the unit's clerks (nominations.services.dossier_create checks they may draft for it) —
the real actor is recorded as MovementDossier.opened_by and nothing else is written on the
clerk's behalf. Its process is started: the "prepare" step waits in the clerk's inbox, where
they add individuals and send it up the usual chain. A unit without a clerk, or that missed a
target, is skipped and reported. All in one transaction.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.evaluation import Status
from emulation.models import MilestoneKind, Movement, MovementDossier
from emulation.reviews import may_request_review
from emulation.selectors import movement_evaluation
from nominations.errors import DomainError, NotAllowed
from nominations.models import Award, CommendationType, Dossier, Membership, RecipientKind, Unit
from nominations.roles import Role
from nominations.services import NomineeInput, dossier_create

ROUND_AWARD_CODE = "giay-khen-tap-the"
TITLE_PREFIX = "Khen thưởng theo phong trào: "


@dataclass(frozen=True)
class SkippedUnit:
    unit: Unit
    reason: str


@dataclass
class RoundResult:
    dossiers: list[Dossier] = field(default_factory=list)
    skipped: list[SkippedUnit] = field(default_factory=list)


def final_review_on(movement: Movement):
    """The day of the final review (the latest FINAL_REVIEW milestone), or None."""
    days = movement.milestones.filter(kind=MilestoneKind.FINAL_REVIEW).values_list(
        "due_on", flat=True
    )
    return max(days, default=None)


def round_opened(movement: Movement) -> bool:
    return MovementDossier.objects.filter(movement=movement).exists()


def may_open_round(user, movement: Movement) -> bool:
    return may_request_review(user, movement)


def commendation_round_open(*, actor, movement: Movement) -> RoundResult:
    """Open the movement's commendation round (see the module)."""
    from workflows.flows import NominationFlow

    if not may_open_round(actor, movement):
        raise NotAllowed(_("Only the movement's authority may open its commendation round."))
    today = timezone.localdate()
    with transaction.atomic():
        # One round per movement: two clicks wait for each other here.
        movement = (
            Movement.objects.select_for_update(of=("self",))
            .select_related("authority")
            .get(pk=movement.pk)
        )
        review_day = final_review_on(movement)
        if review_day is None:
            raise DomainError(_("The movement has no final review milestone."))
        if today < review_day:
            raise DomainError(
                _("The commendation round opens at the final review, on %(day)s.")
                % {"day": review_day.strftime("%d/%m/%Y")}
            )
        if round_opened(movement):
            raise DomainError(_("The movement's commendation round is already open."))
        award = Award.objects.filter(code=ROUND_AWARD_CODE, is_active=True).first()
        if award is None:
            raise DomainError(_("The collective certificate of merit is not in the catalogue."))

        result = RoundResult()
        for unit, reached, total in _unit_results(movement, today):
            if len(reached) < total:
                result.skipped.append(
                    SkippedUnit(
                        unit,
                        _("%(reached)s of %(total)s targets reached")
                        % {"reached": len(reached), "total": total},
                    )
                )
                continue
            clerk = _clerk_of(unit, today)
            if clerk is None:
                result.skipped.append(
                    SkippedUnit(unit, _("no clerk to draft for %(unit)s") % {"unit": unit.name})
                )
                continue
            try:
                with transaction.atomic():
                    dossier = dossier_create(
                        actor=clerk,
                        authority=movement.authority,
                        unit=unit,
                        title=f"{TITLE_PREFIX}{movement.title[:200]}",
                        commendation_type=CommendationType.MOVEMENT,
                        year=movement.ends_on.year,
                        nominees=[
                            NomineeInput(
                                recipient_kind=RecipientKind.COLLECTIVE,
                                full_name=unit.name,
                                award=award,
                                achievement_summary=_summary(reached, total),
                            )
                        ],
                    )
                    NominationFlow.start.run(dossier=dossier)
                    MovementDossier.objects.create(
                        movement=movement, dossier=dossier, opened_by=actor
                    )
            except DomainError as error:  # e.g. the unit does not send to this authority
                result.skipped.append(SkippedUnit(unit, error.message))
                continue
            result.dossiers.append(dossier)
    for dossier in result.dossiers:
        dossier.refresh_from_db()
    return result


def _unit_results(movement: Movement, today):
    """[(unit, [(spec, value) reached], number of targets concerning it)], by unit name, for
    the participants that at least one target concerns."""
    evaluation = movement_evaluation(movement, today)
    participants = {u.pk: u for u in movement.participants.all()}
    by_unit: dict[int, list] = {}
    for target in evaluation.targets:
        own = {u.unit_id: u for u in target.units}
        for unit_id in target.target.concerned_unit_ids:
            if unit_id not in participants:
                continue
            if target.target.per_unit:
                mine = own.get(unit_id)
                status, value = (mine.status, mine.value) if mine else (None, None)
            else:
                status, value = target.status, target.value
            by_unit.setdefault(unit_id, []).append((target.target, status, value))
    rows = []
    for unit_id, judged in by_unit.items():
        reached = [(spec, value) for spec, status, value in judged if status == Status.REACHED]
        rows.append((participants[unit_id], reached, len(judged)))
    rows.sort(key=lambda row: (row[0].name, row[0].pk))
    return rows


def _clerk_of(unit: Unit, today):
    """An active clerk of the unit (the longest-standing), or None."""
    membership = (
        Membership.objects.active(today)
        .filter(unit=unit, role=Role.UNIT_CLERK, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _summary(reached, total) -> str:
    parts = [
        f"{spec.description} ({_figure(value)}{' ' + spec.unit_label if spec.unit_label else ''})"
        for spec, value in reached
    ]
    return f"Đạt {len(reached)}/{total} chỉ tiêu: " + "; ".join(parts) + "."


def _figure(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return format(value.normalize(), "f").replace(".", ",")
