"""Pages of the chain: the inbox, a dossier's story, opening a dossier, and running a step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.status import STATUS

from nominations import selectors as dossier_selectors
from nominations import services
from nominations.access import get_dossier_for_user, units_where
from nominations.errors import DomainError
from nominations.forms import DossierCreateForm, NomineeFormSet
from nominations.models import Unit
from workflows import selectors
from workflows.engine import StepUnavailable, acting_on
from workflows.flows import NominationFlow
from workflows.nodes import GuardedTask

INBOX_PAGE_SIZE = 25


@login_required
def inbox(request):
    query = request.GET.get("q", "")[:200]
    takeable = Paginator(selectors.takeable_tasks(request.user, query=query), INBOX_PAGE_SIZE)
    held = Paginator(selectors.held_tasks(request.user, query=query), INBOX_PAGE_SIZE)
    if not query:  # the menu shows the whole inbox's counts
        selectors.remember_inbox_counts(request, takeable=takeable.count, held=held.count)
    return render(
        request,
        "workflows/inbox.html",
        {
            "takeable": takeable.get_page(request.GET.get("page")),
            "held": held.get_page(request.GET.get("held_page")),
            "query": query,
        },
    )


@login_required
def dossier_detail(request, pk):
    dossier = get_dossier_for_user(request.user, pk)
    tasks = list(selectors.open_tasks_of(dossier))
    for task in tasks:
        node = task.flow_task
        # The council's wait is no one's step here: the session's own page runs it.
        human = isinstance(node, GuardedTask)
        task.user_can_act = human and (
            node.can_execute(request.user, task) or node.can_assign(request.user, task)
        )
        task.user_can_release = human and node.can_unassign(request.user, task)
        task.waits_for_council = not human
        task.expected_holders = node.expected_holders(dossier) if human and not task.owner else []
    return render(
        request,
        "workflows/dossier_detail.html",
        {
            "dossier": dossier,
            "nominees": dossier_selectors.nominees_of(dossier),
            "timeline": dossier_selectors.timeline_of(dossier),
            "tasks": tasks,
            "origin_visible": dossier.origin_id
            and request.user.has_perm("nominations.view_dossier", dossier.origin),
            "forwarded": dossier_selectors.visible_forwarded(request.user, dossier),
            "decisions": dossier.decisions.all(),
            "deadline": _deadline(dossier),
            "sessions": _with_visibility(
                request.user, dossier_selectors.council_sessions_of(dossier)
            ),
        },
    )


def _deadline(dossier):
    """The processing deadline at the receiving authority, once the dossier was received."""
    from nominations.register.calendar import load_calendar
    from nominations.register.deadlines import TimeLimits, deadline_of

    if dossier.received_on is None:
        return None
    return deadline_of(
        dossier, calendar=load_calendar(), limits=TimeLimits(), today=timezone.localdate()
    )


def _with_visibility(user, sessions):
    from nominations.council.access import may_view

    sessions = list(sessions)
    for session in sessions:
        session.visible = may_view(user, session)
    return sessions


@login_required
def dossier_create(request):
    unit_ids = units_where(request.user, "nominations.prepare_dossier")
    units = Unit.objects.filter(pk__in=unit_ids).active_on(timezone.localdate()).order_by("name")
    if not units:
        raise Http404
    chosen = units.filter(pk=request.POST.get("unit") or request.GET.get("unit")).first()
    chosen = chosen or units.first()
    authorities = services.authorities_for_unit(chosen)
    data = request.POST if request.method == "POST" else None
    form = DossierCreateForm(data, units=units, authorities=authorities)
    formset = NomineeFormSet(data, prefix="nominees")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        authority = next(a for a in authorities if str(a.pk) == form.cleaned_data["authority"])
        try:
            with transaction.atomic():
                dossier = services.dossier_create(
                    actor=request.user,
                    authority=authority,
                    unit=form.cleaned_data["unit"],
                    title=form.cleaned_data["title"],
                    commendation_type=form.cleaned_data["commendation_type"],
                    year=form.cleaned_data["year"],
                    nominees=formset.nominee_inputs(),
                )
                NominationFlow.start.run(dossier=dossier)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The dossier was created. Check it, then send it to the unit head."),
            )
            task = selectors.open_tasks_of(dossier).first()
            return (
                redirect("task_detail", task.pk) if task else redirect("dossier_detail", dossier.pk)
            )
    return render(request, "workflows/dossier_create.html", {"form": form, "formset": formset})


def _load_task_or_404(user, task_pk):
    task = selectors.task_for_user(user, task_pk)
    if task is None:
        raise Http404
    return task


def _refuse(request, task, message):
    messages.warning(request, message)
    return redirect(_subject_url(task))


def _subject_url(task) -> str:
    dossier = getattr(task.process, "dossier", None)
    if dossier is not None:
        return reverse("dossier_detail", args=[dossier.pk])
    return reverse("council_session_detail", args=[task.process.council_session.pk])


def _unavailable_message(task) -> str:
    task.refresh_from_db()
    if task.status == STATUS.DONE:
        return _("This step was already done (by %(who)s). Nothing more to do here.") % {
            "who": task.owner.get_full_name() or task.owner.get_username() if task.owner else "—"
        }
    if task.owner_id:
        return _("This step is being handled by %(who)s.") % {
            "who": task.owner.get_full_name() or task.owner.get_username()
        }
    return _("You cannot do this step on this dossier.")


@login_required
def task_detail(request, task_pk):
    """Show a step's form (GET) or run it (POST), taking the step first if it is free."""
    task = _load_task_or_404(request.user, task_pk)
    node = task.flow_task
    if request.method != "POST":
        if not (node.can_execute(request.user, task) or node.can_assign(request.user, task)):
            return _refuse(request, task, _unavailable_message(task))
        request.activation = node.activation_class(task)
        return node.view(request)
    try:
        with acting_on(task, request.user, request) as activation:
            request.activation = activation
            return node.view(request)
    except FlowLockFailed:
        return _refuse(
            request, task, _("Someone else is working on this dossier right now. Try again.")
        )
    except (StepUnavailable, TransitionNotAllowed):
        return _refuse(request, task, _unavailable_message(task))


@login_required
@require_POST
def task_take(request, task_pk):
    task = _load_task_or_404(request.user, task_pk)
    try:
        with task.activation() as activation:
            if not task.flow_task.can_assign(request.user, task):
                return _refuse(request, task, _unavailable_message(task))
            activation.assign(request.user)
            task.flow_task.record_taken(request.user, task)
    except (FlowLockFailed, TransitionNotAllowed):
        return _refuse(request, task, _unavailable_message(task))
    messages.success(request, _("The step is yours now."))
    return redirect("task_detail", task.pk)


@login_required
@require_POST
def task_release(request, task_pk):
    task = _load_task_or_404(request.user, task_pk)
    try:
        with task.activation() as activation:
            if not task.flow_task.can_unassign(request.user, task):
                return _refuse(request, task, _unavailable_message(task))
            activation.unassign()
            task.flow_task.record_released(request.user, task)
    except (FlowLockFailed, TransitionNotAllowed):
        return _refuse(request, task, _unavailable_message(task))
    messages.success(request, _("You released the step; colleagues can take it."))
    return redirect("inbox")
