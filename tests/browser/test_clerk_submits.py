"""A clerk drafts a dossier in a real browser and sends it on; the unit head then sees it.

Pages are found as tests/browser/pages.py says.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from nominations.forms import DossierCreateForm
from nominations.models import (
    CommendationType,
    DocumentKind,
    Dossier,
    DossierStatus,
    RecipientKind,
)
from tests.browser.pages import attach_pdf, field, fill_nominee, log_in, url

pytestmark = pytest.mark.browser

TITLE = "Đề nghị khen thưởng phong trào thi đua “Dân vận khéo” năm 2020"


def test_a_clerk_drafts_and_sends_a_dossier_and_the_unit_head_sees_it(
    live_server, transactional_db, world, page, new_page, console_errors, screenshot
):
    log_in(page, world.clerk, screenshot)

    # The clerk opens a new dossier and fills it in, adding a second nominee with the button.
    page.goto(reverse("dossier_create"))
    form = page.locator("main form.once")
    form.get_by_label(field(DossierCreateForm, "unit")).select_option(str(world.justice.pk))
    form.get_by_label(field(DossierCreateForm, "authority")).select_option(str(world.district.pk))
    form.get_by_label(field(DossierCreateForm, "title")).fill(TITLE)
    form.get_by_label(field(DossierCreateForm, "commendation_type")).select_option(
        CommendationType.MOVEMENT.value
    )
    form.get_by_label(field(DossierCreateForm, "year")).fill("2020")

    nominees = form.locator("#nominee-forms .nominee-form")
    expect(nominees).to_have_count(1)
    fill_nominee(
        nominees.nth(0),
        RecipientKind.INDIVIDUAL.value,
        "Nguyễn Văn An",
        world.award,
        "Hoàn thành xuất sắc nhiệm vụ; tích cực vận động nhân dân.",
    )
    form.locator("#add-nominee").click()
    expect(nominees).to_have_count(2)
    expect(form.locator("#id_nominees-TOTAL_FORMS")).to_have_value("2")
    fill_nominee(
        nominees.nth(1),
        RecipientKind.INDIVIDUAL.value,
        "Trần Thị Bình",
        world.award,
        "Hoàn thành tốt nhiệm vụ được giao.",
    )
    screenshot(page, "dossier-new")
    form.locator(".buttons button[type=submit]").click()

    # The new dossier opens on its first step, "prepare", with what was typed.
    expect(page).to_have_url(re.compile(r"/tasks/\d+/$"))
    dossier = Dossier.objects.get()
    assert (dossier.title, dossier.unit, dossier.authority) == (
        TITLE,
        world.justice,
        world.district,
    )
    assert list(dossier.nominees.order_by("position").values_list("full_name", flat=True)) == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]
    assert dossier.status == DossierStatus.DRAFT
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#id_nominees-1-full_name")).to_have_value("Trần Thị Bình")
    screenshot(page, "prepare-step")

    # The clerk attaches the required documents on the same page: the submission letter and
    # an achievement report per nominee. Each upload comes back to the step.
    prepare_url = page.url
    attach_pdf(page, DocumentKind.SUBMISSION_LETTER, None, "Tờ trình đề nghị khen thưởng.pdf")
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        attach_pdf(page, DocumentKind.ACHIEVEMENT_REPORT, name, f"Báo cáo thành tích {name}.pdf")
        expect(page).to_have_url(prepare_url)
    assert dossier.attachments.count() == 3
    expect(page.locator("#documents input[type=file]")).to_have_count(1)  # "another document"

    # The clerk sends it to the unit head.
    # Only the dossier's nominees are shown: no blank extra form to trip over.
    expect(page.locator(".nominee-form")).to_have_count(2)
    page.locator("button[name=action][value=submit]").click()
    expect(page).to_have_url(url("dossier_detail", dossier.pk))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_HEAD

    # The unit head, in a browser of their own, finds it in the inbox.
    head_page = new_page()
    log_in(head_page, world.head)
    expect(head_page.locator("main")).to_contain_text(TITLE)
    link = head_page.locator("main table a", has_text=TITLE)
    expect(link).to_have_attribute("href", reverse("dossier_detail", args=[dossier.pk]))
    screenshot(head_page, "head-inbox")

    assert console_errors == []
