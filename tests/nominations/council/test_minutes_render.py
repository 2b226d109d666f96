"""The vote-counting minutes (biên bản kiểm phiếu) as PDF and DOCX: the data, the page.

No database. The static wording is translatable and may not be in the catalogue yet: these
tests look for the data (names, counts, date, reference), and for labels only as the catalogue
renders them at the time.
"""

import datetime
import io
import re
import unicodedata

import docx
import pytest
from django.utils import translation
from django.utils.translation import pgettext
from docx.oxml.ns import qn
from pypdf import PdfReader, mult

from nominations.council.minutes_render import (
    MinutesData,
    MinutesLine,
    MinutesSigner,
    render_minutes_docx,
    render_minutes_pdf,
)
from nominations.documents.pdf import (
    ResourceRefused,
    render_pdf,
    static_only_fetcher,
    static_root,
)

LINES = (
    # name, unit, award, agree, disagree, abstain, recused, base, percent, threshold, source,
    # passed, outcome
    (
        "Nguyễn Thị Hồng Nhung",
        "Phòng Tư pháp",
        "Chiến sĩ thi đua cấp tỉnh",
        10,
        1,
        0,
        0,
        11,
        "90,9 %",
        "≥ 90 % tổng số thành viên Hội đồng",
        "NĐ 91/2017/NĐ-CP Điều 45(8)",
        True,
        "Đề nghị cấp trên khen thưởng",
    ),
    (
        "Trần Văn Đức",
        "Phòng Y tế",
        "Chiến sĩ thi đua cơ sở",
        7,
        2,
        1,
        3,
        8,
        "70,0 %",
        "≥ 2/3 số thành viên có mặt",
        "Quy chế Hội đồng huyện Kỳ Anh",
        True,
        "Đạt",
    ),
    (
        "Tập thể Phòng Giáo dục và Đào tạo",
        "Phòng Giáo dục và Đào tạo",
        "Tập thể lao động xuất sắc",
        4,
        5,
        2,
        0,
        11,
        "36,4 %",
        "> 50 % tổng số thành viên Hội đồng",
        "",
        False,
        "Không đạt",
    ),
)


def minutes(count: int = 3) -> MinutesData:
    """Minutes of `count` lines; past the first three, names carry their position."""
    lines = []
    for i in range(count):
        name, *rest = LINES[i % len(LINES)]
        lines.append(MinutesLine(i + 1, name if i < len(LINES) else f"{name} số {i + 1}", *rest))
    return MinutesData(
        authority_name="Ủy ban nhân dân huyện Kỳ Anh",
        council_name="Hội đồng Thi đua - Khen thưởng",
        reference="Số: 03/BB-HĐTĐKT",
        place_name="Kỳ Anh",
        held_on=datetime.date(2020, 9, 2),
        session_title="Phiên họp xét khen thưởng tổng kết phong trào năm 2020",
        venue="Hội trường UBND huyện Kỳ Anh",
        chair_name="Lê Văn Hùng",
        secretary_name="Phạm Thị Thu Hà",
        total_members=11,
        present=9,
        written=1,
        absent=1,
        quorum_text="Có mặt 9/11 thành viên (tối thiểu 2/3)",
        quorum_met=True,
        ballots_counted=10,
        lines=tuple(lines),
        signers=(
            MinutesSigner("Thư ký Hội đồng", "Phạm Thị Thu Hà"),
            MinutesSigner("Chủ tịch Hội đồng", "Lê Văn Hùng"),
        ),
    )


def flat(text: str) -> str:
    """Composed Unicode, one space for any run of white space (line breaks inside cells)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def counts(line: MinutesLine) -> str:
    return f"{line.agree} {line.disagree} {line.abstain} {line.recused}"


def label(msgid: str) -> str:
    """A static label as the catalogue renders it now (translated or not)."""
    with translation.override("vi"):
        return pgettext("minutes", msgid)


@pytest.fixture(scope="module")
def short_pdf():
    data = minutes(3)
    return data, PdfReader(io.BytesIO(render_minutes_pdf(data)))


@pytest.fixture(scope="module")
def long_pdf():
    data = minutes(60)
    return data, PdfReader(io.BytesIO(render_minutes_pdf(data)))


@pytest.fixture(scope="module")
def short_docx():
    data = minutes(3)
    return data, docx.Document(io.BytesIO(render_minutes_docx(data)))


# PDF.


def test_pdf_carries_the_reference_date_place_and_people(short_pdf):
    data, reader = short_pdf
    text = flat("".join(page.extract_text() for page in reader.pages))
    assert "Số: 03/BB-HĐTĐKT" in text
    assert "Kỳ Anh, ngày 02 tháng 9 năm 2020" in text
    assert "Phiên họp xét khen thưởng tổng kết phong trào năm 2020" in text
    assert "Hội trường UBND huyện Kỳ Anh" in text
    assert "Có mặt 9/11 thành viên (tối thiểu 2/3)" in text
    assert "ỦY BAN NHÂN DÂN HUYỆN KỲ ANH" in text
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
    for signer in data.signers:
        assert signer.name in text
        assert signer.title.upper() in text
    # Between the secretary and the quorum: members total, present, written, absent; then the
    # ballots counted before the table.
    members = text[text.index(data.secretary_name) : text.index(data.quorum_text)]
    assert re.findall(r"\d+", members) == ["11", "9", "1", "1"]
    after_quorum = text.index(data.quorum_text) + len(data.quorum_text)
    ballots = text[after_quorum : text.index(data.lines[0].nominee_name)]
    assert re.findall(r"\d+", ballots) == ["10", "1"]  # then the first row's position


def test_pdf_rows_hold_each_nominee_with_their_own_counts(short_pdf):
    data, reader = short_pdf
    text = flat(reader.pages[0].extract_text())
    starts = [text.index(line.nominee_name) for line in data.lines]
    assert starts == sorted(starts), "rows in agenda order"
    for i, line in enumerate(data.lines):
        row = text[starts[i] : starts[i + 1] if i + 1 < len(starts) else None]
        assert line.unit_name in row
        assert line.award_name in row
        # agree, disagree, abstain, recused in that order, then the share over the base.
        assert f" {counts(line)} " in row, row
        assert f"({line.agree}/{line.base})" in row
        assert flat(line.agree_percent) in row
        assert line.outcome_text in row
        assert flat(line.threshold_text) in row


def test_pdf_notes_each_threshold_and_its_source_once(short_pdf):
    data, reader = short_pdf
    text = flat("".join(page.extract_text() for page in reader.pages))
    for line in data.lines:
        if line.source:
            assert text.count(line.source) == 1


def test_pdf_embeds_the_projects_liberation_serif(short_pdf):
    """The fonts come from static/fonts (declared by @font-face), never from the system."""
    _, reader = short_pdf
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts == {"Document-Serif", "Document-Serif-Bold", "Document-Serif-Italic"}


def test_pdf_page_is_a4_portrait(short_pdf):
    _, reader = short_pdf
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (
        210,
        297,
    )


def text_in_top_margin(page) -> list[tuple[str, float]]:
    """Text drawn in the top 20 mm of a page, with its horizontal position (mm)."""
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        x, y = mult(tm, cm)[4:6]
        if text.strip() and y > height - 20 / 25.4 * 72:
            found.append((text.strip(), x * 25.4 / 72))

    page.extract_text(visitor_text=visit)
    return found


def test_long_minutes_run_over_pages_numbered_from_page_two(long_pdf):
    data, reader = long_pdf
    assert len(reader.pages) > 1
    assert text_in_top_margin(reader.pages[0]) == []
    for number, page in enumerate(reader.pages[1:], start=2):
        [(text, x)] = text_in_top_margin(page)
        assert text == str(number)
        assert 105 < x < 115  # centred over the text block (30 to 195 mm)
    text = flat("".join(page.extract_text() for page in reader.pages))
    for line in data.lines:
        assert line.nominee_name in text


def test_long_minutes_repeat_the_table_header_on_every_page(long_pdf):
    _, reader = long_pdf
    # Compared without white space: a narrow header cell may wrap its label anywhere.
    heading = re.sub(r"\s", "", flat(label("Individual / collective")))
    for page in reader.pages:
        assert heading in re.sub(r"\s", "", flat(page.extract_text()))


def test_long_minutes_keep_every_row_and_its_counts(long_pdf):
    data, reader = long_pdf
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    # Each row's counts follow its own name (names past the third carry their position).
    for line in data.lines[3:]:
        after = text[text.index(line.nominee_name) :]
        assert after.index(f" {counts(line)} ") < after.index(f"({line.agree}/{line.base})")


# DOCX.


def results_table(document):
    [table] = [t for t in document.tables if len(t.columns) == 11]
    return table


def test_docx_table_holds_the_same_names_and_counts(short_docx):
    data, document = short_docx
    table = results_table(document)
    rows = table.rows[1:]
    assert len(rows) == len(data.lines)
    for row, line in zip(rows, data.lines, strict=True):
        cells = [cell.text for cell in row.cells]
        assert cells[0] == str(line.position)
        assert cells[1:4] == [line.nominee_name, line.unit_name, line.award_name]
        assert cells[4:8] == [str(n) for n in (line.agree, line.disagree, line.abstain)] + [
            str(line.recused)
        ]
        assert f"({line.agree}/{line.base})" in cells[8]
        assert cells[9] == line.threshold_text
        assert cells[10] == line.outcome_text


def test_docx_header_row_repeats_on_each_page(short_docx):
    _, document = short_docx
    table = results_table(document)
    header, *rows = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows)
    assert header.cells[1].text == label("Individual / collective")


def test_docx_carries_the_reference_date_and_people(short_docx):
    data, document = short_docx
    body = [p.text for p in document.paragraphs]
    for table in document.tables:
        body += [cell.text for row in table.rows for cell in row.cells]
    text = flat("\n".join(body))
    assert "Số: 03/BB-HĐTĐKT" in text
    assert "Kỳ Anh, ngày 02 tháng 9 năm 2020" in text
    assert "Hội trường UBND huyện Kỳ Anh" in text
    for signer in data.signers:
        assert signer.name in text
        assert signer.title.upper() in text
    members = text[text.index(data.secretary_name) : text.index(data.quorum_text)]
    assert re.findall(r"\d+", members) == ["11", "9", "1", "1"]
    assert "NĐ 91/2017/NĐ-CP Điều 45(8)" in text


def test_docx_page_margins_font_and_page_numbers(short_docx):
    _, document = short_docx
    [section] = document.sections

    def mm(*lengths):
        return tuple(round(length.mm, 1) for length in lengths)

    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.bottom_margin) == (20, 20)
    assert mm(section.left_margin, section.right_margin) == (30, 15)
    # Page numbers from page 2: a PAGE field in the header, an empty first-page header.
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(t.text for t in section.header._element.iter(qn("w:instrText")))
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    fonts = document.styles["Normal"].element.rPr.rFonts
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(slot)) == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 13


# The PDF reads only the project's static files.


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/print.css",
        "http://127.0.0.1/static/css/print.css",
        "file:///etc/passwd",
        "file:///work/../etc/passwd",
        "data:text/css,body{}",
    ],
)
def test_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ResourceRefused):
        static_only_fetcher().fetch(url)


def test_fetcher_refuses_a_path_escaping_the_static_folder():
    escape = (static_root() / ".." / "manage.py").as_uri()
    with pytest.raises(ResourceRefused):
        static_only_fetcher().fetch(escape)


def test_fetcher_reads_a_static_file():
    css = static_root() / "css" / "print.css"
    response = static_only_fetcher().fetch(css.as_uri())
    assert response.read() == css.read_bytes()


@pytest.mark.parametrize(
    "html",
    [
        '<link rel="stylesheet" href="https://example.org/print.css"><p>x</p>',
        '<img src="file:///etc/hostname">',
        '<img src="../manage.py">',
        '<link rel="stylesheet" href="css/missing.css"><p>x</p>',
    ],
)
def test_a_document_asking_for_anything_else_is_not_rendered(settings, html):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"doc.html": html})]},
        }
    ]
    with pytest.raises(ResourceRefused):
        render_pdf("doc.html", {})
