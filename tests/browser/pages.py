"""What the browser tests share: texts as the Vietnamese page shows them, and logging in.

Pages are found by what does not change with the translation (URLs, field names, ids,
button values, the text typed in) and by their texts as gettext gives them under "vi", so
the tests hold whatever the translation says; fields by their label, which also checks
that every field has a label tied to it.
"""

import re

from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

PASSWORD = "secret-pass-123"  # as set by tests.factories.UserFactory


def vi(text, **values) -> str:
    """The text as the Vietnamese page shows it."""
    with translation.override("vi"):
        shown = translation.gettext(text) if isinstance(text, str) else str(text)
    return shown % values if values else shown


def label(text) -> re.Pattern:
    """A field's label as the Vietnamese page shows it, with or without the required mark."""
    return re.compile(rf"^\s*{re.escape(vi(text))}(\s*\*)?\s*$")


def field(form_class, name) -> re.Pattern:
    return label(form_class.base_fields[name].label)


def url(name, *args) -> re.Pattern:
    return re.compile(re.escape(reverse(name, args=args)) + "$")


def log_in(page, user, screenshot=None):
    """Log in through the login page; people land on their home page."""
    page.goto(reverse("login"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_label(label("User name")).fill(user.username)
    page.get_by_label(label("Password")).fill(PASSWORD)
    if screenshot:
        screenshot(page, "login")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(url("home"))


def take_from_inbox(page, *, row_text, step_title):
    """Take a step waiting in the inbox and open its page."""
    page.goto(reverse("inbox"))
    row = page.locator("main tr", has_text=row_text).filter(has_text=step_title)
    expect(row).to_have_count(1)
    row.get_by_role("button", name=vi("Take")).click()
    expect(page).to_have_url(re.compile(r"/tasks/\d+/$"))
    expect(page.locator("main h1")).to_have_text(step_title)


def fill_nominee(nominee, kind, name, award, summary):
    from nominations.forms import NomineeForm

    nominee.get_by_label(field(NomineeForm, "recipient_kind")).select_option(kind)
    nominee.get_by_label(field(NomineeForm, "full_name")).fill(name)
    nominee.get_by_label(field(NomineeForm, "award")).select_option(str(award.pk))
    nominee.get_by_label(field(NomineeForm, "achievement_summary")).fill(summary)


def attach_pdf(page, document, nominee_name, file_name):
    """On the documents panel, pick a PDF for one missing item (by its label) and attach it."""
    from nominations.documents.samples import minimal_pdf

    shown = vi(document.label)
    concerns = f".*{re.escape(nominee_name)}" if nominee_name else ""
    field = page.get_by_label(re.compile(rf"{re.escape(shown)}{concerns}\s*$"))
    field.set_input_files(
        {"name": file_name, "mimeType": "application/pdf", "buffer": minimal_pdf(file_name)}
    )
    field.locator("xpath=ancestor::form").locator("button[type=submit]").click()
    expect(page.locator("#documents")).to_contain_text(file_name)
