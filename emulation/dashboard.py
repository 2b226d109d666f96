"""Following a movement: the list of movements one may follow, each movement's dashboard (every
target against what the units achieved, per task, with a chart) and its XLSX export.

The dashboard costs a fixed number of queries whatever the movement's size: the evaluation
(emulation.selectors.movement_evaluation, five queries), the tasks with their lead units, the
names of the units concerned, the milestones and the plans overview. Who may see it:
emulation.access.may_view_movement; anyone else gets a 404.
"""

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from emulation.access import may_view_movement, movements_visible_to
from emulation.evaluation import MovementResult, Status, TargetResult
from emulation.models import Direction, Movement, MovementStatus, MovementTask
from emulation.selectors import movement_evaluation, plans_overview
from nominations.formatting import figure
from nominations.models import Unit, UnitKind
from nominations.text import search_key

PAGE_SIZE = 25
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The chart's geometry (SVG user units; the SVG scales to the card's width).
CHART_WIDTH = 480
CHART_LABEL = 44  # the target's number, left of its bar
CHART_TEXT = 170  # the figure and the status, right of the bar
CHART_ROW = 30
CHART_BAR = 18
# The bars' colours (the app's palette); the status is always written beside the bar too.
CHART_COLOURS = {
    Status.REACHED.value: "#1e6b34",
    Status.ON_TRACK.value: "#0b5394",
    Status.LATE.value: "#a4161a",
    Status.NO_REPORT.value: "#8a949e",
}


# --- figures as people read them ------------------------------------------------------------


def progress(result: TargetResult) -> float:
    """How far along a target is, from 0 to 1, for the chart: the share of the units reached
    for a per-unit target; value / target towards a minimum; reached or the ratio target /
    value for a maximum (the figure must come down)."""
    spec = result.target
    if result.status == Status.REACHED:
        return 1.0
    if spec.per_unit:
        return result.reached_count / result.unit_count if result.unit_count else 0.0
    value = result.value
    if value is None or value <= 0 or spec.value <= 0:
        return 0.0
    if spec.direction in (Direction.AT_LEAST, Direction.MORE_THAN):
        share = float(value / spec.value)
    else:
        share = float(spec.value / value)
    return max(0.0, min(0.99, share))  # a full bar only when reached ("more than 5" at 5)


# --- the dashboard's rows -------------------------------------------------------------------


@dataclass
class UnitRow:
    name: str
    value: str
    raw_value: Decimal | None
    as_of: date | None
    status: str | None
    status_label: str
    checked: bool


@dataclass
class TargetRow:
    number: str  # "1.2": task 1, its second target
    code: str
    description: str
    unit_label: str
    direction: str
    target: str  # "More than 5 sản phẩm"
    target_value: Decimal
    achieved: str  # "41,2 km", or "3 of 12 communes reached"
    achieved_value: Decimal | None
    status: str
    status_label: str
    deadline: date | None
    per_unit: bool
    summary: str
    source_unit: str
    progress: float
    units: list[UnitRow] = field(default_factory=list)


@dataclass
class TaskBlock:
    number: int
    title: str
    leads: list[str]
    targets: list[TargetRow]
    counts: list[tuple[str, str, int]]  # (status, label, count)
    chart: dict | None = None


def _status_labels() -> dict[str, str]:
    return {status.value: str(status.label) for status in Status}


def _units_word(kinds: set[str], count: int, reached: int) -> str:
    if kinds == {UnitKind.COMMUNE}:
        return ngettext(
            "%(reached)s of %(total)s commune reached",
            "%(reached)s of %(total)s communes reached",
            count,
        ) % {"reached": reached, "total": count}
    return ngettext(
        "%(reached)s of %(total)s unit reached",
        "%(reached)s of %(total)s units reached",
        count,
    ) % {"reached": reached, "total": count}


def target_rows(result: MovementResult, units: dict[int, dict], task_numbers):
    """{task_id: [TargetRow]} in the evaluation's order (task number, then target)."""
    labels = _status_labels()
    directions = dict(Direction.choices)
    rows: dict[int, list[TargetRow]] = {}
    for res in result.targets:
        spec = res.target
        task_rows = rows.setdefault(spec.task_id, [])
        unit_rows = []
        kinds = set()
        for unit in res.units:
            info = units.get(unit.unit_id, {"name": str(unit.unit_id), "kind": ""})
            kinds.add(info["kind"])
            status = unit.status.value if unit.status else None
            unit_rows.append(
                UnitRow(
                    name=info["name"],
                    value=figure(unit.value),
                    raw_value=unit.value,
                    as_of=unit.as_of,
                    status=status,
                    status_label=labels[status] if status else "",
                    checked=unit.checked,
                )
            )
        unit_rows.sort(key=lambda u: search_key(u.name))
        label = spec.unit_label
        if spec.per_unit:
            achieved = _units_word(kinds, res.unit_count, res.reached_count)
            summary = achieved
        else:
            achieved = f"{figure(res.value)} {label}" if res.value is not None else "—"
            summary = res.summary
        source = units.get(res.source_unit_id, {}).get("name", "") if res.source_unit_id else ""
        task_rows.append(
            TargetRow(
                number=f"{task_numbers.get(spec.task_id, '?')}.{len(task_rows) + 1}",
                code=spec.code,
                description=spec.description,
                unit_label=label,
                direction=str(directions.get(spec.direction, spec.direction)),
                target=f"{directions.get(spec.direction, '')} {figure(spec.value)} {label}".strip(),
                target_value=spec.value,
                achieved=achieved,
                achieved_value=res.value,
                status=res.status.value,
                status_label=labels[res.status.value],
                deadline=spec.deadline,
                per_unit=spec.per_unit,
                summary=summary,
                source_unit=source,
                progress=progress(res),
                units=unit_rows,
            )
        )
    return rows


def task_chart(block: TaskBlock) -> dict | None:
    """Geometry of the task's bar chart (one bar per target) and its text equivalent."""
    if not block.targets:
        return None
    bar_width = CHART_WIDTH - CHART_LABEL - CHART_TEXT
    bars = []
    for i, row in enumerate(block.targets):
        y = 8 + i * CHART_ROW
        percent = round(row.progress * 100)
        bars.append(
            {
                "row": row,
                "y": y,
                "text_y": y + CHART_BAR - 4,
                "width": round(bar_width * row.progress, 1),
                "percent": percent,
                "colour": CHART_COLOURS[row.status],
            }
        )
    described = "; ".join(
        _("%(number)s %(description)s: %(achieved)s, %(status)s")
        % {
            "number": b["row"].number,
            "description": b["row"].description,
            "achieved": b["row"].achieved,
            "status": b["row"].status_label.lower(),
        }
        for b in bars
    )
    return {
        "width": CHART_WIDTH,
        "height": 16 + len(bars) * CHART_ROW,
        "label_x": 4,
        "bar_x": CHART_LABEL,
        "bar_width": bar_width,
        "text_x": CHART_LABEL + bar_width + 8,
        "bar_height": CHART_BAR,
        "bars": bars,
        "label": _("Progress of task %(number)s towards its targets: %(targets)s")
        % {"number": block.number, "targets": described},
    }


@dataclass
class Dashboard:
    movement: Movement
    today: date
    result: MovementResult
    tasks: list[TaskBlock]
    counts: list[tuple[str, str, int]]
    milestones: list
    plans: object


def build_dashboard(movement: Movement, today: date) -> Dashboard:
    """Everything the page and the export show, in a fixed number of queries."""
    result = movement_evaluation(movement, today)  # 5 queries
    tasks = list(
        MovementTask.objects.filter(movement=movement)
        .order_by("number")
        .prefetch_related("lead_units")  # 2 queries
    )
    unit_ids = {u.unit_id for res in result.targets for u in res.units}
    unit_ids |= {res.source_unit_id for res in result.targets if res.source_unit_id}
    units = {
        row["id"]: row
        for row in Unit.objects.filter(pk__in=sorted(unit_ids)).values("id", "name", "kind")
    }  # 1 query
    rows = target_rows(result, units, {t.pk: t.number for t in tasks})
    labels = _status_labels()
    blocks = []
    for task in tasks:
        targets = rows.get(task.pk, [])
        counts = [
            (s.value, labels[s.value], sum(1 for r in targets if r.status == s.value))
            for s in Status
        ]
        block = TaskBlock(
            number=task.number,
            title=task.title,
            leads=sorted((u.name for u in task.lead_units.all()), key=search_key),
            targets=targets,
            counts=[c for c in counts if c[2]],
        )
        block.chart = task_chart(block)
        blocks.append(block)
    return Dashboard(
        movement=movement,
        today=today,
        result=result,
        tasks=blocks,
        counts=[(s.value, labels[s.value], result.counts.get(s.value, 0)) for s in Status],
        milestones=list(movement.milestones.order_by("due_on", "pk")),  # 1 query
        plans=plans_overview(movement),  # 3 queries
    )


def movement_for(user, code: str) -> Movement:
    """The movement, or 404 for a code that does not exist or a person who may not see it."""
    movement = Movement.objects.select_related("authority").filter(code=code).first()
    if movement is None or not may_view_movement(user, movement):
        raise Http404
    return movement


# --- views ----------------------------------------------------------------------------------


def today() -> date:
    """The day the statuses are judged on (the tests set it)."""
    return timezone.localdate()


@login_required
def movement_list(request):
    query = request.GET.get("q", "")[:200]
    status = request.GET.get("status", "")
    movements = (
        movements_visible_to(request.user)
        .select_related("authority")
        .order_by("-starts_on", "title")
    )
    if status in MovementStatus.values:
        movements = movements.filter(status=status)
    words = search_key(query).split()
    if words:  # an authority launches a few movements a year: matched here, diacritics folded
        movements = [m for m in movements if all(w in search_key(m.title) for w in words)]
    page = Paginator(movements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "emulation/dashboard/movement_list.html",
        {"page": page, "query": query, "status": status, "statuses": MovementStatus.choices},
    )


@login_required
def movement_dashboard(request, code):
    movement = movement_for(request.user, code)
    dashboard = build_dashboard(movement, today())
    return render(request, "emulation/dashboard/movement_dashboard.html", {"d": dashboard})


@login_required
def movement_export(request, code):
    movement = movement_for(request.user, code)
    day = today()
    content = export_xlsx(build_dashboard(movement, day))
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment_header(export_filename(movement, day))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


# --- the export -----------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def export_filename(movement: Movement, today: date) -> str:
    """'Theo dõi - <title, cut at 80 characters> - 25-11-2026.xlsx' (the title in Vietnamese,
    without the characters file systems refuse)."""
    title = _UNSAFE.sub(" ", movement.title)
    title = re.sub(r"\s+", " ", title).strip()[:80].strip() or movement.code
    return f"{_('Progress')} - {title} - {today:%d-%m-%Y}.xlsx"


def attachment_header(filename: str) -> str:
    """RFC 6266: an ASCII fallback (diacritics dropped) and the UTF-8 name (RFC 5987)."""
    decomposed = unicodedata.normalize("NFD", filename.replace("đ", "d").replace("Đ", "D"))
    fallback = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    fallback = re.sub(r"[^A-Za-z0-9._ -]+", "", fallback).strip() or "export.xlsx"
    return f"attachment; filename=\"{fallback}\"; filename*=utf-8''{quote(filename)}"


def _sheet_title(text: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", text)[:31]


def export_xlsx(dashboard: Dashboard) -> bytes:
    """The dashboard as a workbook (write-only): one row per target, and one per unit's
    figure on each target."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)

    def day(sheet, value):
        if value is None:
            return None
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell

    targets = workbook.create_sheet(_sheet_title(_("Targets")))
    targets.append(
        [
            _("Task"),
            pgettext("target number", "No."),
            _("Target"),
            _("Counted in"),
            _("Direction"),
            _("Target value"),
            _("Achieved"),
            _("Status"),
            _("Deadline"),
            _("Units"),
        ]
    )
    per_unit = workbook.create_sheet(_sheet_title(_("Per-unit values")))
    per_unit.append(
        [
            _("Task"),
            pgettext("target number", "No."),
            _("Target"),
            _("Unit"),
            _("Value"),
            _("Counted in"),
            _("As of"),
            _("Unit's status"),
            _("Checked by the lead unit"),
        ]
    )
    yes, no = _("yes"), _("no")
    for block in dashboard.tasks:
        task = f"{block.number}. {block.title}"
        for row in block.targets:
            targets.append(
                [
                    task,
                    row.number,
                    row.description,
                    row.unit_label,
                    row.direction,
                    row.target_value,
                    row.achieved_value if not row.per_unit else row.achieved,
                    row.status_label,
                    day(targets, row.deadline),
                    row.summary,
                ]
            )
            for unit in row.units:
                per_unit.append(
                    [
                        task,
                        row.number,
                        row.description,
                        unit.name,
                        unit.raw_value,
                        row.unit_label,
                        day(per_unit, unit.as_of),
                        unit.status_label,
                        yes if unit.checked else no,
                    ]
                )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
