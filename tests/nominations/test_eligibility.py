"""The eligibility engine as a whole: dated rules, the identity link made when drafting, what it
says when it cannot tell, its fixed number of queries, and the panel on the dossier's pages.

Each rule's own cases: test_eligibility_individuals.py, test_eligibility_collectives.py.
"""

import datetime
import unicodedata

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nominations import services
from nominations.eligibility import (
    RULES,
    Status,
    evaluate_dossier,
    evaluate_nominees,
    link_nominees,
)
from nominations.models import DisciplineLevel, InitiativeLevel, Nominee
from nominations.roles import Role
from tests.factories import UnitFactory, UserFactory, create_dossier, grant
from tests.nominations.eligibility_factories import (
    BANG_KHEN,
    CSTD_NATIONAL,
    CSTD_PROVINCE,
    CSTDCS,
    LDTT,
    TTLDTT,
    PersonFactory,
    conditions,
    disciplined,
    draft,
    holds,
    initiative,
    propose,
    registered,
)
from tests.workflows.helpers import dossier_at
from workflows.engine import open_step

pytestmark = pytest.mark.django_db

NHUNG = "Nguyễn Thị Hồng Nhung"


@pytest.fixture
def submit(world):
    def submit(*nominees, year=2020):
        return draft(world.clerk, world.justice, world.district, *nominees, year=year)

    return submit


# --- the rules are dated and sourced --------------------------------------------------------


def test_every_rule_has_a_title_a_source_a_period_and_the_awards_it_applies_to():
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert str(rule.title) and rule.source and rule.periods and rule.awards


def test_only_what_was_read_in_the_legal_text_or_official_answers_is_marked_verified():
    assert {rule.code for rule in RULES if rule.verified} == {
        "ldtt-tasks/law-2022",
        "cstdcs-holds-ldtt/decree-91",
        "cstdcs-initiative/decree-91",
        "cstdcs-quota/decree-91",
        "cstd-province-titles/law-2003",
        "cstd-province-initiative/law-2003",
        "cstd-national-titles/law-2003",
        "cstd-national-initiative/law-2003",
        "ttldtt-members-ldtt/law-2003",
        "ttldtt-members-discipline/law-2003",
    }


def test_a_years_achievements_are_judged_by_the_rules_in_force_at_its_end():
    def codes(year):
        return {rule.code for rule in RULES if rule.in_force_on(datetime.date(year, 12, 31))}

    assert "cstdcs-quota/decree-91" in codes(2020)  # the seed's movement
    assert "cstdcs-quota/decree-91" in codes(2023)
    assert "cstdcs-quota/decree-98" in codes(2024)
    assert "cstdcs-quota/decree-152" in codes(2025)  # Decree 152 from 01/07/2025
    assert not {code for code in codes(2024) if code.endswith("law-2003")}


# --- the identity link, made when the dossier is drafted ---------------------------------------


def test_a_nominee_is_linked_to_the_one_person_of_the_unit_bearing_the_name(world, submit):
    nhung = PersonFactory(full_name=NHUNG, unit=world.justice)
    PersonFactory(full_name=NHUNG, unit=world.health)  # another unit's namesake
    dossier = submit(
        propose(unicodedata.normalize("NFD", NHUNG), LDTT),
        propose("nguyen thi hong nhung", CSTDCS),
    )
    assert {n.person_id for n in dossier.nominees.all()} == {nhung.pk}


def test_a_collective_is_linked_to_the_proposing_unit_or_a_unit_under_it(world, submit):
    team = UnitFactory(code="to-hoa-giai", name="Tổ hòa giải", parent=world.justice)
    dossier = submit(propose("Tổ Hòa Giải", TTLDTT), propose("Phòng Tư pháp", TTLDTT))
    assert {n.full_name: n.collective_id for n in dossier.nominees.all()} == {
        "Tổ Hòa Giải": team.pk,
        "Phòng Tư pháp": world.justice.pk,
    }


def test_editing_the_dossier_links_the_nominees_it_adds(world, submit):
    dossier = submit(propose("Lê Văn Cường", LDTT))
    cuong = PersonFactory(full_name="Lê Văn Cường", unit=world.justice)
    dossier = services.dossier_update(
        actor=world.clerk,
        dossier=dossier,
        title=dossier.title,
        commendation_type=dossier.commendation_type,
        year=dossier.year,
        nominees=[propose("Lê Văn Cường", LDTT), propose(NHUNG, LDTT)],
    )
    linked = {n.full_name: n.person_id for n in dossier.nominees.all()}
    assert linked == {"Lê Văn Cường": cuong.pk, NHUNG: None}


def test_linking_fifty_nominees_takes_as_many_queries_as_five(world, submit):
    people = [PersonFactory(unit=world.justice) for _ in range(50)]
    counts = []
    for size in (5, 50):
        dossier = submit(*(propose(person.full_name, LDTT) for person in people[:size]))
        dossier.nominees.update(person=None)
        with CaptureQueriesContext(connection) as queries:
            assert link_nominees(dossier=dossier) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_without_a_record_of_the_person_nobody_can_tell(world, submit):
    found = evaluate_dossier(submit(propose(NHUNG, CSTDCS))).nominees
    findings = next(iter(found.values())).findings
    assert {finding.status for finding in findings} == {Status.UNKNOWN}
    assert findings[0].rule == "identity"
    assert NHUNG in findings[0].reason and "Phòng Tư pháp" in findings[0].reason
    assert len(findings) == 1 + 4  # and each condition of the title, unchecked


def test_two_people_of_the_same_name_are_not_guessed_between(world, submit):
    PersonFactory(full_name=NHUNG, unit=world.justice, job_title="Chuyên viên")
    PersonFactory(full_name=NHUNG, unit=world.justice, job_title="Văn thư")  # a true namesake
    dossier = submit(propose(NHUNG, LDTT))
    assert dossier.nominees.get().person_id is None
    found = conditions(dossier, NHUNG)["identity"]
    assert found.status == Status.UNKNOWN
    assert found.reason.startswith("2 ")
    assert NHUNG in found.reason


def test_two_units_of_the_same_name_are_not_guessed_between(world, submit):
    for code in ("to-1", "to-2"):
        UnitFactory(code=code, name="Tổ công tác", parent=world.justice)
    dossier = submit(propose("Tổ công tác", TTLDTT))
    assert dossier.nominees.get().collective_id is None
    assert conditions(dossier, "Tổ công tác")["identity"].reason.startswith("2 ")


def test_an_award_without_conditions_on_record_gets_no_finding(world, submit):
    assert conditions(submit(propose(NHUNG, BANG_KHEN)), NHUNG) == {}


def test_a_year_before_the_periods_catalogued_is_not_judged(world, submit):
    PersonFactory(full_name=NHUNG, unit=world.justice)
    evaluation = evaluate_dossier(submit(propose(NHUNG, LDTT), year=2016))
    assert not evaluation.covered
    assert [result.findings for result in evaluation.nominees.values()] == [[]]


# --- many nominees, a fixed number of queries ---------------------------------------------------


def crowd(world, size, *, tag):
    """`size` nominees of every kind: linked people with history, a collective, an unknown."""
    unit = UnitFactory(code=f"unit-{tag}", name=f"Phòng {tag}", parent=world.justice.parent)
    team = UnitFactory(code=f"team-{tag}", name=f"Tổ {tag}", parent=unit)
    clerk = UserFactory(username=f"clerk-{tag}")
    grant(clerk, unit, Role.UNIT_CLERK)
    codes = [LDTT, CSTDCS, CSTD_PROVINCE, CSTD_NATIONAL]
    nominees = [propose(f"Tổ {tag}", TTLDTT), propose(f"Người lạ {tag}", LDTT)]
    for index in range(size - 2):
        person = PersonFactory(unit=unit)
        holds(person, LDTT, 2019, 2020)
        holds(person, CSTDCS, 2017, 2018, 2019)
        registered(person)
        initiative(person, InitiativeLevel.PROVINCE)
        disciplined(PersonFactory(unit=team), DisciplineLevel.WARNING)
        nominees.append(propose(person.full_name, codes[index % len(codes)]))
    return draft(clerk, unit, world.district, *nominees)


def test_fifty_nominees_take_as_many_queries_as_five(world):
    small, large = crowd(world, 5, tag="nho"), crowd(world, 50, tag="lon")
    with CaptureQueriesContext(connection) as five:
        evaluate_dossier(small)
    with CaptureQueriesContext(connection) as fifty:
        evaluation = evaluate_dossier(large)
    assert len(fifty) == len(five) <= 15
    statuses = {f.status for result in evaluation.nominees.values() for f in result.findings}
    assert statuses == {Status.MET, Status.NOT_MET, Status.UNKNOWN}


def test_nominees_of_several_dossiers_are_judged_together(world):
    dossiers = [crowd(world, 6, tag=f"d{index}") for index in range(3)]
    nominees = list(Nominee.objects.filter(dossier__in=dossiers))
    evaluation = evaluate_nominees(nominees, 2020)
    assert set(evaluation.nominees) == {n.pk for n in nominees}
    assert set(evaluation.units) == {dossier.unit_id for dossier in dossiers}


# --- the panel on the dossier's pages -----------------------------------------------------------


def panel_of(response) -> str:
    page = response.content.decode()
    anchor = page.find('id="eligibility"')
    if anchor < 0:
        return ""
    return page[page.rfind("<section", 0, anchor) : page.find("</section>", anchor)]


def test_the_clerk_sees_each_nominees_conditions_and_the_quota_on_the_dossier_page(world, login):
    an = PersonFactory(full_name="Nguyễn Văn An", unit=world.justice)
    holds(an, LDTT, 2020)
    dossier = create_dossier(
        clerk=world.clerk,
        unit=world.justice,
        authority=world.district,
        nominees=[propose("Nguyễn Văn An", CSTDCS), propose(NHUNG, LDTT)],
    )
    panel = panel_of(login(world.clerk).get(reverse("dossier_detail", args=[dossier.pk])))
    assert '<section class="card' in panel and "<h2" in panel
    assert "Nguyễn Văn An" in panel and NHUNG in panel
    assert "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3" in panel  # the article cited
    assert "finding-met" in panel and "finding-not_met" in panel and "finding-unknown" in panel
    for status in Status:  # said in words, not colour alone
        assert str(status.label) in panel


@pytest.mark.parametrize(
    "step, person",
    [
        ("prepare", "clerk"),
        ("head_review", "head"),
        ("secretariat_check", "officer"),
        ("decide", "chair"),
    ],
)
def test_the_panel_is_on_every_step_page(world, login, step, person):
    dossier = dossier_at(world, step)
    client = login(getattr(world, person))
    client.post(reverse("task_take", args=[open_step(dossier, step).pk]))
    response = client.get(reverse("task_detail", args=[open_step(dossier, step).pk]))
    assert response.status_code == 200
    assert "finding-" in panel_of(response)


def test_another_units_user_gets_a_404_page_without_the_panel(world, login):
    dossier = create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)
    response = login(world.other_clerk).get(reverse("dossier_detail", args=[dossier.pk]))
    assert response.status_code == 404
    assert not panel_of(response)


def test_the_panel_shows_nothing_to_a_reader_without_the_right(world):
    dossier = create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)
    request = RequestFactory().get("/")
    template = Template("{% load dossier_panels %}{% eligibility_panel dossier %}")
    for user, shown in ((world.clerk, True), (world.other_clerk, False)):
        request.user = user
        html = template.render(Context({"request": request, "dossier": dossier}))
        assert ('id="eligibility"' in html) is shown


def test_a_name_with_other_diacritics_is_another_person(world, submit):
    PersonFactory(full_name="Nguyễn Văn Ân", unit=world.justice)
    dossier = submit(propose("Nguyễn Văn An", LDTT))
    assert dossier.nominees.get().person_id is None


def test_diacritics_tell_namesakes_apart(world, submit):
    nhung = PersonFactory(full_name=NHUNG, unit=world.justice)
    PersonFactory(full_name="Nguyễn Thị Hồng Nhưng", unit=world.justice)
    dossier = submit(propose(NHUNG, LDTT))
    assert dossier.nominees.get().person_id == nhung.pk
