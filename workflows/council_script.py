"""A whole council session driven in code, the way its pages drive it: each step taken with
`acting_on`, its service called, the activation executed. The demo, the tests and the
benchmarks use it; nothing here bypasses a rule.
"""

from collections.abc import Callable

from django.db import transaction

from nominations.council import results, services, voting
from nominations.models import BallotChoice, CouncilMember, CouncilPosition, CouncilSession
from workflows.council import CouncilSessionFlow, member_ballot_task
from workflows.engine import acting_on
from workflows.selectors import open_tasks_in

# How a member marks an item: (member, agenda item) -> choice.
Voter = Callable[[CouncilMember, object], str]


def agree_to_all(member, item) -> str:
    return BallotChoice.AGREE


def step(session: CouncilSession, name: str, user, perform) -> None:
    task = next(t for t in open_tasks_in(session.process_id) if t.flow_task.name == name)
    with acting_on(task, user) as activation:
        perform()
        activation.execute()


def start_session(*, officer, council, title, held_on, dossiers) -> CouncilSession:
    """Create the session, set its agenda and convene it."""
    with transaction.atomic():
        session = services.council_session_create(
            actor=officer, council=council, title=title, held_on=held_on
        )
        CouncilSessionFlow.start.run(session=session)

    def agenda():
        services.council_session_set_agenda(actor=officer, session=session, dossiers=dossiers)
        services.council_session_convene(actor=officer, session=session)

    step(session, "prepare_agenda", officer, agenda)
    return session


def open_ballot(session, *, officer, present: list[CouncilMember], closes_at=None) -> None:
    step(
        session,
        "open_ballot",
        officer,
        lambda: services.council_session_open_ballot(
            actor=officer,
            session=session,
            present_member_ids={m.pk for m in present},
            closes_at=closes_at,
        ),
    )


def cast(session, member: CouncilMember, voter: Voter = agree_to_all) -> None:
    """The member submits their ballot through their own ballot task."""
    marks = {
        str(item.pk): voter(member, item)
        for item in session.items.exclude(recusals__member=member).select_related("nominee")
    }
    task = member_ballot_task(session, member.user)
    with acting_on(task, member.user) as activation:
        voting.ballot_submit(actor=member.user, session=session, marks=marks)
        activation.execute()


def close_and_sign(session, *, officer, signer=None) -> CouncilSession:
    """Close and count, render the minutes (a worker's job), and sign them off."""
    step(
        session,
        "close_ballot",
        officer,
        lambda: voting.council_session_close_ballot(actor=officer, session=session),
    )
    results.council_minutes_generate(session_id=session.pk)
    session.refresh_from_db()
    signer = signer or (
        CouncilMember.objects.active(session.held_on)
        .filter(council=session.council, position=CouncilPosition.CHAIR)
        .select_related("user")
        .get()
        .user
    )
    step(
        session,
        "sign_minutes",
        signer,
        lambda: results.council_session_sign_minutes(actor=signer, session=session),
    )
    session.refresh_from_db()
    return session


def run_session(
    *, officer, council, dossiers, held_on, title="Phiên họp Hội đồng", present=None, voter=None
) -> CouncilSession:
    """From the agenda to the signed minutes: every present member votes as `voter` says."""
    session = start_session(
        officer=officer, council=council, title=title, held_on=held_on, dossiers=dossiers
    )
    members = list(
        CouncilMember.objects.active(held_on).filter(council=council).select_related("user")
    )
    present = members if present is None else present
    open_ballot(session, officer=officer, present=present)
    for member in present:
        cast(session, member, voter or agree_to_all)
    return close_and_sign(session, officer=officer)
