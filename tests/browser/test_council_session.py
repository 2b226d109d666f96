"""A council session in real browsers, from the agenda to the signed minutes.

The secretariat officer creates the session, sets its agenda and opens the ballot; two
members then mark their ballots in two browsers at the same time and submit them at once
(the chair and the secretary vote in code meanwhile); the officer closes the ballot, the
chair signs the minutes, and the dossier goes on to the decision with the council's outcome.
Nowhere may the officer or the chair read how a member voted.

The same session through the Django test client: tests.workflows.helpers.session_through_pages.
As in test_clerk_submits, pages are found by URLs, names and ids, and by their texts as the
Vietnamese page shows them (gettext under "vi"), so the test holds whatever the translation.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from nominations.council.results import council_minutes_generate
from nominations.models import (
    BallotChoice,
    BallotDraft,
    CouncilOutcome,
    CouncilSession,
    DossierStatus,
    SessionStatus,
)
from nominations.roles import Role
from tests.browser.pages import label, log_in, take_from_inbox, url, vi
from tests.factories import UserFactory, grant, nominee, seat
from tests.workflows.helpers import dossier_at
from workflows.council import CouncilSessionFlow
from workflows.council_script import cast
from workflows.selectors import open_tasks_of

pytestmark = pytest.mark.browser

SESSION_TITLE = "Phiên họp Hội đồng Thi đua - Khen thưởng xét khen thưởng năm 2020"
AN, BINH, CUC = "Nguyễn Văn An", "Trần Thị Bình", "Nguyễn Thị Cúc"


def step_title(name) -> str:
    return vi(getattr(CouncilSessionFlow, name).task_title)


def take_step(page, session, name):
    """Take the session's step from the inbox, as run_step_page does, and open its page."""
    take_from_inbox(page, row_text=session.title, step_title=step_title(name))


def confirm_step(page, session):
    page.locator("main form.once button[type=submit]").click()
    expect(page).to_have_url(url("council_session_detail", session.pk))


def agenda_rows(page):
    section = page.locator("main section.card").filter(
        has=page.get_by_role("heading", name=re.compile(re.escape(vi("Agenda"))))
    )
    return section.locator("tbody tr")


def member_rows(page):
    section = page.locator("main section.card").filter(
        has=page.get_by_role("heading", name=re.compile(re.escape(vi("Members"))))
    )
    return section.locator("tbody tr")


def assert_votes_stay_secret(page, voters, *, members_table=True):
    """Wherever the page names a member, it says at most that they voted, never how; the
    agenda, where the counts are, names no member."""
    marks = [vi(choice.label).lower() for choice in BallotChoice]
    for name in voters:
        blocks = page.locator("main tr, main li, main p, main dd, main td").filter(has_text=name)
        for text in blocks.all_inner_texts():
            assert not [m for m in marks if m in text.lower()], (page.url, name, text)
        if members_table:  # the session's page lists the members: each "voted", no more
            row = member_rows(page).filter(has_text=name)
            expect(row).to_have_count(1)
            expect(row.locator("td").nth(3)).to_have_text(vi("yes"))
    agenda = " ".join(agenda_rows(page).all_inner_texts())
    assert not [name for name in voters if name in agenda], agenda


def open_ballot_marks(page):
    """Each nominee's mark as the ballot page shows it now: name -> checked value or None."""
    marks = {}
    for row in page.locator("#ballot-form tbody tr").all():
        name = row.locator("td").nth(1).inner_text().strip()
        checked = row.locator("input[type=radio]:checked")
        marks[name] = checked.get_attribute("value") if checked.count() else None
    return marks


def is_draft_save(session, *, containing):
    """The ballot page's own background save of the marks (ballot.js), with this text in it."""
    target = reverse("council_ballot", args=[session.pk])

    def matches(response):
        request = response.request
        return (
            request.method == "POST"
            and response.url.endswith(target)
            and request.headers.get("accept") == "application/json"
            and containing in (request.post_data or "")
        )

    return matches


def test_a_council_votes_in_two_browsers_at_once_and_the_minutes_move_the_dossier_on(
    live_server, transactional_db, world, new_page, console_errors, screenshot
):
    # In code: a dossier awaiting the council with three nominees, and a second plain member.
    dossier = dossier_at(
        world,
        "council_review",
        nominees=[nominee(name, world.award) for name in (AN, BINH, CUC)],
    )
    assert dossier.status == DossierStatus.AWAITING_COUNCIL
    second = UserFactory(username="member2", first_name="Phạm Thị", last_name="Hoa")
    grant(second, world.district.unit, Role.COUNCIL_MEMBER)
    second_seat = seat(world.council, second)
    member_name = world.seats.member.display_name
    voters = [s.display_name for s in (world.seats.chair, world.seats.officer)]
    voters += [member_name, second_seat.display_name]

    # The officer creates the session from the list of sessions.
    officer = new_page()
    log_in(officer, world.officer)
    officer.goto(reverse("council_session_list"))
    officer.locator(f"main a[href='{reverse('council_session_create')}']").click()
    expect(officer).to_have_url(url("council_session_create"))
    form = officer.locator("main form.once")
    form.get_by_label(label("Council")).select_option(str(world.council.pk))
    form.get_by_label(label("Title")).fill(SESSION_TITLE)
    form.get_by_label(label("Date of the meeting")).fill("2020-08-25")
    form.get_by_label(label("Venue")).fill("Hội trường UBND huyện Kỳ Anh")
    form.locator("button[type=submit]").click()
    expect(officer).to_have_url(re.compile(r"/council/sessions/\d+/$"))
    session = CouncilSession.objects.get()
    assert session.title == SESSION_TITLE
    assert officer.url.endswith(reverse("council_session_detail", args=[session.pk]))

    # It takes "prepare_agenda", puts the dossier on the agenda and convenes the council.
    take_step(officer, session, "prepare_agenda")
    officer.locator(f"input[name=dossiers][value='{dossier.pk}']").check()
    confirm_step(officer, session)
    expect(agenda_rows(officer)).to_have_count(3)
    expect(agenda_rows(officer).nth(1)).to_contain_text(BINH)

    # It takes "open_ballot" and ticks every member as present.
    take_step(officer, session, "open_ballot")
    present = officer.locator("input[name=present]")
    expect(present).to_have_count(4)
    for box in present.all():
        box.check()
    confirm_step(officer, session)
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING
    items = {item.nominee.full_name: item.pk for item in session.items.select_related("nominee")}

    # Two members log in, each in a browser of their own, and open their ballots: one from
    # the inbox (the ballot task opens the ballot page), the other from the session's page.
    ballot_url = url("council_ballot", session.pk)
    first_page, second_page = new_page(), new_page()
    log_in(first_page, world.member)
    log_in(second_page, second)
    first_page.goto(reverse("inbox"))
    mine = first_page.locator("main tr", has_text=session.title).filter(
        has_text=step_title("cast_ballot")
    )
    mine.get_by_role("link", name=vi("Open")).click()
    expect(first_page).to_have_url(ballot_url)
    second_page.goto(reverse("council_session_detail", args=[session.pk]))
    second_page.get_by_role("link", name=vi("Open my ballot")).click()
    expect(second_page).to_have_url(ballot_url)
    for page in (first_page, second_page):
        expect(page.locator("#ballot-form tbody tr")).to_have_count(3)
        expect(page.locator("#ballot-progress")).to_have_text(
            vi("%(marked)s of %(total)s marked", marked=0, total=3)
        )

    # Both ballots are open; the members work on them in turns. Each uses the filter box
    # ("Trần" and "Nguyễn" found without their accents) and agrees to all the nominees shown.
    first_rows = first_page.locator("#ballot-form tbody tr")
    first_page.locator("#ballot-search").fill("tran")
    expect(first_page.locator("#ballot-form tbody tr:visible")).to_have_count(1)
    second_page.locator("#ballot-search").fill("nguyen")
    expect(second_page.locator("#ballot-form tbody tr:visible")).to_have_count(2)
    second_page.locator("#agree-all").click()  # only the two shown
    expect(second_page.locator("#ballot-progress")).to_have_text(
        vi("%(marked)s of %(total)s marked", marked=2, total=3)
    )

    # Meanwhile the chair's ballot goes in (in code): agree, but abstain on Cúc.
    cast(
        session,
        world.seats.chair,
        lambda member, item: (
            BallotChoice.ABSTAIN if item.nominee.full_name == CUC else BallotChoice.AGREE
        ),
    )

    first_page.locator("#ballot-search").fill("")
    expect(first_page.locator("#ballot-form tbody tr:visible")).to_have_count(3)
    first_page.locator("#agree-all").click()
    expect(first_page.locator("#ballot-progress")).to_have_text(
        vi("%(marked)s of %(total)s marked", marked=3, total=3)
    )
    # The first member disagrees on Bình; the page keeps the marks as they go.
    with first_page.expect_response(
        is_draft_save(session, containing=BallotChoice.DISAGREE)
    ) as kept_first:
        first_rows.filter(has_text=BINH).locator("input[value=disagree]").check()

    second_page.locator("#ballot-search").fill("")
    expect(second_page.locator("#ballot-form tbody tr:visible")).to_have_count(3)
    assert open_ballot_marks(second_page) == {AN: "agree", BINH: None, CUC: "agree"}
    with second_page.expect_response(
        is_draft_save(session, containing=f'name="mark-{items[BINH]}"')
    ) as kept_second:
        second_page.locator("#agree-all").click()
    expect(second_page.locator("#ballot-progress")).to_have_text(
        vi("%(marked)s of %(total)s marked", marked=3, total=3)
    )
    for kept in (kept_first.value, kept_second.value):
        assert kept.ok and kept.json()["saved"] is True
    assert open_ballot_marks(first_page) == {AN: "agree", BINH: "disagree", CUC: "agree"}
    assert open_ballot_marks(second_page) == {AN: "agree", BINH: "agree", CUC: "agree"}
    drafts = {d.member_id: d.marks for d in BallotDraft.objects.filter(session=session)}
    assert drafts == {
        world.seats.member.pk: {
            str(items[AN]): "agree",
            str(items[BINH]): "disagree",
            str(items[CUC]): "agree",
        },
        second_seat.pk: {str(pk): "agree" for pk in items.values()},
    }
    screenshot(first_page, "council-ballot")

    # Both submit at the same moment; each accepts the browser's confirmation.
    confirmations = []

    def accept(dialog):
        confirmations.append((dialog.type, dialog.message))
        dialog.accept()

    submit = "#ballot-form button[name=action][value=submit]"
    for page in (first_page, second_page):
        page.on("dialog", accept)
    first_page.locator(submit).click(no_wait_after=True)
    second_page.locator(submit).click(no_wait_after=True)
    for page in (first_page, second_page):
        expect(page).to_have_url(url("council_session_detail", session.pk))
        expect(page.locator("main .messages")).to_contain_text(
            vi("Your ballot is in the box. Thank you.")
        )
    confirm_text = vi("Submit the ballot? It cannot be changed afterwards.")
    assert confirmations == [("confirm", confirm_text)] * 2
    assert not BallotDraft.objects.filter(session=session).exists()  # gone with the vote

    # A submitted ballot is final: the page no longer shows a mark or a form.
    first_page.goto(reverse("council_ballot", args=[session.pk]))
    expect(first_page.locator("main")).to_contain_text(
        vi("This ballot is in the box. It cannot be changed.")
    )
    expect(first_page.locator("#ballot-form, input[type=radio]")).to_have_count(0)

    # The secretary's ballot (in code): disagree on Bình too.
    cast(
        session,
        world.seats.officer,
        lambda member, item: (
            BallotChoice.DISAGREE if item.nominee.full_name == BINH else BallotChoice.AGREE
        ),
    )

    # The officer sees who voted, never how, then closes the ballot.
    officer.goto(reverse("council_session_detail", args=[session.pk]))
    turnout = vi(
        "%(present)s of %(total)s present; %(voted)s ballots in the box",
        present=4,
        total=4,
        voted=4,
    )
    expect(officer.locator("main .facts")).to_contain_text(turnout)
    assert_votes_stay_secret(officer, voters)
    take_step(officer, session, "close_ballot")
    assert_votes_stay_secret(officer, voters, members_table=False)
    confirm_step(officer, session)
    expect(officer.locator("main .messages")).to_contain_text(
        vi("The ballot is closed: %(count)d ballots were counted.", count=4)
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.COUNTED
    # Without REDIS_URL Celery runs eagerly, so the close's on_commit hook rendered the
    # minutes inside the live server's request; with a real broker and no worker, do the
    # worker's job here (it writes nothing when the minutes are already there).
    if not session.minutes_pdf:
        council_minutes_generate(session_id=session.pk)

    # The chair takes "sign_minutes" and signs them.
    chair = new_page()
    log_in(chair, world.chair)
    take_step(chair, session, "sign_minutes")
    minutes_pdf = reverse("council_minutes_download", args=[session.pk, "pdf"])
    expect(chair.locator(f"main a[href='{minutes_pdf}']")).to_have_count(1)
    assert_votes_stay_secret(chair, voters, members_table=False)
    confirm_step(chair, session)
    expect(chair.locator("main .messages")).to_contain_text(
        vi("The minutes are signed; %(count)d dossiers went on to the decision.", count=1)
    )
    assert_votes_stay_secret(chair, voters)

    # The counted session: agree / disagree / abstain for each nominee, and the result.
    officer.reload()
    expected = [
        (AN, "4", "0", "0", vi("Reached")),
        (BINH, "2", "2", "0", vi("Not reached")),
        (CUC, "3", "0", "1", vi("Reached")),
    ]
    for page in (officer, chair):
        rows = agenda_rows(page)
        expect(rows).to_have_count(3)
        for index, (name, agree, disagree, abstain, result) in enumerate(expected):
            cells = rows.nth(index).locator("td")
            expect(cells.nth(1)).to_have_text(name)
            expect(cells.nth(4)).to_have_text(agree)
            expect(cells.nth(5)).to_have_text(disagree)
            expect(cells.nth(6)).to_have_text(abstain)
            expect(cells.nth(7).locator("strong")).to_have_text(result)
        expect(page.locator("main .facts .status")).to_have_text(vi(SessionStatus.CLOSED.label))
        assert_votes_stay_secret(page, voters)
    expect(officer.locator("main .next-action")).to_contain_text(vi("This session is closed."))
    screenshot(officer, "council-session")

    # The minutes download as a PDF.
    with officer.expect_download() as download_info:
        officer.locator(f"main a[href='{minutes_pdf}']").click()
    download = download_info.value
    session.refresh_from_db()
    assert download.suggested_filename == f"bien-ban-kiem-phieu-{session.minutes_number}.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")

    # The dossier moved on to the decision, each nominee with the council's outcome.
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_DECISION
    outcomes = dict(dossier.nominees.values_list("full_name", "council_outcome"))
    assert outcomes == {
        AN: CouncilOutcome.AGREED,
        BINH: CouncilOutcome.NOT_REACHED,
        CUC: CouncilOutcome.AGREED,
    }
    assert [t.flow_task.name for t in open_tasks_of(dossier)] == ["decide"]
    assert session.status == SessionStatus.CLOSED and session.minutes_signed_by == world.chair

    assert console_errors == []
