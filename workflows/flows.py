"""The nomination chain as a viewflow flow: one node per legal step, named after it.

The flow orchestrates; every rule lives in nominations.services, which each step's view
calls. The same pipeline serves every commendation type and every level: a dossier that an
authority forwards upward starts this same flow again at the higher authority.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.status import STATUS

from nominations.models import EDITABLE_STATUSES, DossierStatus
from workflows import steps
from workflows.nodes import DossierTask, GuardedTask


class NominationFlow(flow.Flow):
    process_title = _("Nomination dossier")
    process_description = _(
        "A unit's proposal goes to its head, the secretariat, the council and the authority head."
    )
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.start_dossier).Next(this.prepare)

    prepare = (
        DossierTask(
            steps.PrepareDossierView.as_view(),
            permission="nominations.prepare_dossier",
            dossier_statuses=EDITABLE_STATUSES,
        )
        .Annotation(title=_("Prepare and submit the dossier"))
        .Assign(this.previous_preparer)
        .Next(this.head_review)
    )
    head_review = (
        DossierTask(
            steps.HeadReviewView.as_view(),
            permission="nominations.approve_dossier",
            dossier_statuses=(DossierStatus.AWAITING_HEAD,),
        )
        .Annotation(title=_("Unit head's approval"))
        .Next(this.approved_by_head)
    )
    approved_by_head = (
        flow.If(lambda activation: _status(activation) == DossierStatus.SUBMITTED)
        .Annotation(title=_("Approved by the unit head?"))
        .Then(this.secretariat_check)
        .Else(this.prepare)
    )
    secretariat_check = (
        DossierTask(
            steps.SecretariatCheckView.as_view(),
            permission="nominations.check_dossier",
            dossier_statuses=(DossierStatus.SUBMITTED,),
        )
        .Annotation(title=_("Secretariat's completeness check"))
        .Next(this.accepted_by_secretariat)
    )
    accepted_by_secretariat = (
        flow.If(lambda activation: _status(activation) == DossierStatus.AWAITING_COUNCIL)
        .Annotation(title=_("Accepted by the secretariat?"))
        .Then(this.council_review)
        .Else(this.prepare)
    )
    # The council session (workflows.flows.CouncilSessionFlow) completes this wait when its
    # minutes are signed, each nominee's outcome recorded on the dossier.
    council_review = (
        flow.Handle().Annotation(title=_("Considered by the council")).Next(this.decide)
    )
    decide = (
        DossierTask(
            steps.DecideView.as_view(),
            permission="nominations.decide_dossier",
            dossier_statuses=(DossierStatus.AWAITING_DECISION,),
        )
        .Annotation(title=_("Authority head's decision"))
        .Next(this.forwarded_upward)
    )
    forwarded_upward = (
        flow.If(this.has_unstarted_forwarded_dossier)
        .Annotation(title=_("Forwarded to the higher authority?"))
        .Then(this.open_upper_dossier)
        .Else(this.closed)
    )
    open_upper_dossier = (
        flow.Function(this.start_forwarded_dossiers)
        .Annotation(title=_("Open the dossier at the higher authority"))
        .Next(this.closed)
    )
    closed = flow.End().Annotation(title=_("Closed"))

    def start_dossier(self, activation, *, dossier):
        """Link the process and its dossier before the first task is created."""
        activation.process.save()
        dossier.process = activation.process
        dossier.save(update_fields=["process"])
        return activation.process

    def previous_preparer(self, activation):
        """A returned dossier goes back to whoever prepared it, if they still may."""
        dossier = activation.process.dossier
        last_round = (
            activation.process.task_set.filter(flow_task=self.prepare, status=STATUS.DONE)
            .select_related("owner")
            .order_by("-pk")
            .first()
        )
        previous = last_round.owner if last_round else dossier.created_by
        if previous is not None and previous.has_perm("nominations.prepare_dossier", dossier):
            return previous
        return None

    def has_unstarted_forwarded_dossier(self, activation) -> bool:
        return activation.process.dossier.forwarded_dossiers.filter(process__isnull=True).exists()

    def start_forwarded_dossiers(self, activation):
        for upper in activation.process.dossier.forwarded_dossiers.filter(process__isnull=True):
            self.start.run(dossier=upper)

    def has_view_permission(self, user, obj=None):
        if obj is None:
            return user.is_authenticated
        return user.has_perm("nominations.view_dossier", obj.dossier)

    def has_manage_permission(self, user, obj=None):
        return user.is_active and user.is_superuser


def _status(activation) -> str:
    activation.process.dossier.refresh_from_db(fields=["status"])
    return activation.process.dossier.status


def guarded_steps() -> list[GuardedTask]:
    """Every human step of both flows: what the inbox lists and the task page runs."""
    from workflows.council import CouncilSessionFlow

    return [
        node
        for flow_class in (NominationFlow, CouncilSessionFlow)
        for node in flow_class.instance.nodes()
        if isinstance(node, GuardedTask)
    ]
