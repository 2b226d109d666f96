"""A movement's review reports: the list with each one's state (a progress bar the page polls
through status.json), the form that asks for a new one, and the permission-checked download.

Who sees them: emulation.access.may_view_movement (anyone else gets a 404, as on the
dashboard); who asks for one: emulation.reviews.may_request_review (others get a 403).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from emulation import reviews
from emulation.access import may_view_movement
from emulation.dashboard import XLSX_TYPE, attachment_header, export_filename, movement_for
from emulation.forms import DATE_INPUT_FORMATS, _date_widget
from emulation.models import ReviewReport, ReviewStatus
from nominations.access import visible_dossiers
from nominations.documents.storage import attachment_storage
from nominations.errors import DomainError, NotAllowed

LIST_SIZE = 50


class ReviewForm(forms.Form):
    as_of = forms.DateField(
        label=gettext_lazy("Situation on"), input_formats=DATE_INPUT_FORMATS, widget=_date_widget()
    )
    milestone = forms.ModelChoiceField(
        label=gettext_lazy("Milestone"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("(none)"),
    )

    def __init__(self, *args, movement, **kwargs):
        kwargs.setdefault("initial", {"as_of": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = movement.milestones.order_by("due_on", "pk")


def _report_for(user, pk) -> ReviewReport:
    """The report, or 404 for one that does not exist or a person who may not see its movement."""
    report = ReviewReport.objects.select_related("movement__authority").filter(pk=pk).first()
    if report is None or not may_view_movement(user, report.movement):
        raise Http404
    return report


def _state(report: ReviewReport) -> dict:
    ready = report.status == ReviewStatus.READY and bool(report.file.name)
    return {
        "id": report.pk,
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "progress": report.progress,
        "pending": report.status in reviews.PENDING,
        "download_url": reverse("review_download", args=[report.pk]) if ready else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def review_list(request, code):
    movement = movement_for(request.user, code)
    may_request = reviews.may_request_review(request.user, movement)
    status = 200
    form = ReviewForm(movement=movement) if may_request else None
    if request.method == "POST":
        if not may_request:
            raise PermissionDenied
        form = ReviewForm(request.POST, movement=movement)
        if form.is_valid():
            try:
                reviews.review_request(
                    actor=request.user,
                    movement=movement,
                    as_of=form.cleaned_data["as_of"],
                    milestone=form.cleaned_data["milestone"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = 403 if isinstance(error, NotAllowed) else 200
            else:
                messages.success(request, _("The review report is being prepared."))
                return redirect("review_list", code=movement.code)
    reports = list(
        ReviewReport.objects.filter(movement=movement)
        .select_related("milestone", "requested_by")
        .order_by("-requested_at", "-pk")[:LIST_SIZE]
    )
    rows = [{"report": r, **_state(r)} for r in reports]
    context = {
        "movement": movement,
        "rows": rows,
        "form": form,
        "any_pending": any(r["pending"] for r in rows),
        "round": _round_dossiers(request.user, movement) if form else [],
    }
    return render(request, "emulation/reviews/review_list.html", context, status=status)


@login_required
@require_GET
def review_status(request, pk):
    response = JsonResponse(_state(_report_for(request.user, pk)))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def review_download(request, pk):
    report = _report_for(request.user, pk)
    if report.status != ReviewStatus.READY or not report.file.name:
        raise Http404
    storage = attachment_storage()
    if not storage.exists(report.file.name):
        raise Http404
    # "Sơ kết - <the movement's title> - 01-06-2020.xlsx", as the export names its file.
    rest = export_filename(report.movement, report.as_of).split(" - ", 1)[1]
    name = f"{_('Review')} - {rest}"
    response = FileResponse(storage.open(report.file.name, "rb"), content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment_header(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def _round_dossiers(user, movement):
    """The round's dossiers, each saying whether the reader may open it yet (a unit's draft is
    its own until sent); one query for the links, one for what the reader may see."""
    links = list(movement.dossier_links.select_related("dossier__unit").order_by("pk"))
    visible = set(
        visible_dossiers(user)
        .filter(pk__in=[link.dossier_id for link in links])
        .values_list("pk", flat=True)
    )
    return [{"dossier": link.dossier, "visible": link.dossier_id in visible} for link in links]
