"""Dossier lists, notifications and the public register."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations import selectors, services
from nominations.certificates import render_certificates_pdf
from nominations.charts import bar_chart
from nominations.decision_document import (
    download_name,
    render_decision_docx,
    render_decision_pdf,
)
from nominations.documents.storage import attachment_storage
from nominations.errors import DomainError
from nominations.models import (
    Decision,
    DossierStatus,
    Notification,
    NotificationEvent,
    NotificationSetting,
)

PAGE_SIZE = 25


def home(request):
    from nominations.home import home as home_page

    return home_page(request)


@login_required
def dossier_list(request):
    query = request.GET.get("q", "")[:200]
    status = request.GET.get("status", "")
    if status not in DossierStatus.values:
        status = ""
    dossiers = selectors.dossier_list(request.user, query=query, status=status)
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "nominations/dossier_list.html",
        {"page": page, "query": query, "status": status, "statuses": DossierStatus.choices},
    )


@login_required
def notification_list(request):
    notifications = request.user.notifications.select_related("dossier", "session")
    unread = request.GET.get("status") == "unread"
    if unread:
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "nominations/notification_list.html",
        {"page": page, "status": "unread" if unread else ""},
    )


@login_required
@require_POST
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.path())


def public_decisions(request):
    query = request.GET.get("q", "")[:200]
    unit = request.GET.get("unit", "")[:200]
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and len(year) == 4 else None
    award = request.GET.get("award", "")
    award = int(award) if award.isdigit() else None
    decisions = selectors.published_decisions(query=query, year=year, unit=unit, award_id=award)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    chart = bar_chart((year, str(year), count) for year, count in selectors.awardees_per_year())
    chart["description"] = _("%(total)d awardees in all. %(figures)s.") % chart
    return render(
        request,
        "nominations/public_decisions.html",
        {
            "page": page,
            "query": query,
            "year": year,
            "unit": unit,
            "award": award,
            "awards": selectors.awards_in_register(),
            "chart": chart,
        },
    )


def public_decision(request, pk):
    decision = selectors.published_decision(pk)
    if decision is None:
        raise Http404
    return render(request, "nominations/public_decision.html", {"decision": decision})


def _decision_file(pk, render, extension: str, content_type: str):
    """A published decision as a download; anything unpublished or unknown is a 404."""
    decision = selectors.published_decision(pk)
    if decision is None:
        raise Http404
    return _kept_file(decision, f"{download_name(decision)}.{extension}", render, content_type)


def _kept_file(decision, filename: str, render, content_type: str):
    """Rendered once and kept: an issued decision never changes (a correction is a new
    decision), and a page must not cost seconds of rendering on every visit."""
    storage = attachment_storage()
    path = f"decisions/{decision.pk}/{filename}"
    if not storage.exists(path):
        path = storage.save(path, ContentFile(render(decision)))
    return FileResponse(
        storage.open(path, "rb"), as_attachment=True, filename=filename, content_type=content_type
    )


def public_decision_pdf(request, pk):
    return _decision_file(pk, render_decision_pdf, "pdf", "application/pdf")


def public_decision_docx(request, pk):
    return _decision_file(
        pk,
        render_decision_docx,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@login_required
def decision_certificates(request, pk):
    """The certificates of an issued decision, one page per awardee, for the offices that see
    its dossier; `?form=preprinted` prints only what goes on the pre-printed form."""
    decision = Decision.objects.select_related("authority", "dossier__unit").filter(pk=pk).first()
    if decision is None or not request.user.has_perm("nominations.view_dossier", decision.dossier):
        raise Http404
    preprinted = request.GET.get("form") == "preprinted"
    suffix = "-phoi" if preprinted else ""
    return _kept_file(
        decision,
        f"bang-giay-khen-{download_name(decision)}{suffix}.pdf",
        partial(render_certificates_pdf, preprinted=preprinted),
        "application/pdf",
    )


@login_required
def notification_settings(request):
    """Which notifications the person also wants by e-mail."""
    setting = NotificationSetting.objects.filter(user=request.user).first()
    muted = set(setting.muted_events) if setting else set()
    if request.method == "POST":
        wanted = set(request.POST.getlist("email"))
        try:
            services.notification_settings_update(
                actor=request.user,
                muted_events=[e for e in NotificationEvent.values if e not in wanted],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your choices are saved."))
        return redirect("notification_settings")
    events = [(value, label, value not in muted) for value, label in NotificationEvent.choices]
    return render(request, "nominations/notification_settings.html", {"events": events})
