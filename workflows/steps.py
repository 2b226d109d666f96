"""The view of each human step. Thin: build the form, call the service, move the flow on.

They run inside workflows.views.run_task, which has already checked access, taken the
process lock and started the activation on POST.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from nominations import services
from nominations.errors import DomainError
from nominations.forms import DossierHeaderForm, NomineeEditFormSet, nominee_initial
from workflows.forms import DecideForm, ReviewForm


class DossierStepView(FormView):
    template_name = "workflows/step_review.html"
    success_message = _("Done.")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.activation = request.activation
        self.task = self.activation.task
        self.node = self.task.flow_task
        self.dossier = self.task.process.dossier

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            dossier=self.dossier,
            task=self.task,
            step_title=self.node.task_title,
            can_act=self.node.can_execute(user, self.task) or self.node.can_assign(user, self.task),
            nominees=self.dossier.nominees.select_related("award", "source_nominee"),
        )
        return context

    def form_valid(self, form):
        try:
            self.perform(form)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        self.activation.execute()
        messages.success(self.request, self.success_message)
        return redirect("dossier_detail", self.dossier.pk)

    def perform(self, form):
        raise NotImplementedError


class PrepareDossierView(DossierStepView):
    template_name = "workflows/step_prepare.html"
    success_message = _("The dossier was sent to the unit head for approval.")

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        return DossierHeaderForm(
            data,
            initial={
                "title": self.dossier.title,
                "commendation_type": self.dossier.commendation_type,
                "year": self.dossier.year,
            },
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        return context

    def get_formset(self):
        if self.request.method == "POST":
            return NomineeEditFormSet(self.request.POST, prefix="nominees")
        return NomineeEditFormSet(prefix="nominees", initial=nominee_initial(self.dossier))

    def post(self, request, *args, **kwargs):
        form, formset = self.get_form(), self.get_formset()
        if not (form.is_valid() and formset.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        try:
            services.dossier_update(
                actor=request.user,
                dossier=self.dossier,
                nominees=formset.nominee_inputs(),
                **form.cleaned_data,
            )
            if request.POST.get("action") != "submit":
                messages.success(request, _("Draft saved."))
                return redirect("task_detail", self.task.pk)
            services.dossier_send_to_head(actor=request.user, dossier=self.dossier)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        self.activation.execute()
        messages.success(request, self.success_message)
        return redirect("dossier_detail", self.dossier.pk)


class ReviewStepView(DossierStepView):
    """Approve-or-send-back steps: the unit head's and the secretariat's."""

    approve_label = _("Approve")
    send_back_label = _("Send back for revision")

    def get_form(self, form_class=None):
        return ReviewForm(
            **self.get_form_kwargs(),
            choices=[("approve", self.approve_label), ("send_back", self.send_back_label)],
        )

    def perform(self, form):
        reason = form.cleaned_data["reason"]
        if form.cleaned_data["outcome"] == "approve":
            self.approve(reason)
            self.success_message = self.approved_message
        else:
            self.send_back(reason)
            self.success_message = _("The dossier was sent back to the unit with your reason.")


class HeadReviewView(ReviewStepView):
    approve_label = _("Approve and send to the secretariat")
    approved_message = _("Approved: the dossier went to the secretariat.")

    def approve(self, note):
        services.dossier_head_approve(actor=self.request.user, dossier=self.dossier, note=note)

    def send_back(self, reason):
        services.dossier_head_send_back(
            actor=self.request.user, dossier=self.dossier, reason=reason
        )


class SecretariatCheckView(ReviewStepView):
    approve_label = _("Complete: accept for the council")
    send_back_label = _("Incomplete: return to the unit")
    approved_message = _("Accepted: the dossier awaits the council.")

    def approve(self, note):
        services.dossier_accept(actor=self.request.user, dossier=self.dossier, note=note)

    def send_back(self, reason):
        services.dossier_return(actor=self.request.user, dossier=self.dossier, reason=reason)


class DecideView(DossierStepView):
    template_name = "workflows/step_per_nominee.html"

    def get_form(self, form_class=None):
        return DecideForm(
            **self.get_form_kwargs(),
            nominees=self.dossier.nominees.select_related("award"),
            signer_title=self.dossier.authority.head_title,
        )

    def perform(self, form):
        result = services.dossier_decide(
            actor=self.request.user,
            dossier=self.dossier,
            outcomes=form.outcomes(),
            signer_title=form.cleaned_data["signer_title"],
        )
        parts = []
        if result.decision:
            parts.append(
                _("Decision %(number)s was issued.") % {"number": result.decision.reference}
            )
        if result.forwarded:
            parts.append(
                _("A dossier was opened at %(authority)s.")
                % {"authority": result.forwarded.authority.name}
            )
        self.success_message = " ".join(str(p) for p in parts) or _("The dossier was closed.")
