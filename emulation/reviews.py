"""A movement's review report (sơ kết, tổng kết), prepared in the background.

`review_request` writes a QUEUED row and, after commit, queues emulation.tasks.build_review_report
(a broker that is down is logged and the row stays QUEUED). `review_build` does the work: it
claims the row (QUEUED -> RUNNING in one UPDATE, so a redelivered message does nothing),
evaluates the movement as of the review's date, writes the workbook task by task (saving
`progress` so the page can poll it) and keeps the file in the PRIVATE attachments storage,
never under MEDIA: it is served only by the permission-checked download view.

The figures: only the reports dated on or before the review's date count; a report that a
correction supersedes never counts, whatever the correction's date.
"""

import io
import logging
from datetime import date
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from emulation.access import may_view_movement
from emulation.dashboard import _sheet_title, target_rows
from emulation.evaluation import REPORT_FIELDS, MovementResult, Status, evaluate
from emulation.models import Milestone, Movement, MovementTask, ProgressReport, ReviewReport
from emulation.models import ReviewStatus as RS
from emulation.selectors import target_specs
from nominations.access import access_for
from nominations.documents.storage import attachment_storage
from nominations.errors import DomainError, NotAllowed
from nominations.formatting import figure
from nominations.models import Unit
from nominations.roles import Role

logger = logging.getLogger(__name__)

PENDING = (RS.QUEUED, RS.RUNNING)


# --- who may ask for one ----------------------------------------------------------------------


def may_request_review(user, movement: Movement) -> bool:
    """The launching authority prepares its reviews: its secretariat's officers, or anyone
    holding a role in the authority's own unit — and they must be able to see the movement."""
    if not may_view_movement(user, movement):
        return False
    authority = movement.authority
    by_role = access_for(user).units_by_role
    if authority.secretariat_unit_id in by_role.get(Role.SECRETARIAT_OFFICER, set()):
        return True
    return any(authority.unit_id in units for units in by_role.values())


# --- asking for one ---------------------------------------------------------------------------


def review_request(
    *, actor, movement: Movement, as_of: date, milestone: Milestone | None = None
) -> ReviewReport:
    """A new review report of `movement` on `as_of`, prepared in the background."""
    if not may_request_review(actor, movement):
        raise NotAllowed(_("You may not prepare a review report for this movement."))
    if as_of > timezone.localdate():
        raise DomainError(_("A review report cannot be dated in the future."))
    if milestone is not None and milestone.movement_id != movement.pk:
        raise DomainError(_("This milestone is not one of this movement's."))
    with transaction.atomic():
        # One request at a time per movement, so that two clicks cannot queue two reports.
        Movement.objects.select_for_update().filter(pk=movement.pk).first()
        if ReviewReport.objects.filter(movement=movement, as_of=as_of, status__in=PENDING).exists():
            raise DomainError(
                _("A review report on this date is already being prepared; wait for it.")
            )
        report = ReviewReport.objects.create(
            movement=movement, milestone=milestone, as_of=as_of, requested_by=actor
        )
        transaction.on_commit(partial(enqueue_build, report.pk))
    return report


def enqueue_build(report_id: int) -> None:
    """After commit: queue the build; a broker that is down leaves the row QUEUED."""
    from emulation.tasks import build_review_report

    try:
        build_review_report.delay(report_id)
    except Exception:
        logger.warning("Could not queue review report %s; it stays queued", report_id)


# --- preparing it -----------------------------------------------------------------------------


def review_evaluation(movement: Movement, as_of: date) -> MovementResult:
    """The movement's targets judged on `as_of` from the reports dated on or before it."""
    reports = list(
        ProgressReport.objects.filter(target__task__movement=movement).values(*REPORT_FIELDS)
    )
    superseded = {r["supersedes_id"] for r in reports if r["supersedes_id"] is not None}
    kept = [r for r in reports if r["as_of"] <= as_of and r["id"] not in superseded]
    return evaluate(target_specs(movement), kept, as_of)


def review_build(report_id: int) -> bool:
    """Prepare the report once: False when it is not QUEUED (done, running or gone)."""
    claimed = ReviewReport.objects.filter(pk=report_id, status=RS.QUEUED).update(
        status=RS.RUNNING, progress=0, error=""
    )
    if not claimed:
        return False
    try:
        report = ReviewReport.objects.select_related("movement", "milestone").get(pk=report_id)
        with translation.override(settings.LANGUAGE_CODE):
            content = _workbook(report)
        name = attachment_storage().save(
            f"reviews/{report.movement.code}/review-{report.pk}-{report.as_of:%Y-%m-%d}.xlsx",
            ContentFile(content),
        )
        report.file.name = name
        report.status = RS.READY
        report.progress = 100
        report.finished_at = timezone.now()
        report.save(update_fields=["file", "status", "progress", "finished_at"])
    except Exception as exc:
        ReviewReport.objects.filter(pk=report_id).update(
            status=RS.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:4000],
            finished_at=timezone.now(),
        )
        raise
    return True


def _set_progress(report: ReviewReport, done: int, total: int) -> None:
    report.progress = min(99, round(100 * done / total)) if total else 99
    report.save(update_fields=["progress"])


def _workbook(report: ReviewReport) -> bytes:
    """The summary sheet and one sheet per task (write-only)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    movement = report.movement
    result = review_evaluation(movement, report.as_of)
    tasks = list(MovementTask.objects.filter(movement=movement).order_by("number"))
    unit_ids = {u.unit_id for res in result.targets for u in res.units}
    units = {
        row["id"]: row
        for row in Unit.objects.filter(pk__in=sorted(unit_ids)).values("id", "name", "kind")
    }
    rows = target_rows(result, units, {t.pk: t.number for t in tasks})
    labels = {s.value: str(s.label) for s in Status}
    steps = len(tasks) + 1
    _set_progress(report, 1, steps)

    workbook = Workbook(write_only=True)

    def day(sheet, value):
        if value is None:
            return None
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell

    summary = workbook.create_sheet(_sheet_title(_("Summary")))
    summary.append([_("Review report"), movement.title])
    summary.append([_("Situation on"), day(summary, report.as_of)])
    if report.milestone:
        summary.append([_("Milestone"), str(report.milestone)])
    summary.append([])
    summary.append([_("Status"), _("Targets")])
    for status in Status:
        summary.append([labels[status.value], result.counts.get(status.value, 0)])
    summary.append([])
    summary.append(
        [_("Task"), _("Targets"), labels["reached"], labels["late"], labels["no_report"]]
    )
    for task in tasks:
        task_rows = rows.get(task.pk, [])
        summary.append(
            [
                f"{task.number}. {task.title}",
                len(task_rows),
                sum(1 for r in task_rows if r.status == Status.REACHED),
                sum(1 for r in task_rows if r.status == Status.LATE),
                sum(1 for r in task_rows if r.status == Status.NO_REPORT),
            ]
        )

    for i, task in enumerate(tasks, start=2):
        sheet = workbook.create_sheet(_sheet_title(f"{_('Task')} {task.number}"))
        sheet.append([f"{task.number}. {task.title}"])
        sheet.append(
            [
                pgettext("target number", "No."),
                _("Target"),
                _("Wanted"),
                _("Target value"),
                _("Achieved"),
                _("Status"),
                _("Deadline"),
                _("Unit"),
                _("Value"),
                _("As of"),
                _("Unit's status"),
            ]
        )
        for row in rows.get(task.pk, []):
            sheet.append(
                [
                    row.number,
                    row.description,
                    row.target,
                    row.target_value,
                    row.achieved_value if not row.per_unit else row.achieved,
                    row.status_label,
                    day(sheet, row.deadline),
                ]
            )
            if row.per_unit:
                for unit in row.units:
                    sheet.append(
                        [
                            row.number,
                            None,
                            None,
                            None,
                            None,
                            None,
                            None,
                            unit.name,
                            unit.raw_value,
                            day(sheet, unit.as_of),
                            unit.status_label or figure(None),
                        ]
                    )
        _set_progress(report, i, steps)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
