"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Playwright's own browser download is not used: the tests launch the system Chromium
(`apt-get install chromium`). Without it they are skipped, except in CI (CI=true), where
a missing browser is a failure: the browser tests must never be silently skipped there.

Set SCREENSHOTS=1 to (re)write the screenshots of the pages visited to docs/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI") == "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
# What a Vietnamese user's browser sends: the interface is then Vietnamese (LANGUAGE_CODE).
LOCALE = "vi-VN"
TIMEZONE = "Asia/Ho_Chi_Minh"
# Generous for a loaded CI machine, short enough that a missing element fails quickly.
TIMEOUT_MS = 15_000
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def chromium_executable() -> str | None:
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason}; CI must run the browser tests", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    executable = chromium_executable()
    if executable is None:
        unavailable("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -r requirements-dev.txt)")

    # Playwright's sync API runs an asyncio event loop in the main thread (in a greenlet),
    # and that loop stays registered as the thread's running loop until Playwright stops.
    # Django then sees every ORM call made from the main thread (the `world` fixture, the
    # test's own queries, pytest-django's flush after a transactional test) as made from
    # async code and raises SynchronousOnlyOperation, although nothing is concurrent: the
    # main thread only waits for the browser. The live server answers in its own thread,
    # where no loop runs, so the application itself keeps the check. The switch is set
    # only once the browser is really used and lasts while Playwright runs: the browser is
    # module-scoped, so tests outside browser modules keep the check.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            # The browser's own controls (a file field's button) in Vietnamese, as a Vietnamese
            # user's browser shows them (Debian's chromium-l10n has the translations).
            environment = {
                **os.environ,
                "LANG": os.environ.get("LANG") or "C.UTF-8",
                "LANGUAGE": "vi",
            }
            chromium = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS, env=environment
            )
            yield chromium
            chromium.close()


@pytest.fixture
def console_errors():
    """Errors logged to the browser console or thrown by scripts, on any page of the test."""
    return []


@pytest.fixture
def new_page(browser, live_server, console_errors):
    """Open a page in a fresh browser context: its own cookies, so its own login."""
    contexts = []

    def open_page():
        context = browser.new_context(
            base_url=live_server.url, viewport=VIEWPORT, locale=LOCALE, timezone_id=TIMEZONE
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()

        def on_console(message):
            if message.type != "error":
                return
            source = message.location.get("url", "")
            # The site has no icon yet and Chromium asks for /favicon.ico on its own; that
            # 404 is not an error of the page.
            if source.endswith("/favicon.ico"):
                return
            console_errors.append(
                f"{page.url}: {message.text}" + (f" [{source}]" if source else "")
            )

        def on_page_error(error):
            console_errors.append(f"{page.url}: {error}")

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot to docs/screenshots/<name>.png when SCREENSHOTS is set.

    Off by default, so that running the tests does not rewrite the images in the tree
    (their dates and times change on each run).
    """

    def save(page, name):
        if not os.environ.get("SCREENSHOTS"):
            return
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)

    return save
