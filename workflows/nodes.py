"""A human step on a dossier, as a small subclass of viewflow's View node.

Who may take the step is decided on the dossier (its unit or authority), never by a
model-wide permission: viewflow's stock `can_assign` falls back to `user.has_perm(perm)`
without an object, which would let any unit head take any unit's approval.
The stock per-node pages (detail, undo, cancel, revive) are not mounted: the dossier page
tells the story, and our own task view runs the step (see workflows/views.py).
"""

from viewflow.workflow import flow
from viewflow.workflow.status import STATUS


class DossierTask(flow.View):
    index_view_class = None
    detail_view_class = None
    cancel_view_class = None
    undo_view_class = None
    revive_view_class = None
    assign_view_class = None
    unassign_view_class = None

    def __init__(self, view, *, permission: str, dossier_statuses: tuple[str, ...], **kwargs):
        super().__init__(view, **kwargs)
        self.permission = permission
        # Where the dossier stands while this step is open: lets the inbox find the step's
        # tasks from the dossiers (indexed by unit/authority and status) instead of the tasks.
        self.dossier_statuses = dossier_statuses
        # No `obj=`: viewflow would load the dossier again for every task it creates, only
        # to store a reference we never read (can_assign below checks the dossier itself).
        self.Permission(permission)

    def can_assign(self, user, task) -> bool:
        if task.owner_id or task.status != STATUS.NEW or not user.is_authenticated:
            return False
        return user.has_perm(self.permission, task.process.dossier)

    def can_execute(self, user, task) -> bool:
        return (
            task.owner_id == user.pk
            and task.status in (STATUS.ASSIGNED, STATUS.STARTED)
            and user.has_perm(self.permission, task.process.dossier)
        )

    def can_unassign(self, user, task) -> bool:
        return task.owner_id == user.pk and task.status == STATUS.ASSIGNED
