"""Our own decisions fill the award history."""

import pytest

from nominations import services
from nominations.models import AwardRecord, DecisionOutcome, Person, RecordSource
from tests.workflows.helpers import complete, dossier_at

pytestmark = pytest.mark.django_db


def decide(world, dossier, outcome=DecisionOutcome.AWARDED):
    outcomes = {n.pk: (outcome, "Không đạt") for n in dossier.nominees.all()}
    return complete(
        dossier,
        "decide",
        world.chair,
        lambda: services.dossier_decide(
            actor=world.chair, dossier=dossier, outcomes=outcomes, signer_title="Chủ tịch"
        ),
    )


def test_an_awarded_individual_enters_the_history_with_the_decision(world):
    dossier = decide(world, dossier_at(world, "decide"))

    record = AwardRecord.objects.get()
    decision = dossier.decisions.get()
    assert record.person.full_name == "Nguyễn Văn An"
    assert record.person.unit == world.justice
    assert (record.award, record.year, record.source) == (world.award, 2020, RecordSource.DECISION)
    assert (record.decision, record.decision_reference) == (decision, decision.reference)
    assert dossier.nominees.get().person == record.person


def test_a_known_person_is_not_created_twice(world):
    known = Person.objects.create(full_name="Nguyễn Văn An", unit=world.justice)
    dossier = dossier_at(world, "decide")
    dossier.nominees.update(person=known)

    decide(world, dossier)

    assert Person.objects.count() == 1
    assert AwardRecord.objects.get().person == known


def test_a_nominee_not_awarded_leaves_no_record(world):
    decide(world, dossier_at(world, "decide"), outcome=DecisionOutcome.REJECTED)
    assert not AwardRecord.objects.exists()
