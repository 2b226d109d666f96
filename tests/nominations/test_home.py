"""The home page: one section per role the person holds, each a short list and a way on."""

import datetime
import re
from functools import partial

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nominations import services
from nominations.council import voting
from nominations.models import Dossier, DossierStatus
from tests.factories import create_dossier, nominee
from tests.workflows.helpers import complete, convene, dossier_at
from workflows import council_script

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
HELD_ON = datetime.date(2020, 8, 25)
SECTION = re.compile(r'<section class="card home-(\w+)".*?</section>', re.S)


def home(client):
    response = client.get(reverse("home"), **EN)
    assert response.status_code == 200
    return response


def sections(response) -> dict[str, str]:
    """The page's role sections by name (clerk, head, secretariat, council, authority)."""
    html = response.content.decode()
    return {match.group(1): match.group(0) for match in SECTION.finditer(html)}


def titled(dossier, title):
    Dossier.objects.filter(pk=dossier.pk).update(title=title)
    dossier.title = title
    return dossier


def drafted(world, title, *, clerk=None, unit=None):
    return create_dossier(
        clerk=clerk or world.clerk,
        unit=unit or world.justice,
        authority=world.district,
        title=title,
    )


def sent_back_by_head(world, title, reason):
    dossier = titled(dossier_at(world, "head_review"), title)
    complete(
        dossier,
        "head_review",
        world.head,
        partial(services.dossier_head_send_back, actor=world.head, dossier=dossier, reason=reason),
    )
    return dossier


def chart_figures(section_html) -> dict[str, int]:
    """The chart's figures as its text table gives them: state label -> count."""
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', section_html)
    return {label: int(n) for label, n in rows}


def chart_bars(section_html) -> dict[str, int]:
    """The figure drawn beside each bar of the SVG chart, by state."""
    bars = re.findall(
        r'<g class="bar bar-(\w+)">.*?font-weight="700" fill="#1d2530">(\d+)</text>',
        section_html,
        re.S,
    )
    return {status: int(n) for status, n in bars}


@pytest.fixture
def time_limits():
    call_command("load_processing_time_limits", verbosity=0)


# --- who sees what ----------------------------------------------------------------------------


def test_anonymous_visitors_go_to_the_public_register(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("public_decisions")


def test_the_clerk_sees_their_units_dossiers_and_no_other_role(world, login):
    drafted(world, "Hồ sơ Tư pháp năm 2020")
    drafted(world, "Hồ sơ Y tế năm 2020", clerk=world.other_clerk, unit=world.health)

    page = sections(home(login(world.clerk)))
    assert set(page) == {"clerk"}
    assert "Phòng Tư pháp" in page["clerk"]
    assert "Incoming register" not in home(login(world.clerk)).content.decode()

    other = sections(home(login(world.other_clerk)))
    assert set(other) == {"clerk"}
    assert "Phòng Y tế" in other["clerk"]
    assert chart_figures(other["clerk"])["Being drafted"] == 1
    assert "Hồ sơ Tư pháp" not in home(login(world.other_clerk)).content.decode()


def test_everybody_signed_in_gets_the_inbox_and_its_counts(world, login):
    dossier_at(world, "head_review")
    response = home(login(world.head))
    html = response.content.decode()
    assert reverse("inbox") in html
    assert response.context["inbox"] == {"takeable": 1, "held": 0}
    response = home(login(world.outsider))
    assert sections(response) == {}
    assert response.context["inbox"] == {"takeable": 0, "held": 0}
    assert "You hold no role on dossiers yet" in response.content.decode()


def test_the_chart_counts_match_the_dossiers(world, login):
    for n in range(2):
        drafted(world, f"Bản nháp {n}")
    titled(dossier_at(world, "head_review"), "Chờ thủ trưởng")
    titled(dossier_at(world, "secretariat_check"), "Đã trình")
    sent_back_by_head(world, "Bị trả lại", "Thiếu báo cáo thành tích")
    drafted(world, "Hồ sơ Y tế", clerk=world.other_clerk, unit=world.health)  # not counted

    clerk = sections(home(login(world.clerk)))["clerk"]
    expected = {
        DossierStatus.DRAFT: 2,
        DossierStatus.AWAITING_HEAD: 1,
        DossierStatus.SUBMITTED: 1,
        DossierStatus.RETURNED: 1,
        DossierStatus.AWAITING_COUNCIL: 0,
        DossierStatus.AWAITING_DECISION: 0,
        DossierStatus.CLOSED: 0,
    }
    assert chart_bars(clerk) == {status.value: n for status, n in expected.items()}
    assert chart_figures(clerk) == {status.label: n for status, n in expected.items()}
    assert 'role="img"' in clerk
    assert re.search(r"<title [^>]*>Dossiers of my units by state</title>", clerk)
    assert "5 dossiers in all. Being drafted: 2; Awaiting the unit head: 1" in clerk


def test_a_returned_dossier_shows_the_reason_of_its_last_return(world, login):
    dossier = sent_back_by_head(world, "Hồ sơ bị trả lại", "Thiếu bảng tóm tắt thành tích")
    clerk = sections(home(login(world.clerk)))["clerk"]
    assert "Hồ sơ bị trả lại" in clerk
    assert "Thiếu bảng tóm tắt thành tích" in clerk
    assert "Sent back by the unit head" in clerk

    # Sent again, approved, and returned by the secretariat: the latest reason is the one shown.
    for step, user, service in [
        ("prepare", world.clerk, services.dossier_send_to_head),
        ("head_review", world.head, services.dossier_head_approve),
    ]:
        complete(dossier, step, user, partial(service, actor=user, dossier=dossier))
    complete(
        dossier,
        "secretariat_check",
        world.officer,
        partial(
            services.dossier_return,
            actor=world.officer,
            dossier=dossier,
            reason="Chưa có biên bản họp xét của đơn vị",
        ),
    )
    clerk = sections(home(login(world.clerk)))["clerk"]
    assert "Chưa có biên bản họp xét của đơn vị" in clerk
    assert "Returned by the secretariat" in clerk
    assert "Thiếu bảng tóm tắt thành tích" not in clerk


def test_the_unit_head_sees_what_awaits_their_approval(world, login):
    titled(dossier_at(world, "head_review"), "Chờ phê duyệt Tư pháp")
    titled(dossier_at(world, "secretariat_check"), "Đã phê duyệt")

    page = sections(home(login(world.head)))
    assert set(page) == {"head"}
    assert "Chờ phê duyệt Tư pháp" in page["head"]
    assert "Đã phê duyệt" not in page["head"]
    assert f"{reverse('dossier_list')}?status=awaiting_head" in page["head"]

    other = sections(home(login(world.other_head)))
    assert set(other) == {"head"}
    assert "Chờ phê duyệt Tư pháp" not in other["head"]


def test_the_secretariat_sees_the_register_the_dossiers_to_schedule_and_the_sessions(
    world, login, time_limits
):
    titled(dossier_at(world, "secretariat_check"), "Mới nhận")
    waiting = titled(dossier_at(world, "council_review"), "Chờ xếp lịch họp")
    titled(dossier_at(world, "prepare"), "Còn là bản nháp")  # not in the register

    page = sections(home(login(world.officer)))
    # The officer also drafts the district's own proposals and is the council's secretary.
    assert set(page) == {"clerk", "secretariat", "council"}
    secretariat = page["secretariat"]
    assert "Mới nhận" in secretariat and "Chờ xếp lịch họp" in secretariat
    assert "Còn là bản nháp" not in secretariat
    assert "working days left" in secretariat
    assert reverse("register_list") in secretariat
    awaiting = secretariat.split("Awaiting the council, on no session yet")[1]
    assert "Chờ xếp lịch họp" in awaiting.split("Sessions to prepare or run")[0]

    session = convene(world, [waiting], title="Phiên họp quý III")
    secretariat = sections(home(login(world.officer)))["secretariat"]
    awaiting, to_run = secretariat.split("Awaiting the council, on no session yet")[1].split(
        "Sessions to prepare or run"
    )
    assert "Chờ xếp lịch họp" not in awaiting
    assert "Phiên họp quý III" in to_run
    assert reverse("council_session_detail", args=[session.pk]) in to_run


def test_the_clerk_and_the_council_member_do_not_see_the_register(world, login, time_limits):
    titled(dossier_at(world, "secretariat_check"), "Mới nhận")
    for person in (world.clerk, world.member, world.chair):
        assert "secretariat" not in sections(home(login(person)))


def test_a_council_member_sees_their_open_ballot_until_they_vote(world, login):
    awaiting = dossier_at(world, "council_review", nominees=[nominee("Nguyễn Văn An")])
    session = convene(world, [awaiting], title="Phiên họp bỏ phiếu")
    seats = [world.seats.chair, world.seats.officer, world.seats.member]
    council_script.open_ballot(session, officer=world.officer, present=seats)

    page = sections(home(login(world.member)))
    assert set(page) == {"council"}
    ballots = page["council"].split("Recent sessions")[0]
    assert reverse("council_ballot", args=[session.pk]) in ballots
    assert "Phiên họp bỏ phiếu" in page["council"].split("Recent sessions")[1]

    session.refresh_from_db()
    council_script.cast(session, world.seats.member)
    council = sections(home(login(world.member)))["council"]
    assert reverse("council_ballot", args=[session.pk]) not in council
    assert "No ballot waits for you." in council
    # The others have not voted yet.
    assert (
        reverse("council_ballot", args=[session.pk])
        in sections(home(login(world.chair)))["council"]
    )


def test_an_absent_member_has_no_ballot_to_cast(world, login):
    awaiting = dossier_at(world, "council_review")
    session = convene(world, [awaiting], title="Phiên họp")
    council_script.open_ballot(
        session, officer=world.officer, present=[world.seats.chair, world.seats.officer]
    )
    council = sections(home(login(world.member)))["council"]
    assert reverse("council_ballot", args=[session.pk]) not in council


def test_the_authority_head_sees_the_decisions_and_the_minutes_to_sign(world, login):
    to_decide = titled(dossier_at(world, "decide"), "Chờ Chủ tịch quyết định")
    awaiting = dossier_at(world, "council_review")
    session = convene(world, [awaiting], title="Phiên họp đã kiểm phiếu")
    seats = [world.seats.chair, world.seats.officer, world.seats.member]
    council_script.open_ballot(session, officer=world.officer, present=seats)
    session.refresh_from_db()
    for seat in seats:
        council_script.cast(session, seat)
    council_script.step(
        session,
        "close_ballot",
        world.officer,
        lambda: voting.council_session_close_ballot(actor=world.officer, session=session),
    )
    session.refresh_from_db()
    assert session.status == "counted"

    page = sections(home(login(world.chair)))
    # The chair heads the authority, approves the district's own proposals and chairs the council.
    assert set(page) == {"head", "council", "authority"}
    authority = page["authority"]
    decisions, minutes = authority.split("Minutes to sign")
    assert to_decide.title in decisions
    assert reverse("dossier_detail", args=[to_decide.pk]) in decisions
    assert "Phiên họp đã kiểm phiếu" in minutes
    assert "Minutes to sign" not in page["council"]

    # Neither is anybody else's to sign.
    for person in (world.member, world.officer):
        page = sections(home(login(person)))
        assert "authority" not in page
        assert "Minutes to sign" not in page["council"]
    province = sections(home(login(world.province_chair)))
    assert set(province) == {"authority"}
    assert to_decide.title not in province["authority"]
    assert "Phiên họp đã kiểm phiếu" not in province["authority"]


# --- the cost ---------------------------------------------------------------------------------


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        home(client)
    return len(captured)


def _some_of_everything(world, n):
    """n dossiers at each step, and a session voting on all but one of the accepted ones."""
    for i in range(n):
        drafted(world, f"Bản nháp {i}")
        dossier_at(world, "head_review")
        dossier_at(world, "secretariat_check")
        sent_back_by_head(world, f"Bị trả lại {i}", f"Lý do {i}")
    waiting = [dossier_at(world, "council_review") for _ in range(n + 1)]
    session = council_script.start_session(
        officer=world.officer,
        council=world.council,
        title=f"Phiên họp {n}",
        held_on=HELD_ON,
        dossiers=waiting[:-1],
    )
    seats = [world.seats.chair, world.seats.officer, world.seats.member]
    council_script.open_ballot(session, officer=world.officer, present=seats)


def test_the_page_costs_the_same_queries_whatever_the_data(world, login, time_limits):
    people = (world.clerk, world.head, world.officer, world.member, world.chair, world.outsider)
    dossier_at(world, "decide")
    _some_of_everything(world, 1)
    few = {person.username: _queries(login(person)) for person in people}

    dossier_at(world, "decide")
    dossier_at(world, "decide")
    _some_of_everything(world, 4)
    many = {person.username: _queries(login(person)) for person in people}
    assert many == few
    # Every role's page stays small: the officer holds three roles.
    assert max(few.values()) <= 25, few
