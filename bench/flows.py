"""A bare viewflow flow with as many human steps as NominationFlow, and nothing else.

Each step carries the same model-level permission as our step, checked the stock way
(`View.can_assign` / `can_execute`); no domain model, no audit, no notification.
"""

from viewflow import this
from viewflow.workflow import flow, lock

STEP_PERMISSIONS = {
    "prepare": "nominations.prepare_dossier",
    "head_review": "nominations.approve_dossier",
    "secretariat_check": "nominations.check_dossier",
    "council_review": "nominations.record_council_outcome",
    "decide": "nominations.decide_dossier",
}


def _never_rendered(request, **kwargs):  # the bench drives the steps in code
    raise NotImplementedError


class BareFlow(flow.Flow):
    process_title = "Bare chain"
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle().Next(this.prepare)
    prepare = (
        flow.View(_never_rendered).Permission(STEP_PERMISSIONS["prepare"]).Next(this.head_review)
    )
    head_review = (
        flow.View(_never_rendered)
        .Permission(STEP_PERMISSIONS["head_review"])
        .Next(this.secretariat_check)
    )
    secretariat_check = (
        flow.View(_never_rendered)
        .Permission(STEP_PERMISSIONS["secretariat_check"])
        .Next(this.council_review)
    )
    council_review = (
        flow.View(_never_rendered).Permission(STEP_PERMISSIONS["council_review"]).Next(this.decide)
    )
    decide = flow.View(_never_rendered).Permission(STEP_PERMISSIONS["decide"]).Next(this.end)
    end = flow.End()
