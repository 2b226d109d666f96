"""Human steps as small subclasses of viewflow's View node, and a per-member split.

Who may take a step is decided on the step's subject (the dossier, or the council session),
never by a model-wide permission: viewflow's stock `can_assign` falls back to
`user.has_perm(perm)` without an object, which would let any unit head take any unit's
approval. The stock per-node pages (detail, undo, cancel, revive) are not mounted: the
subject's page tells the story, and our own task view runs the step (workflows/views.py).
"""

from django.db.models import Q
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.split import SplitActivation
from viewflow.workflow.status import STATUS

from nominations.access import access_for
from nominations.models import CouncilSession, Dossier


class GuardedTask(flow.View):
    """A step whose right is checked on its subject each time someone takes or runs it."""

    index_view_class = None
    detail_view_class = None
    cancel_view_class = None
    undo_view_class = None
    revive_view_class = None
    assign_view_class = None
    unassign_view_class = None
    # What `acting_on` reads with the task under the lock, in one query.
    task_related: tuple[str, ...] = ("process",)

    def subject(self, task):
        raise NotImplementedError

    def may_act(self, user, subject) -> bool:
        raise NotImplementedError

    def may_view(self, user, subject) -> bool:
        raise NotImplementedError

    def takeable_processes(self, user):
        """Process ids whose open task of this step the person may take (a subquery)."""
        raise NotImplementedError

    def record_taken(self, user, task) -> None:
        raise NotImplementedError

    def record_released(self, user, task) -> None:
        raise NotImplementedError

    def can_assign(self, user, task) -> bool:
        if task.owner_id or task.status != STATUS.NEW or not user.is_authenticated:
            return False
        return self.may_act(user, self.subject(task))

    def can_execute(self, user, task) -> bool:
        return (
            task.owner_id == user.pk
            and task.status in (STATUS.ASSIGNED, STATUS.STARTED)
            and self.may_act(user, self.subject(task))
        )

    def can_unassign(self, user, task) -> bool:
        return task.owner_id == user.pk and task.status == STATUS.ASSIGNED


class DossierTask(GuardedTask):
    task_related = ("process__dossier__authority",)

    def __init__(self, view, *, permission: str, dossier_statuses: tuple[str, ...], **kwargs):
        super().__init__(view, **kwargs)
        self.permission = permission
        # Where the dossier stands while this step is open: lets the inbox find the step's
        # tasks from the dossiers (indexed by unit/authority and status) instead of the tasks.
        self.dossier_statuses = dossier_statuses
        # No `obj=`: viewflow would load the dossier again for every task it creates, only
        # to store a reference we never read (may_act checks the dossier itself).
        self.Permission(permission)

    def subject(self, task):
        return task.process.dossier

    def expected_holders(self, dossier) -> list[tuple[str, str]]:
        """(role, unit) of those who may take the step, as the roles are first set up."""
        from nominations.access import scope_units_of
        from nominations.models import Unit
        from nominations.roles import ROLE_PERMISSIONS, ROLE_SCOPE

        scope_units = scope_units_of(dossier)
        wanted = [
            (role, scope_units.get(ROLE_SCOPE[role]))
            for role, perms in ROLE_PERMISSIONS.items()
            if self.permission in perms
        ]
        names = dict(
            Unit.objects.filter(pk__in=[u for _r, u in wanted if u]).values_list("pk", "name")
        )
        return [(role.label, names[unit]) for role, unit in wanted if unit in names]

    def may_act(self, user, dossier) -> bool:
        return user.has_perm(self.permission, dossier)

    def may_view(self, user, dossier) -> bool:
        return user.has_perm("nominations.view_dossier", dossier)

    def takeable_processes(self, user):
        scope = access_for(user).dossier_filter(self.permission)
        if scope == Q(pk__in=[]):
            return None
        return Dossier.objects.filter(scope, status__in=self.dossier_statuses).values("process_id")

    def record_taken(self, user, task) -> None:
        from nominations import services

        services.dossier_step_taken(actor=user, dossier=task.process.dossier, step=self.name)

    def record_released(self, user, task) -> None:
        from nominations import services

        services.dossier_step_released(actor=user, dossier=task.process.dossier, step=self.name)


class SessionTask(GuardedTask):
    """A step of the council's secretariat on a session."""

    task_related = ("process__council_session__council__authority",)
    permission = "nominations.manage_council_session"

    def __init__(self, view, *, session_statuses: tuple[str, ...], **kwargs):
        super().__init__(view, **kwargs)
        self.session_statuses = session_statuses

    def subject(self, task):
        return task.process.council_session

    def may_act(self, user, session) -> bool:
        return user.has_perm(self.permission, session)

    def may_view(self, user, session) -> bool:
        from nominations.council.access import may_view

        return may_view(user, session)

    def takeable_processes(self, user):
        from nominations.council.access import councils_managed_by

        return CouncilSession.objects.filter(
            council__in=councils_managed_by(user), status__in=self.session_statuses
        ).values("process_id")

    def record_taken(self, user, task) -> None:
        from nominations.council.services import council_session_step

        council_session_step(actor=user, session=self.subject(task), step=self.name, taken=True)

    def record_released(self, user, task) -> None:
        from nominations.council.services import council_session_step

        council_session_step(actor=user, session=self.subject(task), step=self.name, taken=False)


class SignMinutesTask(SessionTask):
    """Signed by the council's chair or secretary, not by whoever runs the secretariat."""

    def may_act(self, user, session) -> bool:
        from nominations.council.results import may_sign

        return may_sign(user, session)

    def takeable_processes(self, user):
        from nominations.council.results import SIGNING_POSITIONS

        return CouncilSession.objects.filter(
            status__in=self.session_statuses,
            council__members__user=user,
            council__members__position__in=SIGNING_POSITIONS,
        ).values("process_id")


class BallotTask(SessionTask):
    """One member's ballot, created already assigned to them (never taken by anyone else)."""

    def may_act(self, user, session) -> bool:
        return True  # the owner check in can_execute is the guard; the service checks the seat

    def can_assign(self, user, task) -> bool:
        return False

    def can_unassign(self, user, task) -> bool:
        return False

    def takeable_processes(self, user):
        return None


class PerMemberSplitActivation(SplitActivation):
    @Activation.status.super()
    def activate(self):
        for node, condition, data_source in self.flow_task._branches:
            if condition and not condition(self):
                continue
            if data_source is None:
                self.next_tasks.append((node, None))
            else:
                self.next_tasks.extend((node, data) for data in data_source(self))
        if not self.next_tasks:
            raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class PerMemberSplit(flow.Split):
    """A split that creates one task of a branch per item its `data_source` returns (viewflow
    core has no dynamic split): one ballot per member present, each with its member in
    `task.data`."""

    activation_class = PerMemberSplitActivation

    def Next(self, node, case=None, data_source=None):
        self._activate_next.append((node, case, data_source))
        return self
