"""Moving a dossier to a given step in code, the way the pages do it; form data for pages."""

import datetime
from functools import partial

from django.urls import reverse

from nominations import services
from nominations.council.results import council_minutes_generate
from nominations.documents.samples import attach_sample_documents
from nominations.models import CouncilSession
from tests.factories import create_dossier
from workflows.council_script import run_session
from workflows.engine import acting_on, open_step
from workflows.selectors import open_tasks_in


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

    order = [
        ("prepare", world.clerk, services.dossier_send_to_head),
        ("head_review", world.head, services.dossier_head_approve),
        ("secretariat_check", world.officer, services.dossier_accept),
    ]
    for name, user, service in order:
        if name == step:
            return dossier
        complete(dossier, name, user, partial(service, actor=user, dossier=dossier))
    if step == "council_review":
        return dossier
    assert step == "decide", step
    council_agrees(world, [dossier])
    dossier.refresh_from_db()
    return dossier


def council_agrees(world, dossiers, **kwargs):
    """A session of the world's council where every member agrees to every nominee."""
    return run_session(
        officer=world.officer,
        council=world.council,
        dossiers=dossiers,
        held_on=datetime.date(2020, 8, 25),
        **kwargs,
    )


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


def session_step_url(session, name):
    task = next(t for t in open_tasks_in(session.process_id) if t.flow_task.name == name)
    return reverse("task_detail", args=[task.pk]), reverse("task_take", args=[task.pk])


def run_step_page(client, session, name, data):
    """Take the session's step (if free) and post its form, as a person does in the inbox."""
    run, take = session_step_url(session, name)
    client.post(take)
    return client.post(run, data)


def session_through_pages(world, login, dossiers, *, choice="agree"):
    """A whole council session run through its pages: every member marks `choice`."""
    client = login(world.officer)
    client.post(
        reverse("council_session_create"),
        {
            "council": world.council.pk,
            "title": "Phiên họp xét khen thưởng năm 2020",
            "held_on": "2020-08-25",
            "venue": "Hội trường UBND huyện",
        },
    )
    session = CouncilSession.objects.latest("pk")
    run_step_page(client, session, "prepare_agenda", {"dossiers": [d.pk for d in dossiers]})
    seats = [world.seats.chair, world.seats.officer, world.seats.member]
    run_step_page(client, session, "open_ballot", {"present": [s.pk for s in seats]})
    items = list(session.items.values_list("pk", flat=True))
    for seat in seats:
        marks = {f"mark-{pk}": choice for pk in items}
        login(seat.user).post(
            reverse("council_ballot", args=[session.pk]), {"action": "submit", **marks}
        )
    client = login(world.officer)
    run_step_page(client, session, "close_ballot", {})
    council_minutes_generate(session_id=session.pk)  # the worker's job
    run_step_page(login(world.chair), session, "sign_minutes", {})
    session.refresh_from_db()
    return session


def convene(world, dossiers, *, title="Phiên họp xét khen thưởng"):
    """A session of the world's council convened on these dossiers (25/08/2020)."""
    from workflows.council_script import start_session

    return start_session(
        officer=world.officer,
        council=world.council,
        title=title,
        held_on=datetime.date(2020, 8, 25),
        dossiers=dossiers,
    )
