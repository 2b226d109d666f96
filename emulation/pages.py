"""A unit's pages in a movement: its targets, commitments, reports and plan; the lead unit's
reports to check; and the movements the user's units take part in.

The rules live in emulation.services: the views read the forms, call one service in one
transaction per POST, and show a refusal next to the form it concerns (or, for a form the page
does not show — a forged or stale POST — as a message at the top), keeping what was typed.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from emulation import services
from emulation.access import may_act_for_unit, units_acting_for
from emulation.forms import CommitmentForm, PlanForm, ReportForm
from emulation.models import (
    Commitment,
    Direction,
    ImplementationPlan,
    Movement,
    MovementStatus,
    MovementTask,
    ProgressReport,
    Target,
)
from emulation.selectors import is_late, movement_evaluation, plans_due_on, target_specs
from nominations.errors import DomainError, NotAllowed
from nominations.models import Unit


def _visible_movements():
    return Movement.objects.exclude(status=MovementStatus.DRAFT)


def _movement_units_q(movement) -> Q:
    """Units taking part in `movement`: participants, task units and targets' named units."""
    return (
        Q(movements=movement)
        | Q(led_tasks__movement=movement)
        | Q(coordinated_tasks__movement=movement)
        | Q(movement_targets__task__movement=movement)
    )


def _my_units(user, movement):
    """The units of the movement the user may act for, by name."""
    acting = units_acting_for(user)
    return list(
        Unit.objects.filter(pk__in=acting)
        .filter(_movement_units_q(movement))
        .distinct()
        .order_by("name")
    )


def _leads_a_task(user, movement) -> bool:
    acting = units_acting_for(user)
    return MovementTask.objects.filter(movement=movement, lead_units__in=acting).exists()


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _dashboard_url(movement):
    """The dashboard's address, when that page exists (it is built beside these pages)."""
    try:
        return reverse("movement_dashboard", args=[movement.code])
    except NoReverseMatch:
        return None


# --- the movements of my units -----------------------------------------------------------------


@login_required
def movement_mine(request):
    acting = units_acting_for(request.user)
    movements = (
        Movement.objects.filter(status=MovementStatus.LAUNCHED)
        .filter(
            Q(participants__in=acting)
            | Q(tasks__lead_units__in=acting)
            | Q(tasks__coordinating_units__in=acting)
            | Q(tasks__targets__scope_units__in=acting)
        )
        .distinct()
        .order_by("-starts_on", "title")
    )
    rows = [
        {
            "movement": movement,
            "units": _my_units(request.user, movement),
            "leads": _leads_a_task(request.user, movement),
            "dashboard_url": _dashboard_url(movement),
        }
        for movement in movements
    ]
    reminders = request.user.movement_reminders.filter(read_at__isnull=True)
    return render(request, "emulation/pages/mine.html", {"rows": rows, "reminders": reminders})


# --- my unit in this movement --------------------------------------------------------------------


@login_required
def movement_unit(request, code, unit_id):
    movement = get_object_or_404(_visible_movements().select_related("authority"), code=code)
    unit = get_object_or_404(Unit, pk=unit_id)
    if not may_act_for_unit(request.user, unit):
        raise Http404
    specs = target_specs(movement)
    concerned = [spec for spec in specs if unit.pk in spec.concerned_unit_ids]
    participant = movement.participants.filter(pk=unit.pk).exists()
    if not participant and not concerned:
        raise Http404

    bound, status = {}, 200
    if request.method == "POST":
        outcome = _unit_post(request, movement, unit, {spec.id for spec in concerned})
        if not isinstance(outcome, tuple):
            return outcome
        bound, status = outcome

    context = _unit_context(request, movement, unit, concerned, participant, bound)
    return render(request, "emulation/pages/unit.html", context, status=status)


def _unit_post(request, movement, unit, concerned_ids):
    """A redirect when done; else ({form key: bound form}, status) to show the page again."""
    here = reverse("movement_unit", args=[movement.code, unit.pk])
    action = request.POST.get("action")
    user = request.user
    target = None
    if action == "plan":
        key = "plan"
        form = PlanForm(request.POST, prefix=key)

        def act(data):
            services.plan_file(
                actor=user,
                movement=movement,
                unit=unit,
                reference=data["reference"],
                filed_on=data["filed_on"],
            )
            return _("The implementation plan was filed.")

    elif action in ("commit", "report", "correct"):
        target = Target.objects.filter(
            pk=_int(request.POST.get("target")), task__movement=movement
        ).first()
        if target is None:
            messages.error(request, _("This target is not one of this movement's."))
            return {}, 404
        key = f"{action}-{target.pk}"
        form_class = CommitmentForm if action == "commit" else ReportForm
        form = form_class(request.POST, prefix=key, measure=target.measure)
        corrects = None
        if action == "correct":
            corrects = ProgressReport.objects.filter(
                pk=_int(request.POST.get("corrects")), target=target, unit=unit
            ).first()
            if corrects is None:
                messages.error(request, _("This report is not one of this unit's on this target."))
                return {}, 404

        def act(data):
            if action == "commit":
                services.commitment_register(
                    actor=user, unit=unit, target=target, value=data["value"]
                )
                return _("The commitment was registered.")
            services.progress_report(
                actor=user,
                unit=unit,
                target=target,
                value=data["value"],
                as_of=data["as_of"],
                note=data["note"],
                corrects=corrects,
            )
            return _("The correction was recorded.") if corrects else _("The report was recorded.")

    else:
        messages.error(request, _("This form was not understood; nothing was recorded."))
        return {}, 400

    if not form.is_valid():
        return {key: form}, 200
    try:
        with transaction.atomic():
            done = act(form.cleaned_data)
    except services.RepeatedReport as error:
        messages.warning(request, error.message)
        return redirect(here)
    except DomainError as error:
        form.add_error(None, error.message)
        if not _form_shown(movement, unit, action, target, concerned_ids):
            messages.error(request, error.message)  # a forged or stale POST
        return {key: form}, 403 if isinstance(error, NotAllowed) else 200
    messages.success(request, done)
    return redirect(here)


def _form_shown(movement, unit, action, target, concerned_ids) -> bool:
    """Whether the page shown again holds the form posted (else its error goes on top)."""
    if Movement.objects.filter(pk=movement.pk, status=MovementStatus.CLOSED).exists():
        return False
    if action == "plan":
        return (
            movement.participants.filter(pk=unit.pk).exists()
            and not ImplementationPlan.objects.filter(movement=movement, unit=unit).exists()
        )
    return target is not None and target.pk in concerned_ids


def _figure(value) -> str:
    """41.20 as "41,2" in Vietnamese, "41.2" in English; 100 as "100"."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return formats.localize(Decimal(text))


def _unit_context(request, movement, unit, concerned, participant, bound):
    today = timezone.localdate()
    results = {r.target.id: r for r in movement_evaluation(movement, today).targets}
    commitments = {
        c.target_id: c
        for c in Commitment.objects.filter(unit=unit, target_id__in=[s.id for s in concerned])
    }
    tasks = MovementTask.objects.in_bulk({s.task_id for s in concerned})
    mine = {
        u.report_id: u
        for s in concerned
        for u in results[s.id].units
        if u.unit_id == unit.pk and u.report_id
    }
    current = ProgressReport.objects.select_related("reported_by", "supersedes").in_bulk(mine)
    open_ = movement.status != MovementStatus.CLOSED

    rows = []
    for spec in concerned:
        result = results[spec.id]
        own = next(u for u in result.units if u.unit_id == unit.pk)
        report = current.get(own.report_id)
        commitment = commitments.get(spec.id)
        commit_key, report_key, correct_key = (
            f"commit-{spec.id}",
            f"report-{spec.id}",
            f"correct-{spec.id}",
        )
        commit_initial = {"value": _figure(commitment.value)} if commitment else {}
        correct_form = None
        if report is not None:
            correct_form = bound.get(correct_key) or ReportForm(
                prefix=correct_key,
                measure=spec.measure,
                initial={"value": _figure(report.value), "as_of": report.as_of, "note": ""},
            )
        rows.append(
            {
                "spec": spec,
                "task": tasks.get(spec.task_id),
                "role": _role(spec, unit),
                "direction_label": Direction(spec.direction).label,
                "result": result,
                "status": own.status if spec.per_unit else result.status,
                "commitment": commitment,
                "figures": {
                    "target": _figure(spec.value),
                    "commitment": _figure(commitment.value) if commitment else "",
                    "report": _figure(report.value) if report else "",
                    "whole": _figure(result.value),
                },
                "report": report,
                "checked": own.checked,
                "commit_form": bound.get(commit_key)
                or CommitmentForm(prefix=commit_key, measure=spec.measure, initial=commit_initial),
                "report_form": bound.get(report_key)
                or ReportForm(prefix=report_key, measure=spec.measure),
                "correct_form": correct_form,
                "correct_open": correct_key in bound,
            }
        )

    due_on = plans_due_on(movement)
    plan = ImplementationPlan.objects.filter(movement=movement, unit=unit).first()
    return {
        "movement": movement,
        "unit": unit,
        "rows": rows,
        "open": open_,
        "participant": participant,
        "plan": plan,
        "plan_due_on": due_on,
        "plan_late": plan is not None and is_late(plan.filed_on, due_on),
        "plan_words": _plan_words(plan, due_on, today),
        "plan_form": bound.get("plan") or PlanForm(prefix="plan"),
        "my_units": _my_units(request.user, movement),
        "leads": _leads_a_task(request.user, movement),
        "dashboard_url": _dashboard_url(movement),
    }


def _role(spec, unit) -> str:
    if unit.pk in spec.lead_unit_ids:
        return _("Lead unit")
    if unit.pk in spec.coordinating_unit_ids:
        return _("Coordinating unit")
    return _("Unit concerned")


def _plan_words(plan, due_on, today) -> str:
    """Lateness in words: of the plan filed, or of the plan still awaited."""
    if due_on is None:
        return _("No due date is set for the plans.")
    if plan is not None:
        days = (plan.filed_on - due_on).days
        if days <= 0:
            return _("Filed on time.")
        return ngettext("Filed %(n)s day late.", "Filed %(n)s days late.", days) % {"n": days}
    days = (today - due_on).days
    if days > 0:
        return ngettext("Not filed: %(n)s day overdue.", "Not filed: %(n)s days overdue.", days) % {
            "n": days
        }
    if days == 0:
        return _("Not filed yet: due today.")
    return ngettext(
        "Not filed yet: due in %(n)s day.", "Not filed yet: due in %(n)s days.", -days
    ) % {"n": -days}


# --- reports to check ----------------------------------------------------------------------


@login_required
def movement_checks(request, code):
    movement = get_object_or_404(_visible_movements(), code=code)
    if not _my_units(request.user, movement):
        raise Http404
    status = 200
    if request.method == "POST":
        report = ProgressReport.objects.filter(
            pk=_int(request.POST.get("report")), target__task__movement=movement
        ).first()
        if report is None:
            messages.error(request, _("This report is not one of this movement's."))
            status = 404
        else:
            try:
                with transaction.atomic():
                    services.progress_check(actor=request.user, report=report)
            except NotAllowed as error:
                messages.error(request, error.message)
                status = 403
            except DomainError as error:
                messages.warning(request, error.message)
            else:
                messages.success(request, _("The report was marked as checked."))
                return redirect("movement_checks", movement.code)

    acting = units_acting_for(request.user)
    lead_specs = {s.id: s for s in target_specs(movement) if s.lead_unit_ids & acting}
    reports = [
        r
        for r in ProgressReport.objects.filter(
            target_id__in=lead_specs,
            checked_at__isnull=True,
            superseded_by__isnull=True,
        )
        .select_related("unit", "target__task", "reported_by", "supersedes")
        .order_by("target__task__number", "target_id", "unit__name", "-as_of", "-pk")
        if r.unit_id not in lead_specs[r.target_id].lead_unit_ids
    ]
    for report in reports:
        report.value_text = _figure(report.value)
    context = {
        "movement": movement,
        "reports": reports,
        "leads": bool(lead_specs) or _leads_a_task(request.user, movement),
        "open": movement.status != MovementStatus.CLOSED,
        "my_units": _my_units(request.user, movement),
        "dashboard_url": _dashboard_url(movement),
    }
    return render(request, "emulation/pages/checks.html", context, status=status)
