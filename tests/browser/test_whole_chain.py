"""The whole chain in real browsers, each person in their own: the clerk drafts and sends,
the unit head approves, the secretariat accepts, the council votes by secret ballot, its
chair signs the minutes and decides, and the public reads the published decision.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from nominations.models import (
    CommendationType,
    CouncilSession,
    DecisionOutcome,
    DocumentKind,
    Dossier,
    DossierStatus,
    RecipientKind,
)
from tests.browser.pages import attach_pdf, fill_nominee, label, log_in, take_from_inbox, url, vi
from workflows.council import CouncilSessionFlow
from workflows.flows import NominationFlow

pytestmark = pytest.mark.browser

TITLE = "Đề nghị khen thưởng thành tích cải cách hành chính năm 2020"
AWARDEE = "Lê Thị Thu Hà"


def confirm(page, choice=None):
    form = page.locator("main form.once").last
    if choice:
        form.locator(f"input[name=outcome][value={choice}]").check()
    form.locator("button[type=submit]").click()


def dossier_step(page, dossier, name):
    """Open the dossier's page and its next step: one clear button."""
    page.goto(reverse("dossier_detail", args=[dossier.pk]))
    page.locator("main .next-action a.button.primary").click()
    expect(page.locator("main h1")).to_have_text(vi(getattr(NominationFlow, name).task_title))


def session_step(page, session, name):
    take_from_inbox(
        page,
        row_text=session.title,
        step_title=vi(getattr(CouncilSessionFlow, name).task_title),
    )


def test_a_dossier_goes_from_the_clerk_to_the_public_register(
    live_server, transactional_db, world, new_page, console_errors, screenshot
):
    # The clerk drafts the dossier, attaches its documents and sends it to the head.
    clerk = new_page()
    log_in(clerk, world.clerk)
    clerk.goto(reverse("dossier_create"))
    form = clerk.locator("main form.once")
    form.get_by_label(label("Title")).fill(TITLE)
    form.locator("select[name=commendation_type]").select_option(CommendationType.REGULAR.value)
    form.locator("input[name=year]").fill("2020")
    fill_nominee(
        form.locator("#nominee-forms .nominee-form").nth(0),
        RecipientKind.INDIVIDUAL.value,
        AWARDEE,
        world.award,
        "Hoàn thành xuất sắc nhiệm vụ cải cách thủ tục hành chính.",
    )
    form.locator(".buttons button[type=submit]").click()
    expect(clerk).to_have_url(re.compile(r"/tasks/\d+/$"))
    dossier = Dossier.objects.get()
    attach_pdf(clerk, DocumentKind.SUBMISSION_LETTER, None, "Tờ trình.pdf")
    attach_pdf(clerk, DocumentKind.ACHIEVEMENT_REPORT, AWARDEE, "Báo cáo thành tích.pdf")
    clerk.locator("button[name=action][value=submit]").click()
    expect(clerk).to_have_url(url("dossier_detail", dossier.pk))

    # The unit head approves from the dossier's page; the secretariat accepts it.
    head = new_page()
    log_in(head, world.head)
    dossier_step(head, dossier, "head_review")
    confirm(head, "approve")
    officer = new_page()
    log_in(officer, world.officer)
    dossier_step(officer, dossier, "secretariat_check")
    confirm(officer, "approve")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_COUNCIL
    officer.goto(reverse("home"))  # the register, the deadline, the dossier for the council
    expect(officer.locator("main")).to_contain_text(TITLE)
    screenshot(officer, "home-secretariat")

    # The secretariat holds a council session on it; each of the three members votes.
    officer.goto(reverse("council_session_create"))
    form = officer.locator("main form.once")
    form.get_by_label(label("Title")).fill("Phiên họp xét khen thưởng năm 2020")
    form.get_by_label(label("Date of the meeting")).fill("2020-08-25")
    form.locator("button[type=submit]").click()
    session = CouncilSession.objects.get()
    session_step(officer, session, "prepare_agenda")
    officer.locator(f"input[name=dossiers][value='{dossier.pk}']").check()
    confirm(officer)
    session_step(officer, session, "open_ballot")
    for box in officer.locator("input[name=present]").all():
        box.check()
    confirm(officer)
    for member in (world.member, world.chair, world.officer):
        ballot = new_page()
        ballot.on("dialog", lambda dialog: dialog.accept())
        log_in(ballot, member)
        ballot.get_by_role("link", name=vi("Open my ballot")).first.click()  # from home
        expect(ballot).to_have_url(url("council_ballot", session.pk))
        ballot.locator("#agree-all").click()
        ballot.locator("button[name=action][value=submit]").click()
        expect(ballot).to_have_url(url("council_session_detail", session.pk))
    session_step(officer, session, "close_ballot")
    confirm(officer)

    # The chair signs the minutes, then decides; the decision is numbered and published.
    chair = new_page()
    log_in(chair, world.chair)
    session_step(chair, session, "sign_minutes")
    expect(chair.locator("main")).to_contain_text(vi("Minutes (PDF)"))
    confirm(chair)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_DECISION
    dossier_step(chair, dossier, "decide")
    chair.locator(f"input[value={DecisionOutcome.AWARDED}]").check()
    chair.locator("main form.once button[type=submit]").click()
    expect(chair).to_have_url(url("dossier_detail", dossier.pk))
    screenshot(chair, "dossier-story")
    decision = dossier.decisions.get()

    # Anyone finds it in the public register, typing the name without diacritics.
    public = new_page()
    public.goto(reverse("public_decisions") + "?q=le+thi+thu+ha")
    public.get_by_role("link", name=decision.reference).click()
    expect(public.locator("main")).to_contain_text(AWARDEE)
    assert console_errors == []
