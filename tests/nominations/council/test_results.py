"""Counting and signing: who may sign, when, and once; nothing crosses from another session."""

import pytest

from nominations.council import results, services, voting
from nominations.errors import DomainError, NotAllowed, StepOutOfOrder
from nominations.models import DossierStatus, Recusal
from tests.factories import nominee
from tests.workflows.helpers import convene, dossier_at
from workflows import council_script


@pytest.fixture
def counted(world, voting_session):
    for seat in (world.seats.chair, world.seats.officer, world.seats.member):
        council_script.cast(voting_session, seat)
    voting.council_session_close_ballot(actor=world.officer, session=voting_session)
    voting_session.refresh_from_db()
    return voting_session


def test_a_plain_member_cannot_sign_the_minutes(world, counted):
    results.council_minutes_generate(session_id=counted.pk)
    with pytest.raises(NotAllowed):
        results.council_session_sign_minutes(actor=world.member, session=counted)
    counted.refresh_from_db()
    assert counted.status == "counted" and counted.minutes_signed_at is None


def test_the_minutes_are_signed_only_once_they_exist_and_only_once(world, counted, awaiting):
    with pytest.raises(DomainError, match="still being generated"):
        results.council_session_sign_minutes(actor=world.chair, session=counted)
    results.council_minutes_generate(session_id=counted.pk)
    assert results.council_minutes_generate(session_id=counted.pk) is False  # done already
    results.council_session_sign_minutes(actor=world.chair, session=counted)
    with pytest.raises(StepOutOfOrder):
        results.council_session_sign_minutes(actor=world.chair, session=counted)
    awaiting.refresh_from_db()
    assert awaiting.status == DossierStatus.AWAITING_DECISION
    assert awaiting.attachments.filter(kind="council_minutes").count() == 1


def test_the_ballot_cannot_be_closed_twice_nor_by_a_member(world, voting_session):
    with pytest.raises(NotAllowed):
        voting.council_session_close_ballot(actor=world.member, session=voting_session)
    voting.council_session_close_ballot(actor=world.officer, session=voting_session)
    with pytest.raises(StepOutOfOrder):
        voting.council_session_close_ballot(actor=world.officer, session=voting_session)


def test_a_recusal_cannot_name_another_sessions_nominee(world, convened):
    other = convene(world, [dossier_at(world, "council_review", nominees=[nominee("Võ Văn C")])])
    with pytest.raises(DomainError, match="not part of this session"):
        services.recusal_record(
            actor=world.officer,
            session=convened,
            item=other.items.get(),
            member=world.seats.chair,
            reason="Người thân",
        )
    assert not Recusal.objects.exists()


def test_no_written_ballot_before_the_ballot_opens(world, convened):
    with pytest.raises(StepOutOfOrder):
        voting.written_ballot_enter(
            actor=world.officer, session=convened, member=world.seats.member, marks={}
        )


def test_recusal_reasons_are_kept_in_the_official_language(world, awaiting, convened):
    from tests.factories import grant

    grant(world.member, world.justice, "unit_head")
    council_script.open_ballot(
        convened, officer=world.officer, present=[world.seats.chair, world.seats.member]
    )  # the tests here read messages in English; the record stays Vietnamese
    reasons = set(Recusal.objects.values_list("reason", flat=True))
    assert reasons and all("unit" not in reason for reason in reasons)
