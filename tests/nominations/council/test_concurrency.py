"""One ballot per member per session, held by the database when two submits race."""

import threading

import pytest
from django.db import close_old_connections, connection

from nominations.council import voting
from nominations.errors import DomainError
from nominations.models import BallotParticipation, SealedBallot
from tests.factories import nominee
from tests.workflows.helpers import convene, dossier_at
from workflows import council_script

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_submissions_of_the_same_member_at_once_leave_one_ballot(world):
    dossier = dossier_at(world, "council_review", nominees=[nominee("Nguyễn Văn An")])
    session = convene(world, [dossier], title="Phiên họp")
    seats = [world.seats.chair, world.seats.officer, world.seats.member]
    council_script.open_ballot(session, officer=world.officer, present=seats)
    marks = {str(session.items.get().pk): "agree"}
    start = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            start.wait()
            voting.ballot_submit(actor=world.member, session=session, marks=marks)
            outcomes.append("in the box")
        except DomainError as error:
            outcomes.append(type(error).__name__)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["AlreadyVoted", "in the box"]
    assert BallotParticipation.objects.filter(member=world.seats.member).count() == 1
    assert SealedBallot.objects.count() == 1
    assert connection.vendor == "postgresql"


def test_the_database_itself_refuses_a_second_participation(world):
    from django.db import IntegrityError

    dossier = dossier_at(world, "council_review", nominees=[nominee("Nguyễn Văn An")])
    session = convene(world, [dossier], title="Phiên họp")
    BallotParticipation.objects.create(
        session=session, member=world.seats.member, kind="electronic"
    )
    with pytest.raises(IntegrityError):
        BallotParticipation.objects.create(
            session=session, member=world.seats.member, kind="written"
        )
