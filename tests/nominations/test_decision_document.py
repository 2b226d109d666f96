"""The award decision as a document: PDF and DOCX downloads of a published decision."""

import datetime
import io
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from django.urls import reverse
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from nominations import services
from nominations.decision_document import (
    decision_data,
    render_decision_docx,
    render_decision_pdf,
    signature_lines,
)
from nominations.models import AwardRule, BaseSalary, Decision, DecisionOutcome, LegalPeriod
from tests.factories import nominee
from tests.workflows.helpers import complete, dossier_at

SNAPSHOT = Path(__file__).parent / "snapshots" / "decision-page-1.png"
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường")
BONUS = "450.000"  # 0,3 × 1.490.000 = 447.000, rounded up to tens of thousands (NĐ 98 Điều 53)


def _decided(world) -> Decision:
    """A decision of the district for three Lao động tiên tiến, fixed as No. 15 of 02/9/2020."""
    AwardRule.objects.filter(award=world.award).update(bonus_multiple=Decimal("0.3"))
    BaseSalary.objects.create(
        valid_from=datetime.date(2019, 7, 1), amount=1_490_000, source="NĐ 38/2019/NĐ-CP"
    )
    dossier = dossier_at(world, "decide", nominees=[nominee(name) for name in NAMES])
    outcomes = {n.pk: (DecisionOutcome.AWARDED, "") for n in dossier.nominees.all()}
    complete(
        dossier,
        "decide",
        world.chair,
        lambda: services.dossier_decide(
            actor=world.chair, dossier=dossier, outcomes=outcomes, signer_title="Chủ tịch"
        ),
    )
    decision = dossier.decisions.get()
    # The number, date and signer are fixed so that the page's snapshot does not change daily.
    Decision.objects.filter(pk=decision.pk).update(
        number=15, year=2020, issued_on=datetime.date(2020, 9, 2), signer_name="Phạm Văn Đức"
    )
    decision.refresh_from_db()
    return decision


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_facts_follow_decree_30(world):
    decision = _decided(world)
    data = decision_data(decision)
    assert data.authority_name == "ỦY BAN NHÂN DÂN HUYỆN KỲ ANH"
    assert data.authority_lines == ("ỦY BAN NHÂN DÂN", "HUYỆN KỲ ANH")
    assert data.reference == "Số: 15/QĐ-UBND"
    assert data.place_date == "Kỳ Anh, ngày 02 tháng 9 năm 2020"
    assert data.title == "QUYẾT ĐỊNH"
    assert data.subject.startswith("Về việc khen thưởng")
    assert data.deciding_authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KỲ ANH"
    assert data.grounds[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert data.grounds[-1] == "Xét đề nghị của Phòng Tư pháp và của Phòng Nội vụ."
    first, second, third = data.articles
    assert first.paragraphs == (
        "Tặng danh hiệu “Lao động tiên tiến” năm 2020 cho 3 cá nhân, có tên trong danh sách "
        "kèm theo.",
    )
    assert second.paragraphs == (
        f"Mỗi cá nhân được tặng danh hiệu “Lao động tiên tiến” được thưởng kèm theo {BONUS} đồng.",
    )
    assert "Trưởng phòng Nội vụ" in third.paragraphs[-1]
    assert data.recipients[-1] == "- Lưu: VT, NV."
    assert data.signature == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert data.annex_note == (
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 02 tháng 9 năm 2020 của Chủ tịch "
        "Ủy ban nhân dân huyện Kỳ Anh)"
    )
    (group,) = data.annex_groups
    assert [row.name for row in group.rows] == list(NAMES)
    assert [row.number for row in group.rows] == [1, 2, 3]
    assert {row.bonus for row in group.rows} == {BONUS}
    assert data.annex_total == ("Tổng cộng", "1.350.000")
    assert data.filename == "quyet-dinh-15-QD-UBND-2020"


def test_the_grounds_cite_the_law_of_the_dossiers_year(world):
    decision = _decided(world)
    LegalPeriod.objects.create(
        code="law-2003-decree-91",
        name="Luật TĐKT 2003 và Nghị định 91/2017/NĐ-CP",
        valid_from=datetime.date(2017, 10, 1),
        valid_until=datetime.date(2023, 12, 31),
    )
    LegalPeriod.objects.create(
        code="some-later-period",
        name="—",
        valid_from=datetime.date(2024, 1, 1),
        sources="Luật Thi đua, Khen thưởng số 06/2022/QH15 (Luật 2022); Nghị định 98/2023/NĐ-CP",
    )
    grounds = decision_data(decision).grounds
    assert grounds[1].startswith("Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003")
    assert grounds[2].startswith("Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017")
    # A period without its own wording here is cited from its sources.
    decision.dossier.year = 2024
    grounds = decision_data(decision).grounds
    assert grounds[1:3] == (
        "Căn cứ Luật Thi đua, Khen thưởng số 06/2022/QH15;",
        "Căn cứ Nghị định 98/2023/NĐ-CP;",
    )


def test_the_signature_block_reads_the_signers_title():
    committee = "Ủy ban nhân dân huyện Kỳ Anh"
    assert signature_lines("KT. Chủ tịch", committee, "Chủ tịch") == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )
    assert signature_lines("KT. Giám đốc", "Sở Nội vụ", "Giám đốc") == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    )
    assert signature_lines("Giám đốc", "Sở Nội vụ", "Giám đốc") == ("GIÁM ĐỐC",)


def test_the_pdf_download_holds_the_decision(world, client):
    decision = _decided(world)
    response = client.get(reverse("public_decision_pdf", args=[decision.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="quyet-dinh-15-QD-UBND-2020.pdf"'
    )
    text = _flat(_pdf_text(b"".join(response.streaming_content)))
    for expected in ("15/QĐ-UBND", "ngày 02 tháng 9 năm 2020", "Căn cứ", BONUS, *NAMES):
        assert expected in text
    assert "Lưu: VT, NV." in text


def test_the_docx_download_holds_the_same(world, client):
    decision = _decided(world)
    response = client.get(reverse("public_decision_docx", args=[decision.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="quyet-dinh-15-QD-UBND-2020.docx"'
    )
    text = _flat(_docx_text(b"".join(response.streaming_content)))
    for expected in ("15/QĐ-UBND", "ngày 02 tháng 9 năm 2020", "Căn cứ", BONUS, *NAMES):
        assert expected in text
    assert "TM. ỦY BAN NHÂN DÂN" in text


def test_the_public_page_links_both_files(world, client):
    decision = _decided(world)
    page = client.get(reverse("public_decision", args=[decision.pk])).content.decode()
    assert reverse("public_decision_pdf", args=[decision.pk]) in page
    assert reverse("public_decision_docx", args=[decision.pk]) in page


@pytest.mark.parametrize("name", ["public_decision_pdf", "public_decision_docx"])
def test_nothing_unpublished_or_unknown_is_downloadable(world, client, name):
    decision = _decided(world)
    Decision.objects.filter(pk=decision.pk).update(published_at=None)
    assert client.get(reverse(name, args=[decision.pk])).status_code == 404
    assert client.get(reverse(name, args=[decision.pk + 1000])).status_code == 404


def test_the_first_page_looks_as_before(world, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: no image of the page to compare")
    pdf = tmp_path / "decision.pdf"
    pdf.write_bytes(render_decision_pdf(_decided(world)))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, tmp_path / "p"],
        check=True,
    )
    page = Image.open(tmp_path / "p.png").convert("L")
    if not SNAPSHOT.exists():
        if os.environ.get("SNAPSHOTS") != "1":
            pytest.skip(f"no reference image; run with SNAPSHOTS=1 to write {SNAPSHOT}")
        SNAPSHOT.parent.mkdir(exist_ok=True)
        page.save(SNAPSHOT)
    reference = Image.open(SNAPSHOT).convert("L")
    assert page.size == reference.size
    mean = ImageStat.Stat(ImageChops.difference(page, reference)).mean[0]
    assert mean < 2.0, f"page 1 differs from {SNAPSHOT.name}: mean pixel difference {mean:.2f}"


def test_the_docx_is_editable_a4_with_the_annex(world):
    document = docx.Document(io.BytesIO(render_decision_docx(_decided(world))))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30
    annex = document.tables[-1]
    assert annex.rows[0].cells[1].text == "Họ và tên / Tên tập thể"
    assert annex.rows[-1].cells[-1].text == "1.350.000"
