"""Every key page, as the person who uses it, passes axe-core's WCAG 2.x A/AA rules, needs
nothing but the site itself, and the forms work from the keyboard.

axe-core comes bundled in the axe-playwright-python package and is injected into the page
by Playwright: no CDN is asked for it. Each page also records every request the browser
made while it loaded and was checked: all of them must go to the live server ("no page
needs the internet": no web font, script or style from elsewhere).
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from emulation.models import (
    Direction,
    Measure,
    Milestone,
    MilestoneKind,
    Movement,
    MovementStatus,
    MovementTask,
    Target,
)
from nominations import services
from nominations.models import DecisionOutcome, Notification
from tests.browser.conftest import unavailable
from tests.browser.pages import log_in
from tests.factories import nominee
from tests.workflows.helpers import complete, convene, dossier_at
from workflows import council_script
from workflows.engine import open_step

pytestmark = pytest.mark.browser

# The WCAG 2.0 and 2.1 success criteria of levels A and AA, as axe-core tags its rules.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
HELD_ON = datetime.date(2020, 8, 25)


def axe_violations(page) -> list[dict]:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        unavailable("axe-playwright-python is not installed (pip install -r requirements-dev.txt)")
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    {target}: {node.get('failureSummary', '').strip()}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


# --- what each page needs, set up in code ---------------------------------------------------


def movement(world):
    """A launched movement of the district with the justice department taking part."""
    launched = Movement.objects.create(
        authority=world.district,
        code="ky-anh-2020",
        title="Phong trào thi đua năm 2020",
        legal_basis="Chỉ thị số 42-CT/TU",
        starts_on=datetime.date(2020, 2, 28),
        ends_on=datetime.date(2020, 12, 31),
        status=MovementStatus.LAUNCHED,
    )
    launched.participants.set([world.justice, world.health])
    Milestone.objects.create(
        movement=launched,
        kind=MilestoneKind.PLANS_DUE,
        title="Kế hoạch triển khai",
        due_on=datetime.date(2020, 3, 25),
    )
    task = MovementTask.objects.create(movement=launched, number=1, title="Kinh tế")
    task.lead_units.set([world.justice])
    Target.objects.create(
        task=task,
        code="ocop",
        description="Sản phẩm OCOP",
        measure=Measure.COUNT,
        unit_label="sản phẩm",
        direction=Direction.MORE_THAN,
        value=Decimal("5"),
        deadline=datetime.date(2020, 12, 31),
    )
    return launched


def voting_session(world):
    """A session on a dossier of two nominees, its ballot open to the three members."""
    awaiting = dossier_at(
        world, "council_review", nominees=[nominee("Nguyễn Văn An"), nominee("Lê Thị Bình")]
    )
    session = convene(world, [awaiting], title="Phiên họp xét khen thưởng năm 2020")
    seats = [world.seats.chair, world.seats.officer, world.seats.member]
    council_script.open_ballot(session, officer=world.officer, present=seats)
    session.refresh_from_db()
    return session


def published_decision(world):
    dossier = dossier_at(world, "decide")
    outcomes = {n.pk: (DecisionOutcome.AWARDED, "") for n in dossier.nominees.all()}
    complete(
        dossier,
        "decide",
        world.chair,
        lambda: services.dossier_decide(
            actor=world.chair, dossier=dossier, outcomes=outcomes, signer_title="Chủ tịch"
        ),
    )
    return dossier.decisions.get()


def step_url(dossier, name):
    return reverse("task_detail", args=[open_step(dossier, name).pk])


# Each returns who opens the page (None: anonymous), its path, and a text the page must show:
# a page is checked with what it is for on it, not empty.


def inbox_of(role, step):
    def setup(world):
        dossier = dossier_at(world, step)
        return getattr(world, role), reverse("inbox"), dossier.title

    return setup


def new_dossier(world):
    return world.clerk, reverse("dossier_create"), None


def dossier_list(world):
    dossier = dossier_at(world, "head_review")
    return world.clerk, reverse("dossier_list"), dossier.title


def prepare_step(world):
    dossier = dossier_at(world, "prepare")
    return world.clerk, step_url(dossier, "prepare"), dossier.title


def dossier_page(world):
    dossier = dossier_at(world, "secretariat_check")
    return world.officer, reverse("dossier_detail", args=[dossier.pk]), dossier.title


def head_review_step(world):
    dossier = dossier_at(world, "head_review")
    return world.head, step_url(dossier, "head_review"), dossier.title


def session_list(world):
    session = voting_session(world)
    return world.officer, reverse("council_session_list"), session.title


def session_page(world):
    session = voting_session(world)
    return world.officer, reverse("council_session_detail", args=[session.pk]), "Lê Thị Bình"


def ballot_page(world):
    session = voting_session(world)
    return world.member, reverse("council_ballot", args=[session.pk]), "Lê Thị Bình"


def movement_list(world):
    return world.clerk, reverse("movement_list"), movement(world).title


def movement_dashboard(world):
    launched = movement(world)
    return world.clerk, reverse("movement_dashboard", args=[launched.code]), launched.title


def notifications(world):
    decision = published_decision(world)  # the unit's clerk is told of the decision
    assert Notification.objects.filter(recipient=world.clerk).exists()
    return world.clerk, reverse("notification_list"), decision.dossier.title


def public_decisions(world):
    decision = published_decision(world)
    return None, reverse("public_decisions"), decision.reference


def public_decision(world):
    decision = published_decision(world)
    return None, reverse("public_decision", args=[decision.pk]), "Nguyễn Văn An"


def home_of(role):
    """Where each person lands after logging in: their own home page."""

    def setup(world):
        dossier_at(world, "head_review")
        dossier_at(world, "secretariat_check")
        return getattr(world, role), reverse("home"), None

    return setup


def login_page(world):
    return None, reverse("login"), None


PAGES = {
    "home-clerk": home_of("clerk"),
    "home-officer": home_of("officer"),
    "inbox-clerk": inbox_of("clerk", "prepare"),
    "inbox-head": inbox_of("head", "head_review"),
    "inbox-officer": inbox_of("officer", "secretariat_check"),
    "dossier-new": new_dossier,
    "dossier-list": dossier_list,
    "prepare-step": prepare_step,
    "dossier-officer": dossier_page,
    "head-review-step": head_review_step,
    "council-sessions": session_list,
    "council-session": session_page,
    "council-ballot": ballot_page,
    "movements": movement_list,
    "movement-dashboard": movement_dashboard,
    "notifications": notifications,
    "public-decisions": public_decisions,
    "public-decision": public_decision,
    "login": login_page,
}


@pytest.fixture
def requests_made():
    return []


@pytest.fixture
def watched_page(page, requests_made):
    """The test's page, every request it makes recorded (URLs, in order)."""
    page.on("request", lambda request: requests_made.append(request.url))
    return page


def assert_stays_home(requests_made, live_server):
    home = live_server.url + "/"
    elsewhere = [url for url in requests_made if not url.startswith(home)]
    assert requests_made, "the page made no request at all?"
    assert elsewhere == [], f"requests that left {live_server.url}: {elsewhere}"


@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_passes_wcag_aa_and_needs_nothing_but_the_site(
    name, live_server, transactional_db, world, watched_page, requests_made, console_errors
):
    page = watched_page
    user, path, shown = PAGES[name](world)
    if user is not None:
        log_in(page, user)
    response = page.goto(path)
    assert response.ok, (path, response.status)
    page.wait_for_load_state("networkidle")
    if shown:
        expect(page.locator("main")).to_contain_text(shown)

    violations = axe_violations(page)
    assert violations == [], f"{name} ({path}) fails WCAG A/AA:\n{describe(violations)}"
    assert_stays_home(requests_made, live_server)
    assert console_errors == []


def test_the_check_itself_finds_a_field_without_label_and_a_pale_text(
    live_server, transactional_db, page
):
    """The checks above are not empty: on a page with both faults, axe reports both."""
    page.goto(reverse("login"))
    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
            '<input id="unlabelled"><p style="color:#bbb;background:#fff">pale</p>')"""
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"label", "color-contrast"} <= found, found


def focused(page) -> dict:
    """The focused element, its outline, and the colour just outside the outline."""
    return page.evaluate(
        r"""() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const rect = el.getBoundingClientRect();
            const gap = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) + 1;
            const x = Math.max(0, rect.left - gap), y = rect.top + rect.height / 2;
            let backdrop = "rgb(255, 255, 255)";
            search: for (const under of document.elementsFromPoint(x, y)) {
                if (under === el || el.contains(under)) continue;
                for (let node = under; node; node = node.parentElement) {
                    const bg = getComputedStyle(node).backgroundColor;
                    if (!/^rgba\(.*, 0\)$/.test(bg) && bg !== "transparent") {
                        backdrop = bg;
                        break search;
                    }
                }
            }
            return {
                tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
                outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth,
                outlineColor: style.outlineColor, backdrop: backdrop,
            };
        }"""
    )


def luminance(css_colour: str) -> float:
    rgb = [float(v) / 255 for v in re.findall(r"[\d.]+", css_colour)[:3]]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def assert_focus_is_visible(state):
    """An outline is drawn, and it stands out 3:1 from what is around it (WCAG 1.4.11)."""
    assert state["outlineStyle"] != "none" and state["outlineWidth"] != "0px", state
    ratio = contrast(state["outlineColor"], state["backdrop"])
    assert ratio >= 3, f"focus outline contrast {ratio:.2f}:1 < 3:1: {state}"


def test_the_new_dossier_form_is_reached_from_the_keyboard_with_a_visible_focus(
    live_server, transactional_db, world, watched_page, requests_made
):
    page = watched_page
    log_in(page, world.clerk)
    page.goto(reverse("dossier_create"))
    first_field = (
        page.locator("main form.once")
        .locator("input:visible, select:visible, textarea:visible")
        .first
    )
    first_id = first_field.get_attribute("id")
    assert first_id

    # The first Tab from the top of the page lands on the skip link, which then shows.
    page.keyboard.press("Tab")
    state = focused(page)
    assert (state["tag"], state["cls"]) == ("a", "skip"), state
    expect(page.locator("a.skip")).to_be_in_viewport()
    assert_focus_is_visible(state)

    # Following it skips the menu: the first field of the form is a few Tabs away.
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    presses, state = 0, focused(page)
    while state["id"] != first_id and presses < 4:
        page.keyboard.press("Tab")
        presses += 1
        state = focused(page)
    assert state["id"] == first_id, f"after {presses} Tabs past the skip link: {state}"
    assert_focus_is_visible(state)
    assert_stays_home(requests_made, live_server)
