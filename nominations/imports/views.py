"""Import pages: my imports, upload, columns, preview, apply, discard. Thin: the services act.

A list of nominees is uploaded from a dossier's prepare step (`import_nominees_upload`), then
goes through the same columns, preview, apply and discard pages; once applied or discarded,
the user is back on the prepare step.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from nominations.access import get_dossier_for_user, units_where
from nominations.errors import DomainError
from nominations.imports import readers, services
from nominations.imports.access import PREPARE, dossier_of, get_batch_for_user, importable_units
from nominations.imports.checks import ERROR, FAILED, NEW, SKIP, describe, location
from nominations.imports.columns import KIND_NOMINEES, field_set
from nominations.imports.forms import (
    ColumnMappingForm,
    FileForm,
    TableChoiceForm,
    UploadForm,
    table_label,
)
from nominations.models import ImportBatch, ImportStatus, Unit

PAGE_SIZE = 25
ROWS_PER_PAGE = 100
# Room for the form's other fields and the multipart framing around the file.
FORM_OVERHEAD_BYTES = 64 * 1024


class SizeLimitHandler(FileUploadHandler):
    """Stops the upload at the size limit: the rest of the request is never read."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


def _units_for(user):
    units = Unit.objects.filter(pk__in=importable_units(user)).order_by("name")
    if not units:
        raise Http404
    return units


@login_required
def import_list(request):
    units = _units_for(request.user)
    # Lists of nominees belong to their dossier: shown to those who may prepare it (its unit's
    # clerks), not to the secretariats that keep the unit's award history.
    preparing = units_where(request.user, PREPARE)
    batches = (
        ImportBatch.objects.filter(
            Q(unit__in=units) & ~Q(kind=KIND_NOMINEES) | Q(kind=KIND_NOMINEES, unit__in=preparing)
        )
        .select_related("unit", "uploaded_by")
        .defer("rows", "errors", "mapping")
    )
    page = Paginator(batches, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "nominations/imports/list.html", {"page": page})


@csrf_exempt  # checked by _upload once the size is known to be acceptable (see below)
@login_required
def import_upload(request):
    """Refuse an oversized upload before reading its body, then stream the rest with a limit.

    The CSRF check reads the whole body, so it runs after these checks: a 50 MB file is refused
    from its declared length alone, and one that lies about it is cut off at the limit.
    """
    units = _units_for(request.user)

    def read(form, upload):
        unit = form.cleaned_data["unit"]
        return services.import_upload(
            actor=request.user, unit=unit, file_name=upload.name, stream=upload
        )

    return _limited_upload(request, lambda *a: UploadForm(*a, units=units), read, {})


@csrf_exempt  # checked by _upload once the size is known to be acceptable (see import_upload)
@login_required
def import_nominees_upload(request, dossier_pk):
    """A list of nominees for the dossier being prepared: 404 to anyone who may not prepare it."""
    dossier = get_dossier_for_user(request.user, dossier_pk, perm=PREPARE)
    if not dossier.is_editable:
        messages.warning(
            request,
            _(
                "The dossier is now “%(status)s”: nominees can be added only while it is being "
                "drafted or after it was returned for revision."
            )
            % {"status": dossier.get_status_display()},
        )
        return redirect("dossier_detail", dossier.pk)

    def read(form, upload):
        return services.import_nominees_upload(
            actor=request.user, dossier=dossier, file_name=upload.name, stream=upload
        )

    context = {"dossier": dossier, "back_url": prepare_url(dossier)}
    return _limited_upload(request, FileForm, read, context)


def _limited_upload(request, make_form, read, context):
    if request.method == "POST":
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > readers.max_bytes() + FORM_OVERHEAD_BYTES:
            error = readers.file_too_large_error().message
            return _upload_page(request, make_form(), context, error, 413)
        request.upload_handlers.insert(0, SizeLimitHandler(request, readers.max_bytes()))
    return _upload(request, make_form, read, context)


@csrf_protect
def _upload(request, make_form, read, context):
    if request.method != "POST":
        return _upload_page(request, make_form(), context)
    limiter = request.upload_handlers[0]
    form = make_form(request.POST, request.FILES)
    if getattr(limiter, "too_large", False):
        return _upload_page(request, form, context, readers.file_too_large_error().message, 413)
    if not form.is_valid():
        return _upload_page(request, form, context)
    try:
        batch = read(form, form.cleaned_data["file"])
    except DomainError as error:
        return _upload_page(request, form, context, error.message)
    messages.success(request, _("The file was read. Check which column holds what."))
    return redirect("imports:mapping", batch.pk)


def _upload_page(request, form, context, error=None, status=200):
    context = {**context, "form": form, "error": error}
    return render(request, "nominations/imports/upload.html", context, status=status)


def prepare_url(dossier) -> str:
    """The dossier's open prepare step if there is one, else the dossier's page."""
    from workflows.engine import open_step  # the workflows app builds on nominations

    task = open_step(dossier, "prepare")
    if task is not None:
        return reverse("task_detail", args=[task.pk])
    return reverse("dossier_detail", args=[dossier.pk])


@login_required
def import_mapping(request, pk):
    batch = get_batch_for_user(request.user, pk)
    if batch.status != ImportStatus.PREVIEWED:
        return redirect("imports:preview", batch.pk)
    tables = batch.mapping["tables"]
    table_index = batch.mapping.get("table", 0)
    table = tables[table_index]
    data = request.POST if request.method == "POST" else None
    choose = data is not None and "choose_table" in data
    table_form = TableChoiceForm(
        data if choose else None,
        tables=tables,
        initial={"table": table_index},
    )
    form = ColumnMappingForm(
        None if choose else data,
        headers=table["headers"],
        columns=batch.mapping["columns"],
        fields=field_set(batch.kind),
    )
    try:
        if choose and table_form.is_valid():
            services.import_choose_table(
                actor=request.user, batch=batch, table=table_form.cleaned_data["table"]
            )
            return redirect("imports:mapping", batch.pk)
        if data is not None and not choose and form.is_valid():
            services.import_map_columns(actor=request.user, batch=batch, columns=form.columns)
            return redirect("imports:preview", batch.pk)
    except DomainError as error:
        messages.warning(request, error.message)
        return redirect("imports:preview", batch.pk)
    samples = [row["cells"] for row in batch.rows if row.get("table", 0) == table_index]
    columns = [
        {"field": form[f"column_{i}"], "samples": [r[i] for r in samples[:3] if r[i].strip()]}
        for i in range(len(table["headers"]))
    ]
    return render(
        request,
        "nominations/imports/mapping.html",
        {
            "batch": batch,
            "form": form,
            "table_form": table_form if len(tables) > 1 else None,
            "table_label": table_label(table),
            "table": table,
            "columns": columns,
            "is_nominees": batch.kind == KIND_NOMINEES,
        },
    )


def _row_view(row, issues_by_index, columns, fields):
    check = row.get("check", {})
    day = check.get("decision_date")
    return {
        "where": location(row["line"], row.get("part")),
        "check": check,
        "decision_date": datetime.date.fromisoformat(day) if day else None,
        "issues": issues_by_index.get(row["index"], []),
        "cells": {
            name: row["cells"][columns[name]]
            if columns.get(name) is not None and columns[name] < len(row["cells"])
            else ""
            for name in fields.fields
        },
    }


@login_required
def import_preview(request, pk):
    batch = get_batch_for_user(request.user, pk)
    fields = field_set(batch.kind)
    dossier = dossier_of(batch)
    table_index = batch.mapping.get("table", 0)
    table = batch.mapping["tables"][table_index]
    issues = [
        {**item, "where": location(item["line"], item["part"]), "message": describe(item, fields)}
        for item in batch.errors
    ]
    issues_by_index: dict[int, list[dict]] = {}
    for item in issues:
        if item["index"] is not None:
            issues_by_index.setdefault(item["index"], []).append(item)
    rows = [r for r in batch.rows if r.get("table", 0) == table_index and "check" in r]
    states = [r["check"]["state"] for r in rows]
    counts = {
        "rows": len(rows),
        "new": states.count(NEW),
        "skip": states.count(SKIP),
        "failed": states.count(FAILED),
        "new_people": sum(
            1 for r in rows if r["check"]["state"] == NEW and r["check"].get("new_person")
        ),
        "errors": sum(1 for i in issues if i["level"] == ERROR),
        "issues": len(issues),
    }
    if request.GET.get("show") == "problems":
        rows = [r for r in rows if r["index"] in issues_by_index]
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = [
        _row_view(row, issues_by_index, batch.mapping["columns"], fields)
        for row in page.object_list
    ]
    return render(
        request,
        "nominations/imports/preview.html",
        {
            "batch": batch,
            "table_label": table_label(table),
            "counts": counts,
            "file_issues": [i for i in issues if i["index"] is None],
            "row_issues": [i for i in issues if i["index"] is not None],
            "page": page,
            "show": request.GET.get("show", ""),
            "is_open": batch.status == ImportStatus.PREVIEWED,
            "records": batch.award_records.count()
            if batch.status == ImportStatus.APPLIED and dossier is None
            else 0,
            "dossier": dossier,
            "is_nominees": batch.kind == KIND_NOMINEES,
            "back_url": prepare_url(dossier) if dossier else None,
        },
    )


@login_required
@require_POST
def import_apply(request, pk):
    batch = get_batch_for_user(request.user, pk)
    try:
        result = services.import_apply(actor=request.user, batch=batch)
    except services.ImportHasErrors as error:
        messages.error(request, error.message)
    except DomainError as error:
        messages.warning(request, error.message)
    else:
        if result.dossier is not None:
            messages.success(
                request,
                ngettext(
                    "%(count)s nominee added to the dossier from the list.",
                    "%(count)s nominees added to the dossier from the list.",
                    result.created,
                )
                % {"count": result.created},
            )
            return redirect(prepare_url(result.dossier))
        parts = [
            ngettext(
                "%(count)s record added to the award history.",
                "%(count)s records added to the award history.",
                result.created,
            )
            % {"count": result.created}
        ]
        if result.people_created:
            parts.append(
                ngettext(
                    "%(count)s person added to the unit's people.",
                    "%(count)s people added to the unit's people.",
                    result.people_created,
                )
                % {"count": result.people_created}
            )
        if result.skipped:
            parts.append(
                ngettext(
                    "%(count)s row skipped: already in the history.",
                    "%(count)s rows skipped: already in the history.",
                    result.skipped,
                )
                % {"count": result.skipped}
            )
        messages.success(request, " ".join(parts))
    return redirect("imports:preview", batch.pk)


@login_required
@require_POST
def import_discard(request, pk):
    batch = get_batch_for_user(request.user, pk)
    try:
        services.import_discard(actor=request.user, batch=batch)
    except DomainError as error:
        messages.warning(request, error.message)
        return redirect("imports:preview", batch.pk)
    dossier = dossier_of(batch)
    if dossier is not None:
        messages.success(request, _("The list was discarded: no nominee was added to the dossier."))
        return redirect(prepare_url(dossier))
    messages.success(request, _("The import was discarded: nothing was added to the history."))
    return redirect("imports:list")
