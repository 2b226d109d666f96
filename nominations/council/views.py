"""Pages of the council: the sessions, a session's story, a member's ballot, the minutes.

Every page loads its session through nominations.council.access (404 to outsiders); every
change goes through a service. No page reads a ballot: the counts come from the agenda
items once the ballot is counted.
"""

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.exceptions import FlowLockFailed

from nominations.council import services, voting
from nominations.council.access import (
    councils_managed_by,
    get_managed_session,
    get_session_for_user,
    seat_of,
)
from nominations.council.forms import RecusalForm, SessionForm, marks_from_post
from nominations.council.selectors import (
    absent_without_ballot,
    ballot_page,
    session_context,
    sessions_for,
)
from nominations.errors import DomainError
from nominations.models import CouncilMember, SessionStatus

PAGE_SIZE = 25


@login_required
def session_list(request):
    query = request.GET.get("q", "")[:200]
    status = request.GET.get("status", "")
    sessions = sessions_for(request.user, query=query, status=status)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "nominations/council/session_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "statuses": SessionStatus.choices,
            "can_create": councils_managed_by(request.user).exists(),
        },
    )


@login_required
def session_create(request):
    from workflows.council import CouncilSessionFlow

    councils = councils_managed_by(request.user)
    if not councils.exists():
        raise Http404
    form = SessionForm(request.POST or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                session = services.council_session_create(actor=request.user, **form.cleaned_data)
                CouncilSessionFlow.start.run(session=session)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session was created: set its agenda."))
            return redirect("council_session_detail", session.pk)
    return render(request, "nominations/council/session_create.html", {"form": form})


@login_required
def session_detail(request, pk):
    from workflows.nodes import BallotTask, SessionTask
    from workflows.selectors import open_tasks_in

    session = get_session_for_user(request.user, pk)
    context = session_context(session, request.user)
    # The secretariat's and signers' steps; the ballots have their own page, gateways none.
    tasks = [
        t
        for t in open_tasks_in(session.process_id)
        if isinstance(t.flow_task, SessionTask) and not isinstance(t.flow_task, BallotTask)
    ]
    for task in tasks:
        node = task.flow_task
        task.user_can_act = node.can_execute(request.user, task) or node.can_assign(
            request.user, task
        )
    context["tasks"] = tasks
    before_ballot = session.status in (SessionStatus.PREPARING, SessionStatus.CONVENED)
    if before_ballot and request.user.has_perm("nominations.manage_council_session", session):
        context["recusal_form"] = RecusalForm(
            items=session.items.select_related("nominee"),
            members=CouncilMember.objects.filter(council=session.council).select_related("user"),
        )
    return render(request, "nominations/council/session_detail.html", context)


@login_required
@require_POST
def recusal_add(request, pk):
    session = get_managed_session(request.user, pk)
    form = RecusalForm(
        request.POST,
        items=session.items.all(),
        members=CouncilMember.objects.filter(council=session.council),
    )
    if form.is_valid():
        try:
            services.recusal_record(actor=request.user, session=session, **form.cleaned_data)
            messages.success(request, _("The recusal was recorded."))
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Choose the nominee and the member, and write the reason."))
    return redirect("council_session_detail", session.pk)


@login_required
def ballot(request, pk):
    """The member's ballot: mark freely (the draft is kept), then submit once."""
    session = get_session_for_user(request.user, pk)
    member = seat_of(request.user, session.council, session.held_on)
    if member is None:
        raise Http404
    if request.method == "POST":
        marks = marks_from_post(request.POST, session.items.values_list("pk", flat=True))
        if request.POST.get("action") == "submit":
            return _submit(request, session, marks)
        return _save_draft(request, session, marks)
    context = {"session": session, "member": member, **ballot_page(session, member)}
    return render(request, "nominations/council/ballot.html", context)


def _save_draft(request, session, marks):
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        voting.ballot_save_draft(actor=request.user, session=session, marks=marks)
    except DomainError as error:
        if wants_json:
            return JsonResponse({"saved": False, "error": str(error.message)}, status=409)
        messages.error(request, error.message)
    else:
        if wants_json:
            return JsonResponse({"saved": True, "marked": len(marks)})
        messages.success(request, _("Your marks are kept. Submit the ballot when you are done."))
    return redirect("council_ballot", session.pk)


def _submit(request, session, marks):
    from workflows.council import member_ballot_task
    from workflows.engine import StepUnavailable, acting_on

    task = member_ballot_task(session, request.user)
    try:
        if task is None:
            raise DomainError(_("There is no open ballot for you in this session."))
        with acting_on(task, request.user, request) as activation:
            voting.ballot_submit(actor=request.user, session=session, marks=marks)
            activation.execute()
    except (DomainError, StepUnavailable, FlowLockFailed) as error:
        message = getattr(error, "message", None) or _("Your ballot could not be submitted now.")
        _keep_marks(request, session, marks)
        messages.error(request, message)
        return redirect("council_ballot", session.pk)
    messages.success(request, _("Your ballot is in the box. Thank you."))
    return redirect("council_session_detail", session.pk)


def _keep_marks(request, session, marks) -> None:
    """Nothing lost on a refused submission: the marks stay in the draft when they still may."""
    with contextlib.suppress(DomainError):
        voting.ballot_save_draft(actor=request.user, session=session, marks=marks)


@login_required
def written_ballot(request, pk, member_pk):
    """The secretariat enters an absent member's written ballot, as counted on paper."""
    session = get_managed_session(request.user, pk)
    member = get_object_or_404(absent_without_ballot(session), pk=member_pk)
    if request.method == "POST":
        marks = marks_from_post(request.POST, session.items.values_list("pk", flat=True))
        try:
            voting.written_ballot_enter(
                actor=request.user, session=session, member=member, marks=marks
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The written ballot was put in the box."))
            return redirect("council_session_detail", session.pk)
    context = {
        "session": session,
        "member": member,
        "written": True,
        **ballot_page(session, member),
    }
    return render(request, "nominations/council/ballot.html", context)


@login_required
def minutes_download(request, pk, kind):
    session = get_session_for_user(request.user, pk)
    field = {"pdf": session.minutes_pdf, "docx": session.minutes_docx}.get(kind)
    if not field or session.status not in (SessionStatus.COUNTED, SessionStatus.CLOSED):
        raise Http404
    name = f"bien-ban-kiem-phieu-{session.minutes_number}.{kind}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)
