"""The interface's language switch, and the pages on a phone.

A clerk reads the inbox in Vietnamese (the default), switches the top bar's language select
to English, and back. On a phone-sized screen (360 px wide, touch) the clerk's dossier list
and inbox fit the width, their tables turn into one card per row, and the top menu works by
tapping. Set SCREENSHOTS=1 to save docs/screenshots/phone-inbox.png and phone-dossier-list.png.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import LOCALE, TIMEOUT_MS, TIMEZONE
from tests.browser.pages import log_in, vi
from tests.factories import create_dossier
from tests.workflows.helpers import attach_required_documents, dossier_at

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LONG_TITLE = "Đề nghị khen thưởng phong trào thi đua “Dân vận khéo” giai đoạn 2016-2020"


def test_the_clerk_switches_the_interface_to_english_and_back(
    live_server, transactional_db, world, page, console_errors
):
    log_in(page, world.clerk)
    page.goto(reverse("inbox"))
    heading = page.locator("main h1")
    assert vi("My work") != "My work"  # the translation exists
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(heading).to_have_text(vi("My work"))

    language = page.get_by_label(vi("Language"))
    expect(language).to_have_value("vi")
    with page.expect_navigation():
        language.select_option("en")  # the select sends its form on change
    expect(page).to_have_url(re.compile(re.escape(reverse("inbox")) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading).to_have_text("My work")
    menu = page.get_by_role("navigation", name="Main menu")
    expect(menu.get_by_role("link", name="Dossiers", exact=True)).to_be_visible()

    # The choice stays for the next pages, in spite of the browser asking for Vietnamese.
    page.goto(reverse("dossier_list"))
    expect(page.locator("main h1")).to_have_text("Dossiers")

    page.goto(reverse("inbox"))
    language = page.get_by_label("Language")
    expect(language).to_have_value("en")
    with page.expect_navigation():
        language.select_option("vi")
    expect(page).to_have_url(re.compile(re.escape(reverse("inbox")) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(heading).to_have_text(vi("My work"))

    assert console_errors == []


@pytest.fixture
def phone_page(browser, live_server, console_errors):
    """A page in a phone's browser: 360 x 740, mobile, touch, Vietnamese."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        locale=LOCALE,
        timezone_id=TIMEZONE,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()

    def on_console(message):  # as conftest.new_page: the favicon's 404 is not the page's
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            console_errors.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: console_errors.append(f"{page.url}: {error}"))
    yield page
    context.close()


def assert_fits_the_phone(page):
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= PHONE["width"], f"{page.url} scrolls sideways: {widths}"


def assert_tables_are_cards(page):
    """Each table's header row is hidden and each row is a block, as wide as the screen at
    most; the cells that say what they are show their label before the value."""
    tables = page.locator("main table")
    assert tables.count() > 0, page.url
    for table in tables.all():
        layout = table.evaluate(
            """table => {
                const head = table.tHead;
                const rows = [...table.tBodies].flatMap(body => [...body.rows]);
                return {
                    headHidden: !head || getComputedStyle(head).position === "absolute"
                        && head.getBoundingClientRect().width <= 1,
                    rows: rows.map(row => ({
                        display: getComputedStyle(row).display,
                        right: row.getBoundingClientRect().right,
                        labels: [...row.cells].filter(c => c.dataset.label).map(c =>
                            getComputedStyle(c, "::before").content),
                        cells: [...row.cells].map(c => getComputedStyle(c).display),
                    })),
                };
            }"""
        )
        assert layout["headHidden"], (page.url, layout)
        assert layout["rows"], (page.url, "a table with no row")
        for row in layout["rows"]:
            assert row["display"] == "block", (page.url, row)
            assert set(row["cells"]) <= {"block", "none"}, (page.url, row)
            assert row["right"] <= PHONE["width"], (page.url, row)
            assert row["labels"] and all(label not in ("none", "normal") for label in row["labels"])


def assert_menu_fits(page):
    """Every entry of the top menu and of the account corner is on the screen, big enough
    to tap (WCAG 2.5.8: 24 px), and none lies over another."""
    boxes = []
    for item in page.locator(
        "header.topbar nav a, header.topbar .account select, header.topbar .account button"
    ).all():
        expect(item).to_be_visible()
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (item, box)
        assert box["height"] >= 24, (item.inner_text(), box)
        boxes.append((item.inner_text() or item.get_attribute("name"), box))
    for index, (name, box) in enumerate(boxes):
        for other_name, other in boxes[index + 1 :]:
            apart = (
                box["x"] + box["width"] <= other["x"]
                or other["x"] + other["width"] <= box["x"]
                or box["y"] + box["height"] <= other["y"]
                or other["y"] + other["height"] <= box["y"]
            )
            assert apart, f"{name!r} {box} overlaps {other_name!r} {other}"


def test_the_clerks_pages_fit_a_phone(
    live_server, transactional_db, world, phone_page, console_errors, screenshot
):
    page = phone_page
    drafted = create_dossier(
        clerk=world.clerk, unit=world.justice, authority=world.district, title=LONG_TITLE
    )
    attach_required_documents(drafted, world.clerk)
    sent = dossier_at(world, "head_review")

    log_in(page, world.clerk)

    # The inbox: the draft's "prepare" step, as a card that fits the screen.
    page.goto(reverse("inbox"))
    expect(page.locator("main")).to_contain_text(LONG_TITLE)
    assert_fits_the_phone(page)
    assert_tables_are_cards(page)
    assert_menu_fits(page)
    screenshot(page, "phone-inbox")

    # The top menu works by touch: the clerk taps "Dossiers".
    menu = page.get_by_role("navigation", name=vi("Main menu"))
    menu.get_by_role("link", name=vi("Dossiers"), exact=True).tap()
    expect(page).to_have_url(re.compile(re.escape(reverse("dossier_list")) + "$"))
    expect(page.locator("main")).to_contain_text(LONG_TITLE)
    expect(page.locator("main")).to_contain_text(sent.title)
    assert_fits_the_phone(page)
    assert_tables_are_cards(page)
    assert_menu_fits(page)
    screenshot(page, "phone-dossier-list")

    # A row's link opens the dossier, by touch too.
    page.locator("main table a", has_text=LONG_TITLE).tap()
    expect(page).to_have_url(re.compile(re.escape(reverse("dossier_detail", args=[drafted.pk]))))
    assert_fits_the_phone(page)

    assert console_errors == []
