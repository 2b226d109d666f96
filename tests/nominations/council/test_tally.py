"""The count at each rule's boundary, under the dated parameters of two legal periods."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from nominations.council.rules import VotingRule, VotingRules
from nominations.council.tally import ItemCount, Turnout, decide_item, quorum_met
from nominations.models import Award, BallotBase, BallotComparison, CouncilBallotShare


def rule(share="0.9", comparison=BallotComparison.AT_LEAST, base=BallotBase.ALL_MEMBERS, **kw):
    values = {
        "written_ballots_count": True,
        "recused_in_base": True,
        "quorum_share": None,
        "source": "NĐ 91 Điều 45(8)",
        "verified": True,
        **kw,
    }
    return VotingRule(share=Decimal(share), comparison=comparison, base=base, **values)


def count(agree, disagree=0, abstain=0, recused=0, recused_voters=0):
    return ItemCount(agree, disagree, abstain, recused, recused_voters)


TEN_PRESENT = Turnout(total_members=10, present=10, written=0, ballots=10)


def test_ninety_percent_of_all_members_is_reached_exactly_at_nine_of_ten():
    result = decide_item(rule(), count(9, 1), TEN_PRESENT)
    assert result.passed and result.base == 10
    assert "9" in result.explanation and "90 %" in result.explanation


def test_one_vote_below_the_threshold_fails():
    assert not decide_item(rule(), count(8, 2), TEN_PRESENT).passed


def test_absent_members_count_in_the_total_even_without_a_ballot():
    # 9 present all agree, one absent sent nothing: 9/10 = 90 % of all members.
    turnout = Turnout(total_members=10, present=9, written=0, ballots=9)
    assert decide_item(rule(), count(9), turnout).passed
    # With 8 present only, the same unanimity is 80 % of all members.
    turnout = Turnout(total_members=10, present=8, written=0, ballots=8)
    assert not decide_item(rule(), count(8), turnout).passed


def test_written_ballots_of_absent_members_are_counted_with_the_others():
    turnout = Turnout(total_members=10, present=8, written=2, ballots=10)
    assert decide_item(rule(), count(9, 1), turnout).passed


def test_a_unit_set_share_of_two_thirds_of_those_who_voted():
    two_thirds = rule("0.667", base=BallotBase.PRESENT)
    turnout = Turnout(total_members=12, present=9, written=0, ballots=9)
    assert decide_item(two_thirds, count(6, 3), turnout).passed  # 6/9 = 66.7 %
    assert not decide_item(two_thirds, count(5, 4), turnout).passed


def test_a_tie_fails_a_majority_rule():
    majority = rule("0.5", comparison=BallotComparison.MORE_THAN)
    assert not decide_item(majority, count(5, 5), TEN_PRESENT).passed
    assert decide_item(majority, count(6, 4), TEN_PRESENT).passed


def test_a_recused_member_stays_in_the_total_or_not_as_the_rule_says():
    kept = rule(recused_in_base=True)
    dropped = rule(recused_in_base=False)
    nine_voting = count(9, 0, 0, recused=1, recused_voters=1)
    assert decide_item(kept, nine_voting, TEN_PRESENT).base == 10
    assert decide_item(dropped, nine_voting, TEN_PRESENT).base == 9
    assert not decide_item(rule("1.0", recused_in_base=True), nine_voting, TEN_PRESENT).passed
    assert decide_item(rule("1.0", recused_in_base=False), nine_voting, TEN_PRESENT).passed


def test_without_a_quorum_nothing_passes_and_the_minutes_say_why():
    with_quorum = rule("0.5", comparison=BallotComparison.MORE_THAN, quorum_share=Decimal("0.667"))
    six_of_ten = Turnout(total_members=10, present=6, written=0, ballots=6)
    assert not quorum_met(Decimal("0.667"), six_of_ten)
    result = decide_item(with_quorum, count(6), six_of_ten)
    assert not result.passed and "6" in result.explanation and "10" in result.explanation


@pytest.fixture
def catalogue(db):
    call_command("load_award_catalogue", verbosity=0)


def _rules(world, day):
    return VotingRules(world.council, day)


def test_the_same_session_is_judged_by_the_procedure_of_its_day(world, catalogue):
    """Six of ten present, all agree on a Giấy khen: no quorum rule under Decree 91 (2020),
    two thirds present needed from 2024 (Decree 98, as carried in the catalogue)."""
    award = Award.objects.get(code="giay-khen-ca-nhan")
    six_of_ten = Turnout(total_members=10, present=6, written=0, ballots=6)
    in_2020 = _rules(world, datetime.date(2020, 8, 25)).for_award(award)
    in_2024 = _rules(world, datetime.date(2024, 8, 26)).for_award(award)
    assert decide_item(in_2020, count(6), six_of_ten).passed
    assert not decide_item(in_2024, count(6), six_of_ten).passed


def test_the_provincial_title_needs_ninety_percent_of_all_members_under_decree_91(world, catalogue):
    award = Award.objects.get(code="chien-si-thi-dua-cap-tinh")
    voting_rule = _rules(world, datetime.date(2020, 8, 25)).for_award(award)
    assert (voting_rule.share, voting_rule.base) == (Decimal("0.900"), BallotBase.ALL_MEMBERS)
    assert "45(8)" in voting_rule.source


def test_the_authority_sets_its_own_share_for_the_base_level_title(world, catalogue):
    award = Award.objects.get(code="chien-si-thi-dua-co-so")
    day = datetime.date(2020, 8, 25)
    assert _rules(world, day).for_award(award).share == Decimal("0.500")  # the default
    CouncilBallotShare.objects.create(
        council=world.council,
        award=award,
        share=Decimal("0.667"),
        valid_from=datetime.date(2020, 1, 1),
        source="Quy chế hoạt động của Hội đồng, Quyết định số 12/QĐ-UBND",
    )
    own = _rules(world, day).for_award(award)
    assert own.share == Decimal("0.667") and "Quy chế" in own.source
    # Before the authority's own rule, the default applied.
    assert _rules(world, datetime.date(2019, 12, 1)).for_award(award).share == Decimal("0.500")
