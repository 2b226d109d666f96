import datetime

import pytest
from django.utils import translation

from tests.factories import UserFactory, nominee, seat
from tests.workflows.helpers import convene, dossier_at
from workflows import council_script

HELD_ON = datetime.date(2020, 8, 25)


@pytest.fixture(autouse=True)
def in_english():
    """The services' messages are read in English here (they are in Vietnamese by default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def awaiting(world):
    """A dossier of two nominees accepted by the secretariat, awaiting the council."""
    return dossier_at(
        world, "council_review", nominees=[nominee("Nguyễn Văn An"), nominee("Lê Thị Bình")]
    )


@pytest.fixture
def convened(world, awaiting):
    """A session convened on the dossier, its ballot not open yet."""
    return convene(world, [awaiting], title="Phiên họp xét khen thưởng")


@pytest.fixture
def voting_session(world, convened):
    """The convened session with its ballot open to all three members of the world's council."""
    session = convened
    seats = [world.seats.chair, world.seats.officer, world.seats.member]
    council_script.open_ballot(session, officer=world.officer, present=seats)
    session.refresh_from_db()
    return session


@pytest.fixture
def fourth_member(world):
    return seat(world.council, UserFactory(username="member4", first_name="Đỗ", last_name="Quang"))
