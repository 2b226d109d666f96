"""The council's vote-counting minutes (biên bản kiểm phiếu), as PDF and as DOCX.

Both carry the same content in the Decree 30/2020/NĐ-CP look (A4 portrait; margins 20 mm top
and bottom, 30 mm left, 15 mm right; Times New Roman metrics, 13 pt; page numbers from page 2,
centred in the top margin). The record is always issued in Vietnamese: the static wording uses
English msgids (context "minutes") and is rendered under the site's default language.
"""

import datetime
import io
from dataclasses import dataclass

import docx
from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from nominations.documents.pdf import render_pdf
from nominations.formatting import decree30_date

TEMPLATE = "nominations/council/minutes.html"
NBSP = "\u00a0"

# Column widths of the result table, in mm: 165 mm between the margins (210 - 30 - 15).
COLUMN_WIDTHS_MM = (8, 24, 19, 21, 11, 11, 11, 11, 13, 18, 18)


@dataclass(frozen=True)
class MinutesLine:
    position: int  # 1-based order on the agenda
    nominee_name: str
    unit_name: str  # proposing unit, or the collective's own unit
    award_name: str
    agree: int
    disagree: int
    abstain: int
    recused: int  # members recused on this item (excluded from its ballot)
    base: int  # the denominator the threshold is counted over
    agree_percent: str  # already formatted, e.g. "90,0 %"
    threshold_text: str  # e.g. "≥ 90 % tổng số thành viên Hội đồng"
    source: str  # legal source of the rule, e.g. "NĐ 91/2017/NĐ-CP Điều 45(8)"
    passed: bool
    outcome_text: str  # e.g. "Đạt", "Không đạt", "Đề nghị cấp trên khen thưởng"


@dataclass(frozen=True)
class MinutesSigner:
    title: str  # e.g. "CHỦ TỊCH HỘI ĐỒNG" / "THƯ KÝ HỘI ĐỒNG"
    name: str


@dataclass(frozen=True)
class MinutesData:
    authority_name: str  # upper line of the header, e.g. "ỦY BAN NHÂN DÂN HUYỆN KỲ ANH"
    council_name: str  # e.g. "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    reference: str  # e.g. "Số: 03/BB-HĐTĐKT" (may be "")
    place_name: str  # e.g. "Kỳ Anh"
    held_on: datetime.date
    session_title: str  # e.g. "Phiên họp xét khen thưởng tổng kết phong trào năm 2020"
    venue: str
    chair_name: str
    secretary_name: str
    total_members: int
    present: int  # members who voted in the session
    written: int  # absent members whose written ballots were counted
    absent: int  # absent members with no ballot
    quorum_text: str  # e.g. "Có mặt 9/11 thành viên (tối thiểu 2/3)"
    quorum_met: bool
    ballots_counted: int  # total ballots in the box (electronic + written)
    lines: tuple[MinutesLine, ...]
    signers: tuple[MinutesSigner, ...]


def _notes(data: MinutesData) -> list[str]:
    """One line per distinct (threshold, legal source) pair, in the order they first appear."""
    notes = []
    for threshold, source in dict.fromkeys((ln.threshold_text, ln.source) for ln in data.lines):
        if threshold and source:
            notes.append(
                pgettext("minutes", "Threshold “%(threshold)s”: %(source)s.")
                % {"threshold": threshold, "source": source}
            )
        elif threshold:
            notes.append(
                pgettext("minutes", "Threshold “%(threshold)s”.") % {"threshold": threshold}
            )
    return notes


def _share(line: MinutesLine) -> str:
    """'90,9 % (10/11)': the formatted share, kept on one line, then agree over the base."""
    return f"{line.agree_percent.replace(' ', NBSP)} ({line.agree}/{line.base})"


def _place_date(data: MinutesData) -> str:
    date = decree30_date(data.held_on)
    return f"{data.place_name}, {date}" if data.place_name else date


def render_minutes_pdf(data: MinutesData) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "data": data,
            "held_on": decree30_date(data.held_on),
            "place_date": _place_date(data),
            "rows": [(line, _share(line)) for line in data.lines],
            "notes": _notes(data),
            "column_widths": COLUMN_WIDTHS_MM,
            "LANGUAGE_CODE": settings.LANGUAGE_CODE,
        }
        return render_pdf(TEMPLATE, context)


def render_minutes_docx(data: MinutesData) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _MinutesDocx(data).build()


# --- DOCX -------------------------------------------------------------------------------------

FONT_NAME = "Times New Roman"
BODY_PT = 13
TABLE_PT = 10.5
TABLE_HEADER_PT = 9
SMALL_PT = 9
ISSUER_PT = 12

# What follows w:pBdr in a paragraph's properties, and w:tblBorders in a table's (schema order).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBLCELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_TBLBORDERS = (
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
    "w:tblPrChange",
)  # fmt: skip


def _set_fonts(r_pr, name: str = FONT_NAME) -> None:
    """Name the font for every script slot (Latin, high ANSI, East Asian, complex), no theme."""
    r_fonts = r_pr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(slot), name)


class _MinutesDocx:
    def __init__(self, data: MinutesData):
        self.data = data
        self.document = docx.Document()

    # Building blocks.

    def _paragraph(
        self,
        text: str = "",
        *,
        container=None,
        align=None,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        indent_first: bool = False,
        space_after: float = 4,
    ):

        container = container if container is not None else self.document
        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align is None else align
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(space_after)
        if indent_first:
            fmt.first_line_indent = Mm(10)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
            if size:
                run.font.size = Pt(size)
        return paragraph

    @staticmethod
    def _rule(paragraph, *, side: str = "bottom") -> None:
        """A thin line along one side of a paragraph (the rules under the header lines)."""
        borders = OxmlElement("w:pBdr")
        line = OxmlElement(
            f"w:{side}",
            {qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "1", qn("w:color"): "000000"},
        )
        borders.append(line)
        paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)

    @staticmethod
    def _no_borders(table) -> None:
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(OxmlElement(f"w:{edge}", {qn("w:val"): "nil"}))
        table._tbl.tblPr.insert_element_before(borders, *_AFTER_TBLBORDERS)

    @staticmethod
    def _cell_margins(table, mm: float) -> None:
        """Left and right padding of every cell (Word's default, 1.9 mm, is too wide here)."""
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            width = str(round(mm * 1440 / 25.4))  # twentieths of a point
            margins.append(OxmlElement(f"w:{side}", {qn("w:w"): width, qn("w:type"): "dxa"}))
        table._tbl.tblPr.insert_element_before(margins, *_AFTER_TBLCELLMAR)

    @staticmethod
    def _fixed_widths(table, widths_mm) -> None:
        """Fixed layout; the grid and the rows so far get the widths (add_row copies the grid)."""
        table.autofit = False  # w:tblLayout type="fixed"
        widths = [Mm(width) for width in widths_mm]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width

    @staticmethod
    def _cell_text(cell, text: str, *, bold=False, italic=False, size=None, align=None) -> None:
        paragraph = cell.paragraphs[0]
        if align is not None:
            paragraph.paragraph_format.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)

    # The document.

    def build(self) -> bytes:
        self._page()
        self._header()
        self._title()
        self._session()
        self._results()
        self._notes()
        self._signatures()
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    def _page(self) -> None:
        document = self.document
        normal = document.styles["Normal"]
        normal.font.name = FONT_NAME
        normal.font.size = Pt(BODY_PT)
        r_pr = normal.element.get_or_add_rPr()
        _set_fonts(r_pr)
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
        lang.set(qn("w:val"), "vi-VN")
        # The template's document defaults name theme fonts; name the real one there too.
        defaults = document.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if default_rpr is not None:
                _set_fonts(default_rpr)
        core = document.core_properties
        core.title = pgettext("minutes", "VOTE-COUNTING MINUTES")
        core.subject = self.data.session_title
        core.language = "vi-VN"

        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)

        # Page numbers from page 2, centred in the top margin; page 1's header stays empty.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # A complex field: begin, the instruction, separate, a placeholder result, end.
        for part in ("begin", " PAGE ", "separate", "2", "end"):
            run = paragraph.add_run()
            run.font.size = Pt(BODY_PT)
            if part in ("begin", "separate", "end"):
                run._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): part}))
            elif part == " PAGE ":
                instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
                instr.text = part
                run._r.append(instr)
            else:
                run.text = part

    def _header(self) -> None:
        data = self.data
        center = WD_ALIGN_PARAGRAPH.CENTER
        table = self.document.add_table(rows=1, cols=2)
        self._no_borders(table)
        self._fixed_widths(table, (72.5, 92.5))
        issuer, nation = table.rows[0].cells

        self._cell_text(issuer, data.authority_name.upper(), size=ISSUER_PT, align=center)
        self._paragraph(
            data.council_name.upper(),
            container=issuer,
            align=center,
            bold=True,
            size=ISSUER_PT,
            space_after=0,
        )
        # A short rule under the issuing body: a bordered paragraph squeezed by its indents.
        rule = self._paragraph(container=issuer, align=center, space_after=2)
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(25)
        rule.paragraph_format.line_spacing = Pt(2)
        self._rule(rule, side="top")
        if data.reference:
            self._paragraph(data.reference, container=issuer, align=center, space_after=0)

        country = pgettext("minutes", "SOCIALIST REPUBLIC OF VIET NAM")
        self._cell_text(nation, country, bold=True, size=ISSUER_PT, align=center)
        self._paragraph(
            pgettext("minutes", "Independence - Freedom - Happiness"),
            container=nation,
            align=center,
            bold=True,
            space_after=0,
        )
        # The line under the motto, about as long as the motto.
        rule = self._paragraph(container=nation, align=center, space_after=0)
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(18)
        rule.paragraph_format.line_spacing = Pt(2)
        self._rule(rule, side="top")
        self._paragraph(
            _place_date(data), container=nation, align=center, italic=True, space_after=0
        ).paragraph_format.space_before = Pt(8)
        self._paragraph(space_after=6)

    def _title(self) -> None:
        center = WD_ALIGN_PARAGRAPH.CENTER
        title = pgettext("minutes", "VOTE-COUNTING MINUTES")
        self._paragraph(title, align=center, bold=True, size=14, space_after=0)
        self._paragraph(self.data.session_title, align=center, bold=True, space_after=12)

    def _session(self) -> None:
        data = self.data
        held_on = decree30_date(data.held_on)
        if data.venue:
            opening = pgettext(
                "minutes",
                "Today, %(date)s, at %(venue)s, the Council counted the ballots of its secret "
                "vote.",
            ) % {"date": held_on, "venue": data.venue}
        else:
            opening = pgettext(
                "minutes", "Today, %(date)s, the Council counted the ballots of its secret vote."
            ) % {"date": held_on}
        chair = pgettext("minutes", "Chair: %(name)s.") % {"name": data.chair_name}
        secretary = pgettext("minutes", "Secretary: %(name)s.") % {"name": data.secretary_name}
        members = pgettext(
            "minutes",
            "Council members: %(total)s; present and voting: %(present)s; absent, ballot sent "
            "in writing: %(written)s; absent without a ballot: %(absent)s.",
        ) % {
            "total": data.total_members,
            "present": data.present,
            "written": data.written,
            "absent": data.absent,
        }
        if data.quorum_met:
            quorum = pgettext("minutes", "%(quorum)s: the session meets the quorum.")
        else:
            quorum = pgettext("minutes", "%(quorum)s: the session does not meet the quorum.")
        quorum %= {"quorum": data.quorum_text}
        ballots = pgettext(
            "minutes",
            "Ballots counted: %(count)s (ballots of the members present and written ballots of "
            "absent members).",
        ) % {"count": data.ballots_counted}
        for text in (
            opening,
            f"{chair} {secretary}",
            members,
            quorum,
            ballots,
            pgettext("minutes", "The result of the count:"),
        ):
            self._paragraph(text, indent_first=True)

    def _results(self) -> None:
        center = WD_ALIGN_PARAGRAPH.CENTER
        left = WD_ALIGN_PARAGRAPH.LEFT
        labels = (
            pgettext("minutes", "No."),
            pgettext("minutes", "Individual / collective"),
            pgettext("minutes", "Unit"),
            pgettext("minutes", "Title or form of award proposed"),
            pgettext("minutes", "Agree"),
            pgettext("minutes", "Disagree"),
            pgettext("minutes", "Abstain"),
            pgettext("minutes", "Recused"),
            pgettext("minutes", "Share agreeing"),
            pgettext("minutes", "Threshold"),
            pgettext("minutes", "Result"),
        )
        table = self.document.add_table(rows=1, cols=len(labels))
        table.style = "Table Grid"
        self._fixed_widths(table, COLUMN_WIDTHS_MM)
        self._cell_margins(table, 0.7)
        header = table.rows[0]
        tr_pr = header._tr.get_or_add_trPr()
        for tag in ("w:cantSplit", "w:tblHeader"):  # repeat the header row on each page
            tr_pr.append(OxmlElement(tag))
        for cell, label in zip(header.cells, labels, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            self._cell_text(cell, label, bold=True, size=TABLE_HEADER_PT, align=center)

        for line in self.data.lines:
            row = table.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            values = (
                (str(line.position), center, None),
                (line.nominee_name, left, None),
                (line.unit_name, left, None),
                (line.award_name, left, None),
                (str(line.agree), center, None),
                (str(line.disagree), center, None),
                (str(line.abstain), center, None),
                (str(line.recused), center, None),
                (_share(line), center, None),
                (line.threshold_text, left, SMALL_PT),
                (line.outcome_text, center, None),
            )
            for cell, (text, align, size) in zip(row.cells, values, strict=True):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                self._cell_text(cell, text, size=size or TABLE_PT, align=align)

    def _notes(self) -> None:
        notes = _notes(self.data)
        for i, note in enumerate(notes):
            self._paragraph(
                note,
                align=WD_ALIGN_PARAGRAPH.LEFT,
                italic=True,
                size=11,
                space_after=12 if i == len(notes) - 1 else 2,
            ).paragraph_format.space_before = Pt(6) if i == 0 else None

    def _signatures(self) -> None:
        signers = self.data.signers
        if not signers:
            return
        center = WD_ALIGN_PARAGRAPH.CENTER
        self._paragraph(space_after=6)
        table = self.document.add_table(rows=1, cols=len(signers))
        self._no_borders(table)
        width = 165 / len(signers)
        self._fixed_widths(table, [width] * len(signers))
        row = table.rows[0]
        for cell, signer in zip(row.cells, signers, strict=True):
            self._cell_text(cell, signer.title.upper(), bold=True, align=center)
            space = self._paragraph(container=cell, align=center, space_after=0)
            space.paragraph_format.space_before = Mm(24)
            self._paragraph(signer.name, container=cell, align=center, bold=True, space_after=0)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
