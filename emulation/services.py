"""A movement's writes: registrations, plans, progress reports and the lead unit's check.

Same style as nominations.services: keyword-only `<entity>_<action>(*, actor, ...)`, one
transaction each, refusals as DomainError / NotAllowed with a message for the user.

No AuditEntry rows here, on purpose: AuditAction cannot grow without a migration, and these
rows carry their own history — a report is never edited (a correction is a new report that
`supersedes` it) and keeps who wrote it and when (reported_by/at) and who checked it and when
(checked_by/at); a plan keeps filed_by/filed_on; a commitment keeps its registered_at.
"""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.access import may_act_for_unit, units_acting_for
from emulation.models import (
    Commitment,
    ImplementationPlan,
    Measure,
    Movement,
    MovementStatus,
    ProgressReport,
    Target,
)
from emulation.selectors import target_spec
from nominations.errors import DomainError, NotAllowed
from nominations.models import Unit
from nominations.services._base import validation_message
from nominations.text import normalize_text

MAX_VALUE = Decimal("9999999999.99")  # max_digits=12, decimal_places=2


def commitment_register(*, actor, unit: Unit, target: Target, value) -> Commitment:
    """The unit registers (or revises) the value it commits to on a target that concerns it.

    One commitment per unit and target: registering again replaces the value and the time.
    """
    with transaction.atomic():
        target = _load_target(target)
        _require_acting_for(actor, unit)
        _require_open(target.task.movement)
        _require_concerned(unit, target)
        value = clean_value(value, target.measure)
        commitment, _created = Commitment.objects.update_or_create(
            target=target,
            unit=unit,
            defaults={"value": value, "registered_at": timezone.now()},
        )
    return commitment


def plan_file(
    *, actor, movement: Movement, unit: Unit, reference: str, filed_on: date
) -> ImplementationPlan:
    """The unit files its implementation plan; filed after the PLANS_DUE day, it is late
    (see emulation.selectors.plans_overview), which is recorded, not refused."""
    with transaction.atomic():
        _require_acting_for(actor, unit)
        movement = Movement.objects.get(pk=movement.pk)
        _require_open(movement)
        if not movement.participants.filter(pk=unit.pk).exists():
            raise DomainError(_("This unit does not take part in this movement."))
        if filed_on > timezone.localdate():
            raise DomainError(_("The filing date cannot be in the future."))
        reference = _text(reference)
        if ImplementationPlan.objects.filter(movement=movement, unit=unit).exists():
            raise DomainError(_("This unit has already filed its plan for this movement."))
        try:
            with transaction.atomic():
                plan = ImplementationPlan.objects.create(
                    movement=movement,
                    unit=unit,
                    reference=reference,
                    filed_on=filed_on,
                    filed_by=actor,
                )
        except IntegrityError as exc:  # filed at the same moment by a colleague
            raise DomainError(_("This unit has already filed its plan for this movement.")) from exc
    return plan


def progress_report(
    *,
    actor,
    unit: Unit,
    target: Target,
    value,
    as_of: date,
    note: str = "",
    corrects: ProgressReport | None = None,
) -> ProgressReport:
    """The unit reports the value it has reached on a target that concerns it, for itself only.

    `corrects`: an earlier report of the same unit on the same target, not corrected already;
    the new report supersedes it and the old one no longer counts.
    """
    with transaction.atomic():
        target = _load_target(target)
        _require_acting_for(actor, unit)
        _require_open(target.task.movement)
        _require_concerned(unit, target)
        value = clean_value(value, target.measure)
        if as_of > timezone.localdate():
            raise DomainError(_("A report cannot be dated in the future."))
        note = _text(note, multiline=True)
        if corrects is not None:
            corrects = _lock_correctable(corrects, unit=unit, target=target)
        else:
            _refuse_repeat(actor, unit=unit, target=target, value=value, as_of=as_of)
        try:
            with transaction.atomic():
                report = ProgressReport.objects.create(
                    target=target,
                    unit=unit,
                    value=value,
                    as_of=as_of,
                    note=note,
                    supersedes=corrects,
                    reported_by=actor,
                )
        except IntegrityError as exc:  # the same report corrected at the same moment
            raise DomainError(_("This report has already been corrected.")) from exc
    return report


def progress_check(*, actor, report: ProgressReport) -> ProgressReport:
    """The task's lead unit checks a report of another unit on one of the task's targets.

    Only someone acting for a lead unit of the report's task may check; the lead unit does not
    check its own reports (nor a co-lead's), and a coordinating unit checks nothing of the
    lead's. A corrected report is not checked: its correction is.
    """
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update(of=("self",))
            .select_related("target__task")
            .get(pk=report.pk)
        )
        task = report.target.task
        lead_ids = set(task.lead_units.values_list("pk", flat=True))
        if not lead_ids & units_acting_for(actor):
            raise NotAllowed(_("Only the lead unit of the task may check its reports."))
        if report.unit_id in lead_ids:
            raise NotAllowed(_("The lead unit checks the other units' reports, not its own."))
        _require_open(task.movement)
        if report.checked_at is not None:
            raise DomainError(_("This report has already been checked."))
        if ProgressReport.objects.filter(supersedes=report).exists():
            raise DomainError(_("This report has been corrected: check the correction."))
        report.checked_by = actor
        report.checked_at = timezone.now()
        report.save(update_fields=["checked_by", "checked_at"])
    return report


def clean_value(value, measure: str) -> Decimal:
    """A figure as a Decimal: a number, not negative, two decimals at most; a percent ≤ 100."""
    if isinstance(value, float):
        value = str(value)  # 4.4 as written, not its binary approximation
    try:
        value = Decimal(str(value).strip().replace(",", ".")) if value is not None else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise DomainError(_("Enter the value as a number."))
    if value < 0:
        raise DomainError(_("The value cannot be negative."))
    if value > MAX_VALUE:
        raise DomainError(_("This value is too large."))
    if value != value.quantize(Decimal("0.01")):
        raise DomainError(_("Enter the value with at most two decimals."))
    if measure == Measure.PERCENT and value > 100:
        raise DomainError(_("A percentage cannot be more than 100."))
    return value


def _load_target(target: Target) -> Target:
    return Target.objects.select_related("task__movement").get(pk=target.pk)


def _require_acting_for(actor, unit: Unit) -> None:
    if not may_act_for_unit(actor, unit):
        raise NotAllowed(_("Only a clerk or the head of the unit may do this for the unit."))


def _require_open(movement: Movement) -> None:
    if movement.status == MovementStatus.CLOSED:
        raise DomainError(_("This movement is closed: its results can no longer change."))


def _require_concerned(unit: Unit, target: Target) -> None:
    if unit.pk not in target_spec(target).concerned_unit_ids:
        raise NotAllowed(_("This target does not concern this unit."))


def _lock_correctable(corrects: ProgressReport, *, unit: Unit, target: Target) -> ProgressReport:
    corrects = ProgressReport.objects.select_for_update().get(pk=corrects.pk)
    if corrects.unit_id != unit.pk or corrects.target_id != target.pk:
        raise DomainError(_("A correction must be of the same unit's report on the same target."))
    if ProgressReport.objects.filter(supersedes=corrects).exists():
        raise DomainError(_("This report has already been corrected: correct the latest one."))
    return corrects


def _text(value: str, *, multiline: bool = False) -> str:
    try:
        return normalize_text(value, multiline=multiline)
    except ValidationError as exc:
        raise DomainError(validation_message(exc)) from exc


# The same figure for the same day by the same person within this time is a double submission.
REPEAT_WINDOW = timedelta(minutes=10)


class RepeatedReport(DomainError):
    default_message = gettext_lazy(
        "This report was already recorded a moment ago; it was not recorded twice. "
        "To change it, correct the report."
    )


def _refuse_repeat(actor, *, unit, target, value, as_of) -> None:
    """A report identical to one the same person made a moment ago, still current, is the same
    form sent twice. The target row is locked so that two sent at once are seen too."""
    Target.objects.select_for_update().filter(pk=target.pk).first()
    repeated = ProgressReport.objects.filter(
        target=target,
        unit=unit,
        reported_by=actor,
        value=value,
        as_of=as_of,
        supersedes__isnull=True,
        superseded_by__isnull=True,
        reported_at__gte=timezone.now() - REPEAT_WINDOW,
    ).exists()
    if repeated:
        raise RepeatedReport
