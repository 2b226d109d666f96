"""Voting: who may, when, on what; a submitted ballot is final; drafts leave no trace."""

import json

import pytest

from nominations.council import seal, services, voting
from nominations.errors import DomainError, NotAllowed, StepOutOfOrder
from nominations.models import (
    BallotDraft,
    BallotMark,
    BallotParticipation,
    DossierStatus,
    Recusal,
    SealedBallot,
)
from tests.factories import grant
from tests.nominations.council.conftest import HELD_ON
from workflows import council_script


def marks_for(session, choice="agree", exclude=()):
    return {
        str(pk): choice for pk in session.items.exclude(pk__in=exclude).values_list("pk", flat=True)
    }


def test_a_member_changes_marks_freely_then_submits_once(world, voting_session):
    session = voting_session
    first = session.items.order_by("position").first()
    voting.ballot_save_draft(actor=world.member, session=session, marks={str(first.pk): "disagree"})
    voting.ballot_save_draft(actor=world.member, session=session, marks=marks_for(session))
    assert BallotDraft.objects.get().marks == marks_for(session)
    voting.ballot_submit(actor=world.member, session=session, marks=marks_for(session))
    # The draft is gone with the submission; the box holds a sealed ballot, nothing in clear.
    assert not BallotDraft.objects.exists()
    assert BallotParticipation.objects.filter(member=world.seats.member).count() == 1
    sealed = bytes(SealedBallot.objects.get().sealed)
    assert b"agree" not in sealed and json.dumps(marks_for(session)).encode() not in sealed
    assert seal.unseal(session.pk, sealed) == marks_for(session)
    with pytest.raises(voting.AlreadyVoted):
        voting.ballot_submit(actor=world.member, session=session, marks=marks_for(session, "no"))
    with pytest.raises(voting.AlreadyVoted):
        voting.ballot_save_draft(actor=world.member, session=session, marks={})
    assert BallotParticipation.objects.count() == SealedBallot.objects.count() == 1


def test_an_incomplete_ballot_is_refused_and_nothing_is_written(world, voting_session):
    first = voting_session.items.order_by("position").first()
    with pytest.raises(DomainError, match="not marked"):
        voting.ballot_submit(
            actor=world.member, session=voting_session, marks={str(first.pk): "agree"}
        )
    assert not BallotParticipation.objects.exists() and not SealedBallot.objects.exists()


@pytest.mark.parametrize("marks", [{"999999": "agree"}, {"abc": "agree"}, {"__all__": "agree"}])
def test_marks_on_items_not_on_the_agenda_are_refused(world, voting_session, marks):
    with pytest.raises(DomainError):
        voting.ballot_save_draft(actor=world.member, session=voting_session, marks=marks)


def test_an_unknown_choice_is_refused(world, voting_session):
    with pytest.raises(DomainError):
        voting.ballot_submit(
            actor=world.member, session=voting_session, marks=marks_for(voting_session, "yes")
        )


def test_someone_without_a_seat_has_no_ballot_even_with_the_role(world, voting_session):
    grant(world.outsider, world.district.unit, "council_member")
    for intruder in (world.outsider, world.clerk, world.province_chair):
        with pytest.raises(NotAllowed):
            voting.ballot_submit(
                actor=intruder, session=voting_session, marks=marks_for(voting_session)
            )
    assert not BallotParticipation.objects.exists()


def test_a_member_recorded_absent_votes_only_in_writing(world, convened, fourth_member):
    session = convened
    council_script.open_ballot(
        session,
        officer=world.officer,
        present=[world.seats.chair, world.seats.officer, world.seats.member],
    )
    with pytest.raises(NotAllowed, match="absent"):
        voting.ballot_submit(actor=fourth_member.user, session=session, marks=marks_for(session))
    # The secretariat enters the written ballot; it is one ballot, counted like the others.
    voting.written_ballot_enter(
        actor=world.officer,
        session=session,
        member=fourth_member,
        marks=marks_for(session, "disagree"),
    )
    with pytest.raises(voting.AlreadyVoted):
        voting.written_ballot_enter(
            actor=world.officer, session=session, member=fourth_member, marks=marks_for(session)
        )
    # Only the secretariat enters written ballots, and only for absent members.
    with pytest.raises(NotAllowed):
        voting.written_ballot_enter(
            actor=world.member, session=session, member=fourth_member, marks=marks_for(session)
        )
    with pytest.raises(DomainError, match="absent"):
        voting.written_ballot_enter(
            actor=world.officer,
            session=session,
            member=world.seats.member,
            marks=marks_for(session),
        )
    for seat in (world.seats.chair, world.seats.officer, world.seats.member):
        council_script.cast(session, seat)
    session = council_script.close_and_sign(session, officer=world.officer)
    first = session.items.order_by("position").first()
    assert (first.agree, first.disagree, first.base) == (3, 1, 4)
    assert session.participations.filter(kind="written").count() == 1


def test_voting_before_the_ballot_opens_or_after_it_closes_is_refused(world, convened):
    session = convened
    with pytest.raises(StepOutOfOrder):
        voting.ballot_submit(actor=world.member, session=session, marks=marks_for(session))
    seats = [world.seats.chair, world.seats.officer, world.seats.member]
    council_script.open_ballot(session, officer=world.officer, present=seats)
    council_script.cast(session, world.seats.chair)
    council_script.step(
        session,
        "close_ballot",
        world.officer,
        lambda: voting.council_session_close_ballot(actor=world.officer, session=session),
    )
    with pytest.raises(StepOutOfOrder):
        voting.ballot_submit(actor=world.member, session=session, marks=marks_for(session))
    # The closed box was opened into the one ballot's loose marks; the box is empty.
    assert BallotMark.objects.count() == session.items.count() and not SealedBallot.objects.exists()
    session.refresh_from_db()
    assert session.status == "counted"


def test_a_member_who_heads_the_nominees_unit_is_recused_and_cannot_mark_it(world, convened):
    grant(world.member, world.justice, "unit_head")  # the member heads the proposing unit
    session = convened
    seats = [world.seats.chair, world.seats.officer, world.seats.member]
    council_script.open_ballot(session, officer=world.officer, present=seats)
    recusals = Recusal.objects.filter(member=world.seats.member)
    assert recusals.count() == 2 and all(r.automatic for r in recusals)
    first = session.items.order_by("position").first()
    with pytest.raises(DomainError, match="recused"):
        voting.ballot_submit(actor=world.member, session=session, marks=marks_for(session))
    with pytest.raises(DomainError, match="recused"):
        voting.ballot_save_draft(
            actor=world.member, session=session, marks={str(first.pk): "agree"}
        )
    # Their ballot without those items is accepted; the item counts two votes of three members.
    voting.ballot_submit(actor=world.member, session=session, marks={})
    for seat in (world.seats.chair, world.seats.officer):
        council_script.cast(session, seat)
    session = council_script.close_and_sign(session, officer=world.officer)
    first.refresh_from_db()
    assert (first.agree, first.base) == (2, 3)  # kept in the total (the period's procedure)


def test_the_secretariat_records_a_recusal_before_the_ballot_opens_with_a_reason(world, convened):
    session = convened
    item = session.items.first()
    with pytest.raises(DomainError):
        services.recusal_record(
            actor=world.officer, session=session, item=item, member=world.seats.chair, reason="  "
        )
    with pytest.raises(NotAllowed):
        services.recusal_record(
            actor=world.member,
            session=session,
            item=item,
            member=world.seats.chair,
            reason="Người thân",
        )
    services.recusal_record(
        actor=world.officer,
        session=session,
        item=item,
        member=world.seats.chair,
        reason="Là người thân của người được đề nghị",
    )
    assert Recusal.objects.get().reason.startswith("Là người thân")


def test_an_agenda_takes_only_dossiers_awaiting_this_council(world, awaiting):
    from tests.workflows.helpers import dossier_at

    submitted = dossier_at(world, "secretariat_check")
    session = services.council_session_create(
        actor=world.officer, council=world.council, title="Phiên", held_on=HELD_ON
    )
    with pytest.raises(DomainError):
        services.council_session_set_agenda(
            actor=world.officer, session=session, dossiers=[submitted]
        )
    with pytest.raises(NotAllowed):
        services.council_session_set_agenda(
            actor=world.member, session=session, dossiers=[awaiting]
        )
    services.council_session_set_agenda(actor=world.officer, session=session, dossiers=[awaiting])
    # The same dossier cannot sit on two open sessions at once.
    other = services.council_session_create(
        actor=world.officer, council=world.council, title="Phiên 2", held_on=HELD_ON
    )
    with pytest.raises(DomainError):
        services.council_session_set_agenda(actor=world.officer, session=other, dossiers=[awaiting])


def test_without_a_quorum_the_dossiers_wait_for_another_session(world, awaiting):
    from tests.factories import council_procedure

    council_procedure(quorum_share="0.667")
    session = council_script.run_session(
        officer=world.officer,
        council=world.council,
        dossiers=[awaiting],
        held_on=HELD_ON,
        present=[world.seats.chair],
    )
    assert session.quorum_met is False and session.status == "closed"
    awaiting.refresh_from_db()
    assert awaiting.status == DossierStatus.AWAITING_COUNCIL
    # Nothing passed, and the record says how many were present out of how many.
    assert all(
        not i.passed and "1" in i.explanation and "3" in i.explanation for i in session.items.all()
    )
    # A new session can take the dossier, and this time its outcome goes through.
    again = council_script.run_session(
        officer=world.officer, council=world.council, dossiers=[awaiting], held_on=HELD_ON
    )
    awaiting.refresh_from_db()
    assert again.quorum_met and awaiting.status == DossierStatus.AWAITING_DECISION


def test_a_draft_is_sealed_too_while_the_member_marks(world, voting_session):
    first = voting_session.items.order_by("position").first()
    voting.ballot_save_draft(
        actor=world.member, session=voting_session, marks={str(first.pk): "disagree"}
    )
    stored = bytes(BallotDraft.objects.get().sealed)
    assert b"disagree" not in stored
    assert BallotDraft.objects.get().marks == {str(first.pk): "disagree"}
