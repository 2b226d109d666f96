"""The views of the council session's steps. Thin: build the form, call the service, go on.

They run inside workflows.views.task_detail, which checked access, took the process lock
and started the activation on POST.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View

from nominations.council import services, voting
from nominations.council.forms import AgendaForm, AttendanceForm
from nominations.council.results import council_session_sign_minutes, enqueue_minutes
from nominations.council.selectors import session_context
from nominations.errors import DomainError
from nominations.models import CouncilMember


class SessionStepView(FormView):
    template_name = "nominations/council/step.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.activation = request.activation
        self.task = self.activation.task
        self.session = self.task.process.council_session

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session_context(self.session, self.request.user),
            task=self.task,
            step_title=self.task.flow_task.task_title,
            step=self.task.flow_task.name,
        )
        return context

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        self.activation.execute()
        messages.success(self.request, message)
        return redirect("council_session_detail", self.session.pk)

    def perform(self, form):
        raise NotImplementedError


class PrepareAgendaView(SessionStepView):
    def get_form(self, form_class=None):
        return AgendaForm(
            **self.get_form_kwargs(), dossiers=services.dossiers_for_agenda(self.session)
        )

    def get_initial(self):
        chosen = self.session.items.values_list("nominee__dossier_id", flat=True)
        return {"dossiers": list(set(chosen))}

    def perform(self, form):
        services.council_session_set_agenda(
            actor=self.request.user, session=self.session, dossiers=form.cleaned_data["dossiers"]
        )
        services.council_session_convene(actor=self.request.user, session=self.session)
        return _("The agenda is set and the members were sent the notice.")


class OpenBallotView(SessionStepView):
    def get_form(self, form_class=None):
        members = (
            CouncilMember.objects.active(self.session.held_on)
            .filter(council=self.session.council)
            .select_related("user")
        )
        return AttendanceForm(**self.get_form_kwargs(), members=members)

    def perform(self, form):
        present = {m.pk for m in form.cleaned_data["present"]}
        services.council_session_open_ballot(
            actor=self.request.user,
            session=self.session,
            present_member_ids=present,
            closes_at=form.cleaned_data["closes_at"],
        )
        return _("The ballot is open to the %(count)d members present.") % {"count": len(present)}


class CloseBallotView(SessionStepView):
    """Closing needs no field: the confirmation is the form."""

    def get_form(self, form_class=None):
        from django import forms

        return forms.Form(**self.get_form_kwargs())

    def perform(self, form):
        count = voting.council_session_close_ballot(actor=self.request.user, session=self.session)
        return _("The ballot is closed: %(count)d ballots were counted.") % {"count": count}


class SignMinutesView(CloseBallotView):
    def get(self, request, *args, **kwargs):
        if not self.session.minutes_pdf:  # queued at closing; asked again if the broker was down
            enqueue_minutes(self.session.pk)
            self.session.refresh_from_db(fields=["minutes_pdf", "minutes_docx"])
        return super().get(request, *args, **kwargs)

    def perform(self, form):
        moved = council_session_sign_minutes(actor=self.request.user, session=self.session)
        if not self.session.quorum_met:
            return _(
                "The minutes are signed. Without a quorum, the dossiers await another session."
            )
        return _("The minutes are signed; %(count)d dossiers went on to the decision.") % {
            "count": len(moved)
        }


class BallotRedirectView(View):
    """A member's ballot task opens their ballot page (the page submits the task itself)."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("council_ballot", request.activation.task.process.council_session.pk)
