"""A bloc's emulation year: opening it, the covenant, the scoring table, the ranking and the
bloc's proposal of its best unit for the emulation flag (Cờ thi đua).

Same style as emulation.services: keyword-only `<entity>_<action>(*, actor, ...)`, one
transaction each, refusals as DomainError / NotAllowed with a message for the user.

Who does what:

- the **secretariat** of the bloc's authority (a secretariat officer in its secretariat unit)
  opens the year, names the leading unit, and may do everything the leading unit does;
- the **leading unit** of the year (its clerks and head) sets the criteria, scores the manual
  ones and proposes the best unit;
- each **member** (its clerks and head) signs the covenant for itself.

Scoring rule (bloc_ranking), per member:

- a MANUAL criterion gives the points the bloc scored (none scored = 0);
- a FROM_TARGET criterion reads the member's own current report on the target (its latest
  report no correction supersedes, as in emulation.evaluation), whatever the target's scope:
  - reached (emulation.evaluation.reaches, in the target's direction): the maximum points;
  - no report: 0;
  - "at least" / "more than" not reached: partial credit in proportion,
    max × value ÷ target value, rounded down to the hundredth and always below the maximum
    (the maximum is for reaching it: "more than 5" at exactly 5 is not reached);
  - "at most" / "less than" not reached: 0 — a ceiling is kept or not, there is no share
    of it;
- the total is the sum over the criteria. A member that did not sign the covenant is ranked
  all the same, flagged "did not sign", for the bloc to weigh.
- Ranks are competition ranks (1, 1, 3): equal totals share a rank, listed in name order.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.access import may_act_for_unit
from emulation.evaluation import REPORT_FIELDS, current_reports, reaches
from emulation.models import (
    BlocCriterion,
    BlocScore,
    BlocYear,
    CovenantSignature,
    CriterionKind,
    Direction,
    EmulationBloc,
    Movement,
    ProgressReport,
    Target,
)
from nominations.access import access_for, units_where
from nominations.errors import DomainError, NotAllowed
from nominations.models import Award, CommendationType, RecipientKind, Unit
from nominations.roles import Role
from nominations.services import NomineeInput, dossier_create
from nominations.services._base import validation_message
from nominations.text import normalize_text

FLAG_AWARD_CODE = "co-thi-dua-cap-tinh"
MAX_POINTS = Decimal("9999.99")  # max_digits=6, decimal_places=2
CENT = Decimal("0.01")
ZERO = Decimal("0")
CEILING_DIRECTIONS = frozenset({Direction.AT_MOST, Direction.LESS_THAN})


# --- who may ---------------------------------------------------------------------------------


def is_bloc_secretariat(user, bloc: EmulationBloc) -> bool:
    """True when the user is a secretariat officer in the secretariat of the bloc's authority
    (the cached membership load; the authority is read if not loaded already)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    officer_units = access_for(user).units_by_role.get(Role.SECRETARIAT_OFFICER, set())
    return bloc.authority.secretariat_unit_id in officer_units


def may_lead_bloc_year(user, bloc_year: BlocYear) -> bool:
    """The leading unit's clerks and head, or the bloc's secretariat."""
    return may_act_for_unit(user, bloc_year.leading_unit_id) or is_bloc_secretariat(
        user, bloc_year.bloc
    )


def _require_secretariat(actor, bloc: EmulationBloc) -> None:
    if not is_bloc_secretariat(actor, bloc):
        raise NotAllowed(_("Only the secretariat of the bloc's authority may do this."))


def _require_leading(actor, bloc_year: BlocYear) -> None:
    if not may_lead_bloc_year(actor, bloc_year):
        raise NotAllowed(_("Only the bloc's leading unit or the secretariat may do this."))


# --- writes ----------------------------------------------------------------------------------


def bloc_year_open(
    *,
    actor,
    bloc: EmulationBloc,
    year: int,
    leading_unit: Unit,
    movement: Movement | None = None,
    covenant: str = "",
) -> BlocYear:
    """The secretariat opens the bloc's year with its leading unit (a member of the bloc)."""
    with transaction.atomic():
        bloc = EmulationBloc.objects.select_related("authority").get(pk=bloc.pk)
        _require_secretariat(actor, bloc)
        try:
            year = int(year)
        except (TypeError, ValueError):
            year = 0
        if not 1945 <= year <= timezone.localdate().year + 1:
            raise DomainError(_("The year %(year)s is not plausible.") % {"year": year})
        if not bloc.members.filter(pk=leading_unit.pk).exists():
            raise DomainError(_("The leading unit must be a member of the bloc."))
        covenant = _text(covenant, multiline=True)
        if BlocYear.objects.filter(bloc=bloc, year=year).exists():
            raise DomainError(_("This bloc's year is already open."))
        try:
            with transaction.atomic():
                bloc_year = BlocYear.objects.create(
                    bloc=bloc,
                    year=year,
                    leading_unit=leading_unit,
                    movement=movement,
                    covenant=covenant,
                )
        except IntegrityError as exc:  # opened at the same moment by a colleague
            raise DomainError(_("This bloc's year is already open.")) from exc
    return bloc_year


def covenant_sign(*, actor, bloc_year: BlocYear, unit: Unit) -> CovenantSignature:
    """A member unit signs the year's covenant (its clerk or head, for the unit only)."""
    with transaction.atomic():
        bloc_year = _lock(bloc_year)
        if not may_act_for_unit(actor, unit):
            raise NotAllowed(_("Only a clerk or the head of the unit may do this for the unit."))
        _require_member(bloc_year, unit)
        if CovenantSignature.objects.filter(bloc_year=bloc_year, unit=unit).exists():
            raise DomainError(_("This unit has already signed the covenant."))
        signature = CovenantSignature.objects.create(
            bloc_year=bloc_year, unit=unit, signed_on=timezone.localdate(), signed_by=actor
        )
    return signature


def criterion_add(
    *,
    actor,
    bloc_year: BlocYear,
    title: str,
    kind: str,
    max_points,
    target: Target | None = None,
) -> BlocCriterion:
    """A criterion of the scoring table; FROM_TARGET ones name a target of the year's movement,
    MANUAL ones none."""
    with transaction.atomic():
        bloc_year = _lock(bloc_year)
        _require_leading(actor, bloc_year)
        _require_not_proposed(bloc_year)
        title = _text(title)
        if not title:
            raise DomainError(_("The criterion needs a title."))
        max_points = _points(max_points)
        if max_points <= 0:
            raise DomainError(_("The maximum points must be more than zero."))
        if kind == CriterionKind.MANUAL:
            if target is not None:
                raise DomainError(_("A criterion scored by the bloc names no target."))
        elif kind == CriterionKind.FROM_TARGET:
            if target is None:
                raise DomainError(_("A criterion scored from the reports needs a target."))
            target = Target.objects.select_related("task").get(pk=target.pk)
            if bloc_year.movement_id is None or target.task.movement_id != bloc_year.movement_id:
                raise DomainError(_("The target must belong to the movement the bloc scores."))
        else:
            raise DomainError(_("Choose how the criterion is scored."))
        position = bloc_year.criteria.count() + 1
        criterion = BlocCriterion.objects.create(
            bloc_year=bloc_year,
            position=position,
            title=title,
            kind=kind,
            max_points=max_points,
            target=target,
        )
    return criterion


def score_set(*, actor, criterion: BlocCriterion, unit: Unit, points, note: str = "") -> BlocScore:
    """The bloc scores a member on a MANUAL criterion (0 to the maximum); again = replaced."""
    with transaction.atomic():
        criterion = BlocCriterion.objects.get(pk=criterion.pk)
        bloc_year = _lock(criterion.bloc_year)
        _require_leading(actor, bloc_year)
        _require_not_proposed(bloc_year)
        if criterion.kind != CriterionKind.MANUAL:
            raise DomainError(_("This criterion is scored from the units' reports, not by hand."))
        _require_member(bloc_year, unit)
        points = _points(points)
        if points < 0 or points > criterion.max_points:
            raise DomainError(
                _("The points must be between 0 and %(max)s.") % {"max": criterion.max_points}
            )
        note = _text(note)
        score, _created = BlocScore.objects.update_or_create(
            criterion=criterion,
            unit=unit,
            defaults={
                "points": points,
                "note": note,
                "scored_by": actor,
                "scored_at": timezone.now(),
            },
        )
    return score


# --- the ranking -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RankedUnit:
    unit: Unit
    rank: int
    points: Decimal
    signed: bool
    # {criterion id: points} for every criterion of the table.
    by_criterion: dict[int, Decimal] = field(default_factory=dict)

    @property
    def flag(self) -> str:
        return "" if self.signed else _("did not sign")


def target_points(*, direction: str, target_value: Decimal, value, max_points: Decimal):
    """The points a FROM_TARGET criterion gives for a unit's current value (see the module)."""
    if value is None:
        return ZERO
    if reaches(direction, value, target_value):
        return max_points
    if direction in CEILING_DIRECTIONS or target_value <= 0:
        return ZERO
    share = (max_points * value / target_value).quantize(CENT, rounding=ROUND_DOWN)
    return max(ZERO, min(share, max_points - CENT))


def bloc_ranking(bloc_year: BlocYear) -> list[RankedUnit]:
    """Every member with its points and rank: five queries whatever the number of members
    and criteria (members, criteria with their targets, scores, signatures, reports)."""
    members = list(Unit.objects.filter(emulation_blocs=bloc_year.bloc_id).order_by("name", "pk"))
    criteria = list(
        BlocCriterion.objects.filter(bloc_year_id=bloc_year.pk).select_related("target")
    )
    manual = defaultdict(dict)
    for criterion_id, unit_id, points in BlocScore.objects.filter(
        criterion__bloc_year_id=bloc_year.pk
    ).values_list("criterion_id", "unit_id", "points"):
        manual[unit_id][criterion_id] = points
    signed = set(
        CovenantSignature.objects.filter(bloc_year_id=bloc_year.pk).values_list(
            "unit_id", flat=True
        )
    )
    target_ids = sorted({c.target_id for c in criteria if c.kind == CriterionKind.FROM_TARGET})
    reports = ProgressReport.objects.filter(
        target_id__in=target_ids, unit_id__in=[m.pk for m in members]
    ).values(*REPORT_FIELDS)
    current = current_reports(reports)

    scored = []
    for unit in members:
        by_criterion = {}
        for criterion in criteria:
            if criterion.kind == CriterionKind.MANUAL:
                points = manual[unit.pk].get(criterion.pk, ZERO)
            else:
                report = current.get((criterion.target_id, unit.pk))
                points = target_points(
                    direction=criterion.target.direction,
                    target_value=criterion.target.value,
                    value=report["value"] if report else None,
                    max_points=criterion.max_points,
                )
            by_criterion[criterion.pk] = points
        scored.append((unit, sum(by_criterion.values(), ZERO), by_criterion))

    scored.sort(key=lambda row: (-row[1], row[0].name, row[0].pk))
    ranking, rank, previous = [], 0, None
    for position, (unit, total, by_criterion) in enumerate(scored, start=1):
        if total != previous:
            rank, previous = position, total
        ranking.append(
            RankedUnit(
                unit=unit,
                rank=rank,
                points=total,
                signed=unit.pk in signed,
                by_criterion=by_criterion,
            )
        )
    return ranking


# --- the proposal ----------------------------------------------------------------------------


def bloc_propose_flag(*, actor, bloc_year: BlocYear):
    """The leading unit (or the secretariat) proposes the bloc's first unit for the emulation
    flag: a MOVEMENT dossier from the leading unit to the bloc's authority, its process
    started, all in one transaction. Only once a year; a tie for first place is refused.

    The dossier is drafted in the leading unit's name, so nominations.services.dossier_create
    still requires the actor to be able to draft for it (a clerk of the leading unit)."""
    from workflows.flows import NominationFlow

    with transaction.atomic():
        bloc_year = _lock(bloc_year)
        bloc = bloc_year.bloc
        _require_leading(actor, bloc_year)
        if bloc_year.leading_unit_id not in units_where(actor, "nominations.prepare_dossier"):
            raise NotAllowed(
                _(
                    "The proposal is a dossier of the leading unit: "
                    "only a clerk of the leading unit can draft it."
                )
            )
        _require_not_proposed(bloc_year)
        ranking = bloc_ranking(bloc_year)
        if not ranking:
            raise DomainError(_("The bloc has no members to propose."))
        first = ranking[0]
        if len(ranking) > 1 and ranking[1].rank == first.rank:
            raise DomainError(_("tie for first place: the bloc must decide"))
        award = Award.objects.filter(code=FLAG_AWARD_CODE, is_active=True).first()
        if award is None:
            raise DomainError(_("The emulation flag is not in the catalogue."))
        summary = (
            f"Xếp thứ {first.rank}/{len(ranking)} trong {bloc.name} năm {bloc_year.year}, "
            f"đạt {_format_points(first.points)} điểm."
        )
        dossier = dossier_create(
            actor=actor,
            authority=bloc.authority,
            unit=bloc_year.leading_unit,
            title=f"Đề nghị tặng Cờ thi đua năm {bloc_year.year} — {bloc.name}",
            commendation_type=CommendationType.MOVEMENT,
            year=bloc_year.year,
            nominees=[
                NomineeInput(
                    recipient_kind=RecipientKind.COLLECTIVE,
                    full_name=first.unit.name,
                    award=award,
                    achievement_summary=summary,
                )
            ],
        )
        NominationFlow.start.run(dossier=dossier)
        bloc_year.proposal = dossier
        bloc_year.save(update_fields=["proposal"])
    dossier.refresh_from_db()
    return dossier


# --- helpers ---------------------------------------------------------------------------------


def _lock(bloc_year: BlocYear) -> BlocYear:
    return (
        BlocYear.objects.select_for_update(of=("self",))
        .select_related("bloc__authority", "leading_unit")
        .get(pk=bloc_year.pk)
    )


def _require_member(bloc_year: BlocYear, unit: Unit) -> None:
    if not bloc_year.bloc.members.filter(pk=unit.pk).exists():
        raise DomainError(_("This unit is not a member of the bloc."))


def _require_not_proposed(bloc_year: BlocYear) -> None:
    if bloc_year.proposal_id is not None:
        raise DomainError(_("The bloc has already made its proposal for this year."))


def _points(value) -> Decimal:
    if isinstance(value, float):
        value = str(value)
    try:
        value = Decimal(str(value).strip().replace(",", ".")) if value is not None else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise DomainError(_("Enter the points as a number."))
    if value != value.quantize(CENT):
        raise DomainError(_("Enter the points with at most two decimals."))
    if value > MAX_POINTS:
        raise DomainError(_("This value is too large."))
    return value


def _format_points(points: Decimal) -> str:
    return f"{points.quantize(CENT)}".replace(".", ",")


def _text(value: str, *, multiline: bool = False) -> str:
    try:
        return normalize_text(value or "", multiline=multiline)
    except ValidationError as exc:
        raise DomainError(validation_message(exc)) from exc
