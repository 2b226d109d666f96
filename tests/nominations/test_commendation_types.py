"""Each commendation type asks of its nominees what its procedure needs."""

import datetime

import pytest
from django.utils import translation

from nominations import services
from nominations.errors import DomainError
from nominations.models import CommendationType
from tests.factories import nominee

pytestmark = pytest.mark.django_db


def draft(world, commendation_type, **facts):
    return services.dossier_create(
        actor=world.clerk,
        authority=world.district,
        unit=world.justice,
        title="Khen thưởng đột xuất cứu người trong lũ",
        commendation_type=commendation_type,
        year=2020,
        nominees=[nominee(**facts)],
    )


@pytest.mark.parametrize(
    ("commendation_type", "missing"),
    [
        (CommendationType.SUDDEN, "date of the act"),
        (CommendationType.SERVICE, "years of service"),
        (CommendationType.FOREIGN, "nationality"),
    ],
)
def test_a_type_refuses_a_nominee_without_what_it_needs(world, commendation_type, missing):
    with translation.override("en"), pytest.raises(DomainError, match=missing):
        draft(world, commendation_type)


def test_a_sudden_act_cannot_lie_in_the_future(world):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with translation.override("en"), pytest.raises(DomainError, match="future"):
        draft(world, CommendationType.SUDDEN, act_date=tomorrow)


def test_each_type_keeps_what_it_asked_for(world):
    act = datetime.date(2020, 10, 18)
    sudden = draft(world, CommendationType.SUDDEN, act_date=act).nominees.get()
    service = draft(world, CommendationType.SERVICE, service_years=25).nominees.get()
    foreign = draft(world, CommendationType.FOREIGN, nationality="Lào").nominees.get()
    assert (sudden.act_date, service.service_years, foreign.nationality) == (act, 25, "Lào")


def test_a_regular_dossier_asks_for_none_of_them(world):
    assert draft(world, CommendationType.REGULAR).nominees.get().act_date is None
