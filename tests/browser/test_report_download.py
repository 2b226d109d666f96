"""A review report in a real browser: its progress bar moves while a worker prepares it, then
the page offers the file, which downloads.

The report is asked for as the broker leaves it before a worker takes it (QUEUED); the
worker's job then runs here, the page polling its state meanwhile (static/js/reviews.js).
"""

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from emulation.models import (
    Direction,
    Measure,
    Movement,
    MovementStatus,
    MovementTask,
    ProgressReport,
    ReviewReport,
    ReviewStatus,
    Target,
)
from emulation.reviews import review_build
from tests.browser.pages import log_in, vi

pytestmark = pytest.mark.browser


@pytest.fixture
def movement(world):
    movement = Movement.objects.create(
        authority=world.district,
        code="so-ket-2020",
        title="Phong trào thi đua cải cách hành chính năm 2020",
        legal_basis="Kế hoạch số 12/KH-UBND",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
        status=MovementStatus.LAUNCHED,
    )
    movement.participants.set([world.justice])
    task = MovementTask.objects.create(movement=movement, number=1, title="Cải cách thủ tục")
    task.lead_units.set([world.justice])
    target = Target.objects.create(
        task=task,
        code="thu-tuc",
        description="Thủ tục được đơn giản hóa",
        measure=Measure.COUNT,
        unit_label="thủ tục",
        direction=Direction.AT_LEAST,
        value=Decimal(10),
        deadline=date(2020, 12, 31),
    )
    ProgressReport.objects.create(
        target=target, unit=world.justice, value=Decimal(12), as_of=date(2020, 5, 1)
    )
    return movement


def test_the_progress_bar_moves_and_the_report_downloads(
    live_server, transactional_db, world, movement, page, console_errors
):
    report = ReviewReport.objects.create(
        movement=movement, as_of=date(2020, 6, 1), requested_by=world.officer
    )
    assert report.status == ReviewStatus.QUEUED
    log_in(page, world.officer)
    page.goto(reverse("review_list", args=[movement.code]))
    row = page.locator("tr.review")
    bar = row.locator("progress[data-role=bar]")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("value", "0")

    assert review_build(report.pk)  # the worker's job, while the page polls

    link = row.get_by_role("link", name=vi("Download (XLSX)"))
    expect(link).to_be_visible(timeout=10_000)
    expect(bar).to_have_count(0)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as saved:  # Playwright saves it without a suffix
        sheets = openpyxl.load_workbook(saved, read_only=True).sheetnames
    assert len(sheets) >= 2  # the summary and a sheet per task
    assert console_errors == []
