"""Conditions on a collective (its members) and on a unit as a whole (the quota of Chiến sĩ thi
đua cơ sở), across all the unit's dossiers of the year."""

import pytest

from nominations.eligibility import Status
from nominations.models import DisciplineLevel, DossierStatus
from nominations.roles import Role
from tests.factories import UnitFactory, UserFactory, grant
from tests.nominations.eligibility_factories import (
    CSTDCS,
    LDTT,
    TTLDTT,
    PersonFactory,
    conditions,
    disciplined,
    draft,
    holds,
    propose,
    quota,
    registered,
)

pytestmark = pytest.mark.django_db

TEAM = "Tổ hòa giải"


@pytest.fixture
def team(world):
    """A team under the justice department, proposed by it as a collective."""
    return UnitFactory(code="to-hoa-giai", name=TEAM, parent=world.justice)


def members(unit, count, *, holding=0, year=2020):
    people = [PersonFactory(unit=unit) for _ in range(count)]
    for person in people[:holding]:
        holds(person, LDTT, year)
    return people


@pytest.fixture
def submit(world):
    def submit(*nominees, year=2020, clerk=None, unit=None):
        return draft(
            clerk or world.clerk, unit or world.justice, world.district, *nominees, year=year
        )

    return submit


# --- Tập thể lao động tiên tiến: more than half of the members hold Lao động tiên tiến ---------


def test_more_than_half_of_the_members_hold_lao_dong_tien_tien(team, submit):
    members(team, 5, holding=3)
    found = conditions(submit(propose(TEAM, TTLDTT)), TEAM)["ttldtt-members-ldtt"]
    assert found.status == Status.MET
    assert "3" in found.reason and "5" in found.reason and "60" in found.reason
    assert found.source == "Luật TĐKT 2003, Điều 28 khoản 1 điểm c"


def test_fewer_than_half_fails(team, submit):
    members(team, 5, holding=2)
    found = conditions(submit(propose(TEAM, TTLDTT)), TEAM)["ttldtt-members-ldtt"]
    assert found.status == Status.NOT_MET


def test_exactly_half_is_not_more_than_half(team, submit):
    members(team, 4, holding=2)
    assert conditions(submit(propose(TEAM, TTLDTT)), TEAM)["ttldtt-members-ldtt"].status == (
        Status.NOT_MET
    )
    members(team, 1, holding=1)  # 3 of 5
    assert conditions(submit(propose(TEAM, TTLDTT)), TEAM)["ttldtt-members-ldtt"].status == (
        Status.MET
    )


def test_members_proposed_in_an_open_dossier_leave_it_open(team, submit, world):
    people = members(team, 4, holding=2)
    clerk = UserFactory(username="vanthu.hoagiai")
    grant(clerk, team, Role.UNIT_CLERK)
    draft(clerk, team, world.district, *(propose(person.full_name, LDTT) for person in people[2:]))
    found = conditions(submit(propose(TEAM, TTLDTT)), TEAM)["ttldtt-members-ldtt"]
    assert found.status == Status.UNKNOWN


def test_without_members_or_their_titles_on_record_nobody_can_tell(team, submit):
    assert conditions(submit(propose(TEAM, TTLDTT)), TEAM)["ttldtt-members-ldtt"].status == (
        Status.UNKNOWN
    )
    members(team, 3)
    assert conditions(submit(propose(TEAM, TTLDTT)), TEAM)["ttldtt-members-ldtt"].status == (
        Status.UNKNOWN
    )


def test_the_members_share_under_law_2022(team, submit):
    members(team, 3, holding=2, year=2024)
    found = conditions(submit(propose(TEAM, TTLDTT), year=2024), TEAM)["ttldtt-members-ldtt"]
    assert (found.status, found.rule) == (Status.MET, "ttldtt-members-ldtt/law-2022")
    assert not found.verified


# --- Tập thể lao động tiên tiến: nobody disciplined at warning or above ------------------------


def test_no_member_disciplined(team, submit):
    members(team, 3, holding=2)
    found = conditions(submit(propose(TEAM, TTLDTT)), TEAM)["ttldtt-members-discipline"]
    assert found.status == Status.MET


def test_a_member_warned_bars_the_collective_title(team, submit):
    disciplined(members(team, 3, holding=2)[0], DisciplineLevel.WARNING)
    found = conditions(submit(propose(TEAM, TTLDTT)), TEAM)["ttldtt-members-discipline"]
    assert found.status == Status.NOT_MET
    assert "1" in found.reason


def test_a_reprimand_is_below_warning_and_does_not_bar_it(team, submit):
    people = members(team, 3, holding=2)
    disciplined(people[0], DisciplineLevel.REPRIMAND)
    disciplined(people[1], DisciplineLevel.DISMISSAL, year=2019)
    found = conditions(submit(propose(TEAM, TTLDTT)), TEAM)["ttldtt-members-discipline"]
    assert found.status == Status.MET


def test_members_discipline_under_law_2022(team, submit):
    disciplined(members(team, 3)[0], DisciplineLevel.DEMOTION, year=2024)
    found = conditions(submit(propose(TEAM, TTLDTT), year=2024), TEAM)
    assert found["ttldtt-members-discipline"].status == Status.NOT_MET
    assert found["ttldtt-members-discipline"].rule == "ttldtt-members-discipline/law-2022"


def test_the_collective_registration(team, submit):
    members(team, 3, holding=2)
    registered(unit=team)
    found = conditions(submit(propose(TEAM, TTLDTT)), TEAM)["registration"]
    assert found.status == Status.MET


# --- quota: Chiến sĩ thi đua cơ sở at most 15 % of the unit's Lao động tiên tiến holders --------


def holders(world, count, year=2020):
    return members(world.justice, count, holding=count, year=year)


def test_twenty_holders_allow_three(world, submit):
    people = holders(world, 20)
    dossier = submit(*(propose(person.full_name, CSTDCS) for person in people[:3]))
    found = quota(dossier)
    assert found.status == Status.MET
    assert "20" in found.reason and "3" in found.reason
    assert found.source == "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3"


def test_twenty_holders_do_not_allow_four(world, submit):
    people = holders(world, 20)
    dossier = submit(*(propose(person.full_name, CSTDCS) for person in people[:4]))
    found = quota(dossier)
    assert found.status == Status.NOT_MET
    assert "4" in found.reason


def test_the_quota_counts_the_units_other_dossiers_of_the_year(world, submit):
    people = holders(world, 20)
    first = submit(*(propose(person.full_name, CSTDCS) for person in people[:2]))
    assert quota(first).status == Status.MET
    second = submit(*(propose(person.full_name, CSTDCS) for person in people[2:4]))
    assert quota(second).status == Status.NOT_MET
    assert quota(first).status == Status.NOT_MET  # the four proposals, seen from either one


def test_the_quota_ignores_other_years_other_units_and_refused_proposals(world, submit):
    people = holders(world, 20)
    submit(*(propose(person.full_name, CSTDCS) for person in people[:3]), year=2019)
    health = [PersonFactory(unit=world.health) for _ in range(3)]
    submit(
        *(propose(person.full_name, CSTDCS) for person in health),
        clerk=world.other_clerk,
        unit=world.health,
    )
    refused = submit(*(propose(person.full_name, CSTDCS) for person in people[3:6]))
    refused.status = DossierStatus.CLOSED  # decided, nobody awarded
    refused.save(update_fields=["status"])
    dossier = submit(*(propose(person.full_name, CSTDCS) for person in people[6:9]))
    assert quota(dossier).status == Status.MET


def test_titles_already_on_record_count_against_the_quota(world, submit):
    people = holders(world, 20)
    for person in people[:2]:
        holds(person, CSTDCS, 2020)
    dossier = submit(*(propose(person.full_name, CSTDCS) for person in people[2:4]))
    assert quota(dossier).status == Status.NOT_MET


def test_without_holders_on_record_the_quota_cannot_be_told(world, submit):
    people = members(world.justice, 20)
    dossier = submit(propose(people[0].full_name, CSTDCS))
    assert quota(dossier).status == Status.UNKNOWN


def test_holders_proposed_in_the_same_dossier_leave_the_quota_open(world, submit):
    people = holders(world, 10)  # 10 hold it: at most 1
    newcomers = members(world.justice, 10)  # 10 more proposed now: at most 3 if awarded
    dossier = submit(
        *(propose(person.full_name, LDTT) for person in newcomers),
        *(propose(person.full_name, CSTDCS) for person in people[:2]),
    )
    found = quota(dossier)
    assert found.status == Status.UNKNOWN
    assert "10" in found.reason


def test_the_quota_under_decrees_98_and_152(world, submit):
    people = holders(world, 20, year=2024)
    dossier = submit(*(propose(person.full_name, CSTDCS) for person in people[:4]), year=2024)
    found = quota(dossier)
    assert (found.status, found.rule, found.verified) == (
        Status.NOT_MET,
        "cstdcs-quota/decree-98",
        False,
    )
    holders(world, 20, year=2025)
    dossier = submit(propose(people[0].full_name, CSTDCS), year=2025)
    assert quota(dossier).rule == "cstdcs-quota/decree-152"
