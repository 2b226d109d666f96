"""Moving a dossier to a given step in code, the way the pages do it; form data for pages."""

from functools import partial

from nominations import services
from nominations.documents.samples import attach_sample_documents
from nominations.models import CouncilOutcome
from tests.factories import create_dossier
from workflows.engine import acting_on, open_step


def complete(dossier, step, user, perform):
    task = open_step(dossier, step)
    with acting_on(task, user) as activation:
        perform()
        activation.execute()
    dossier.refresh_from_db()
    return dossier


def attach_required_documents(dossier, user):
    """Attach a small generated PDF for every document the dossier still lacks."""
    return attach_sample_documents(actor=user, dossier=dossier)


def dossier_at(world, step, *, nominees=None):
    """A dossier of the justice department standing at the named step, its documents attached."""
    dossier = create_dossier(
        clerk=world.clerk, unit=world.justice, authority=world.district, nominees=nominees
    )
    attach_required_documents(dossier, world.clerk)

    def outcomes():
        return {n.pk: (CouncilOutcome.AGREED, "") for n in dossier.nominees.all()}

    order = [
        ("prepare", world.clerk, services.dossier_send_to_head, {}),
        ("head_review", world.head, services.dossier_head_approve, {}),
        ("secretariat_check", world.officer, services.dossier_accept, {}),
        ("council_review", world.officer, services.dossier_record_council_outcome, None),
    ]
    for name, user, service, extra in order:
        if name == step:
            return dossier
        kwargs = extra if extra is not None else {"outcomes": outcomes()}
        complete(dossier, name, user, partial(service, actor=user, dossier=dossier, **kwargs))
    assert step == "decide", step
    return dossier


def nominee_form(prefix_index, name, award, kind="individual", summary="Hoàn thành xuất sắc."):
    p = f"nominees-{prefix_index}-"
    return {
        p + "recipient_kind": kind,
        p + "full_name": name,
        p + "job_title": "",
        p + "award": award.pk,
        p + "achievement_summary": summary,
    }


def management(total):
    return {
        "nominees-TOTAL_FORMS": str(total),
        "nominees-INITIAL_FORMS": "0",
        "nominees-MIN_NUM_FORMS": "0",
        "nominees-MAX_NUM_FORMS": "1000",
    }
