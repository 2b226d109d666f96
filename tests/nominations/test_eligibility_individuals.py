"""The conditions on an individual nominee, each judged by the rules of the dossier's year.

A 2020 dossier is judged by the 2003 law and Decree 91/2017; a 2024 one by Law 06/2022.
"""

import datetime

import pytest

from nominations.eligibility import Status, evaluate_dossier
from nominations.models import DisciplineLevel, InitiativeLevel
from tests.nominations.eligibility_factories import (
    BANG_KHEN,
    CSTD_NATIONAL,
    CSTD_PROVINCE,
    CSTDCS,
    LDTT,
    PersonFactory,
    conditions,
    disciplined,
    draft,
    holds,
    initiative,
    propose,
    registered,
)

pytestmark = pytest.mark.django_db

AN = "Nguyễn Văn An"


@pytest.fixture
def an(world):
    """Nguyễn Văn An, of the justice department, with some award history."""
    person = PersonFactory(full_name=AN, unit=world.justice)
    holds(person, LDTT, 2015)
    return person


@pytest.fixture
def submit(world):
    def submit(*nominees, year=2020):
        return draft(world.clerk, world.justice, world.district, *nominees, year=year)

    return submit


# --- no title in a year of discipline ---------------------------------------------------------


def test_without_discipline_the_title_is_not_barred(an, submit):
    found = conditions(submit(propose(AN, LDTT)), AN)["no-discipline"]
    assert found.status == Status.MET
    assert "2020" in found.reason


def test_discipline_in_the_year_bars_every_individual_title(an, submit):
    disciplined(an, DisciplineLevel.WARNING)
    for code in (LDTT, CSTDCS, CSTD_PROVINCE, CSTD_NATIONAL):
        found = conditions(submit(propose(AN, code)), AN)["no-discipline"]
        assert found.status == Status.NOT_MET
        assert str(DisciplineLevel.WARNING.label) in found.reason


def test_a_reprimand_the_mildest_form_already_bars_the_title_but_only_in_its_year(an, submit):
    disciplined(an, DisciplineLevel.REPRIMAND, year=2019)
    assert conditions(submit(propose(AN, LDTT)), AN)["no-discipline"].status == Status.MET

    disciplined(an, DisciplineLevel.REPRIMAND, year=2020)
    assert conditions(submit(propose(AN, LDTT)), AN)["no-discipline"].status == Status.NOT_MET


def test_discipline_is_judged_by_the_law_of_the_dossiers_year(an, submit):
    disciplined(an, DisciplineLevel.REPRIMAND, year=2024)
    found = conditions(submit(propose(AN, LDTT), year=2024), AN)["no-discipline"]
    assert found.status == Status.NOT_MET
    assert found.rule == "no-discipline/law-2022"
    assert "Luật TĐKT 2022" in found.source
    assert conditions(submit(propose(AN, LDTT)), AN)["no-discipline"].rule.endswith("law-2003")


# --- registration for the year's emulation ----------------------------------------------------


def test_a_registered_person_meets_the_registration_condition(an, submit):
    registered(an)
    found = conditions(submit(propose(AN, CSTDCS)), AN)["registration"]
    assert found.status == Status.MET
    assert "15/01/2020" in found.reason


def test_missing_registration_fails_when_the_units_registrations_are_on_record(an, submit, world):
    registered(PersonFactory(full_name="Lê Thị Bình", unit=world.justice))
    found = conditions(submit(propose(AN, LDTT)), AN)["registration"]
    assert found.status == Status.NOT_MET


def test_a_registration_for_another_year_does_not_count(an, submit):
    registered(an, year=2019)
    registered(PersonFactory(unit=an.unit))
    assert conditions(submit(propose(AN, LDTT)), AN)["registration"].status == Status.NOT_MET


def test_without_any_registration_of_the_unit_that_year_nobody_can_tell(an, submit):
    found = conditions(submit(propose(AN, LDTT)), AN)["registration"]
    assert found.status == Status.UNKNOWN
    assert "Phòng Tư pháp" in found.reason


def test_registration_is_judged_by_the_law_of_the_dossiers_year(an, submit):
    registered(an, year=2024)
    found = conditions(submit(propose(AN, LDTT), year=2024), AN)["registration"]
    assert (found.status, found.rule) == (Status.MET, "registration/law-2022")


def test_registration_is_not_asked_for_a_form_of_commendation(an, submit):
    assert conditions(submit(propose(AN, BANG_KHEN)), AN) == {}


# --- Lao động tiên tiến: task completion -------------------------------------------------------


def test_task_completion_for_lao_dong_tien_tien_is_never_guessed(an, submit):
    """The record keeps no assessment of task completion: this condition can only be "cannot
    tell", whatever else the record shows; the other conditions still pass or fail."""
    registered(an)
    found = conditions(submit(propose(AN, LDTT)), AN)
    assert found["ldtt-tasks"].status == Status.UNKNOWN
    assert found["registration"].status == Status.MET
    assert "2020" in found["ldtt-tasks"].reason


def test_task_completion_cites_the_law_of_the_dossiers_year(an, submit):
    old = conditions(submit(propose(AN, LDTT)), AN)["ldtt-tasks"]
    new = conditions(submit(propose(AN, LDTT), year=2024), AN)["ldtt-tasks"]
    assert (old.source, old.verified) == ("Luật TĐKT 2003, Điều 24", False)
    assert (new.source, new.verified) == ("Luật TĐKT 2022, Điều 24 khoản 1", True)


# --- Chiến sĩ thi đua cơ sở: Lao động tiên tiến that year ------------------------------------


def test_chien_si_thi_dua_co_so_needs_lao_dong_tien_tien_that_year(an, submit):
    holds(an, LDTT, 2020, reference="12/QĐ-UBND")
    found = conditions(submit(propose(AN, CSTDCS)), AN)["cstdcs-holds-ldtt"]
    assert found.status == Status.MET
    assert "12/QĐ-UBND" in found.reason
    assert found.source.startswith("Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3")


def test_lao_dong_tien_tien_of_the_year_before_does_not_count(an, submit):
    holds(an, LDTT, 2019)
    found = conditions(submit(propose(AN, CSTDCS)), AN)["cstdcs-holds-ldtt"]
    assert found.status == Status.NOT_MET


def test_a_revoked_title_does_not_count(an, submit):
    holds(an, LDTT, 2020)
    an.award_records.filter(year=2020).update(revoked_on=datetime.date(2021, 3, 1))
    found = conditions(submit(propose(AN, CSTDCS)), AN)["cstdcs-holds-ldtt"]
    assert found.status == Status.NOT_MET


def test_lao_dong_tien_tien_proposed_in_the_same_dossier_leaves_it_open(an, submit):
    dossier = submit(propose(AN, LDTT), propose(AN, CSTDCS))
    found = [
        finding
        for result in evaluate_dossier(dossier).nominees.values()
        for finding in result.findings
        if finding.rule.startswith("cstdcs-holds-ldtt")
    ]
    assert [finding.status for finding in found] == [Status.UNKNOWN]


def test_without_any_award_history_nobody_can_tell(world, submit):
    PersonFactory(full_name="Phạm Văn Mới", unit=world.justice)
    found = conditions(submit(propose("Phạm Văn Mới", CSTDCS)), "Phạm Văn Mới")
    assert found["cstdcs-holds-ldtt"].status == Status.UNKNOWN
    assert "Phạm Văn Mới" in found["cstdcs-holds-ldtt"].reason


def test_lao_dong_tien_tien_for_chien_si_thi_dua_co_so_under_law_2022(an, submit):
    holds(an, LDTT, 2024)
    found = conditions(submit(propose(AN, CSTDCS), year=2024), AN)["cstdcs-holds-ldtt"]
    assert (found.status, found.rule) == (Status.MET, "cstdcs-holds-ldtt/law-2022")
    assert not found.verified


# --- Chiến sĩ thi đua cơ sở: an initiative recognised that year --------------------------------


def test_a_base_level_initiative_that_year_meets_the_condition(an, submit):
    initiative(an, InitiativeLevel.BASE)
    found = conditions(submit(propose(AN, CSTDCS)), AN)["cstdcs-initiative"]
    assert found.status == Status.MET
    assert "Số hóa sổ hộ tịch" in found.reason


def test_without_an_initiative_decree_91_is_not_met(an, submit):
    found = conditions(submit(propose(AN, CSTDCS)), AN)["cstdcs-initiative"]
    assert found.status == Status.NOT_MET


def test_an_initiative_of_the_year_before_does_not_count_a_higher_level_does(an, submit):
    initiative(an, InitiativeLevel.BASE, year=2019)
    assert conditions(submit(propose(AN, CSTDCS)), AN)["cstdcs-initiative"].status == (
        Status.NOT_MET
    )
    initiative(an, InitiativeLevel.PROVINCE, year=2020)
    assert conditions(submit(propose(AN, CSTDCS)), AN)["cstdcs-initiative"].status == Status.MET


def test_under_law_2022_a_missing_initiative_cannot_be_held_against_the_nominee(an, submit):
    """Law 06/2022 art. 23, as translated, also accepts excellent task completion, which the
    record does not show: without an initiative nobody can tell."""
    found = conditions(submit(propose(AN, CSTDCS), year=2024), AN)["cstdcs-initiative"]
    assert (found.status, found.rule) == (Status.UNKNOWN, "cstdcs-initiative/law-2022")
    assert (found.source, found.verified) == ("Luật TĐKT 2022, Điều 23", False)


# --- Chiến sĩ thi đua cấp tỉnh: three consecutive base titles, a provincial initiative --------


def test_three_consecutive_base_titles_in_the_years_just_before(an, submit):
    holds(an, CSTDCS, 2017, 2018, 2019)
    found = conditions(submit(propose(AN, CSTD_PROVINCE)), AN)["cstd-province-titles"]
    assert found.status == Status.MET
    assert "2017, 2018, 2019" in found.reason
    assert found.source == "Luật TĐKT 2003 (sửa đổi 2013), Điều 22"


def test_a_gap_in_the_three_years_fails(an, submit):
    holds(an, CSTDCS, 2016, 2017, 2019)
    found = conditions(submit(propose(AN, CSTD_PROVINCE)), AN)["cstd-province-titles"]
    assert found.status == Status.NOT_MET
    assert "2017, 2019" in found.reason


def test_exactly_three_and_only_the_years_before_the_dossiers(an, submit):
    holds(an, CSTDCS, 2018, 2019, 2020)  # 2020 is the year considered, not one before it
    assert conditions(submit(propose(AN, CSTD_PROVINCE)), AN)["cstd-province-titles"].status == (
        Status.NOT_MET
    )
    holds(an, CSTDCS, 2017)
    assert conditions(submit(propose(AN, CSTD_PROVINCE)), AN)["cstd-province-titles"].status == (
        Status.MET
    )


def test_consecutive_base_titles_under_law_2022(an, submit):
    holds(an, CSTDCS, 2021, 2022, 2023)
    found = conditions(submit(propose(AN, CSTD_PROVINCE), year=2024), AN)["cstd-province-titles"]
    assert (found.status, found.rule) == (Status.MET, "cstd-province-titles/law-2022")


def test_a_provincial_initiative_in_the_years_counted(an, submit):
    initiative(an, InitiativeLevel.BASE, year=2019)
    found = conditions(submit(propose(AN, CSTD_PROVINCE)), AN)["cstd-province-initiative"]
    assert found.status == Status.NOT_MET
    initiative(an, InitiativeLevel.PROVINCE, year=2016)  # before the years counted
    found = conditions(submit(propose(AN, CSTD_PROVINCE)), AN)["cstd-province-initiative"]
    assert found.status == Status.NOT_MET
    initiative(an, InitiativeLevel.PROVINCE, year=2017)
    found = conditions(submit(propose(AN, CSTD_PROVINCE)), AN)["cstd-province-initiative"]
    assert found.status == Status.MET
    found = conditions(submit(propose(AN, CSTD_PROVINCE), year=2021), AN)
    assert found["cstd-province-initiative"].status == Status.NOT_MET  # 2017 is now too old


# --- Chiến sĩ thi đua toàn quốc: two consecutive provincial titles, a national initiative -----


def test_two_consecutive_provincial_titles_and_a_national_initiative(an, submit):
    holds(an, CSTD_PROVINCE, 2018, 2019)
    initiative(an, InitiativeLevel.NATIONAL, year=2019)
    found = conditions(submit(propose(AN, CSTD_NATIONAL)), AN)
    assert found["cstd-national-titles"].status == Status.MET
    assert found["cstd-national-initiative"].status == Status.MET


def test_one_provincial_title_and_a_provincial_initiative_are_not_enough(an, submit):
    holds(an, CSTD_PROVINCE, 2017, 2019)
    initiative(an, InitiativeLevel.PROVINCE, year=2019)
    found = conditions(submit(propose(AN, CSTD_NATIONAL)), AN)
    assert found["cstd-national-titles"].status == Status.NOT_MET
    assert found["cstd-national-initiative"].status == Status.NOT_MET


def test_exactly_two_provincial_titles_in_the_two_years_before(an, submit):
    holds(an, CSTD_PROVINCE, 2019, 2020)
    found = conditions(submit(propose(AN, CSTD_NATIONAL)), AN)["cstd-national-titles"]
    assert found.status == Status.NOT_MET
    found = conditions(submit(propose(AN, CSTD_NATIONAL), year=2021), AN)["cstd-national-titles"]
    assert found.status == Status.MET


def test_national_title_under_law_2022(an, submit):
    holds(an, CSTD_PROVINCE, 2022, 2023)
    found = conditions(submit(propose(AN, CSTD_NATIONAL), year=2024), AN)
    assert found["cstd-national-titles"].rule == "cstd-national-titles/law-2022"
    assert found["cstd-national-titles"].status == Status.MET
    assert found["cstd-national-initiative"].status == Status.NOT_MET
