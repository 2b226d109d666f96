"""The minutes carry the counts the tally computed, and travel with each dossier."""

import io

from docx import Document
from pypdf import PdfReader

from nominations.models import DocumentKind
from tests.nominations.council.conftest import HELD_ON
from workflows import council_script


def test_the_minutes_pdf_and_docx_hold_the_counts_of_the_tally(world, awaiting):
    first = awaiting.nominees.order_by("position").first()

    def voter(member, item):
        return (
            "disagree" if member == world.seats.member and item.nominee_id == first.pk else "agree"
        )

    session = council_script.run_session(
        officer=world.officer,
        council=world.council,
        dossiers=[awaiting],
        held_on=HELD_ON,
        voter=voter,
    )
    items = list(session.items.order_by("position"))
    assert [(i.agree, i.disagree, i.abstain) for i in items] == [(2, 1, 0), (3, 0, 0)]

    with session.minutes_pdf.open("rb") as stored:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.read())).pages)
    text = " ".join(text.split())
    assert f"{session.minutes_number:02d}/BB-HĐTĐKT" in text
    assert "ngày 25 tháng 8 năm 2020" in text
    for item in items:
        row = text[text.index(item.nominee.full_name) :]
        numbers = [token for token in row.split()[:40] if token.isdigit()]
        assert [str(item.agree), str(item.disagree), str(item.abstain)] == numbers[:3], row[:200]

    with session.minutes_docx.open("rb") as stored:
        cells = [
            c.text
            for t in Document(io.BytesIO(stored.read())).tables
            for r in t.rows
            for c in r.cells
        ]
    assert "Nguyễn Văn An" in cells and "Lê Thị Bình" in cells

    # Each dossier carries the minutes as its council-minutes document.
    minutes = awaiting.attachments.get(kind=DocumentKind.COUNCIL_MINUTES)
    assert minutes.content_type == "application/pdf" and minutes.size > 1000


def test_the_minutes_are_downloaded_only_through_the_sessions_access_check(world, awaiting, login):
    from django.urls import reverse

    session = council_script.run_session(
        officer=world.officer, council=world.council, dossiers=[awaiting], held_on=HELD_ON
    )
    url = reverse("council_minutes_download", args=[session.pk, "pdf"])
    response = login(world.member).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    for outsider in (world.clerk, world.other_head, world.outsider, world.province_officer):
        assert login(outsider).get(url).status_code == 404
    assert (
        login(world.member)
        .get(reverse("council_minutes_download", args=[session.pk, "exe"]))
        .status_code
        == 404
    )
