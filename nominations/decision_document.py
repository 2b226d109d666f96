"""The award decision (quyết định khen thưởng) as a document: PDF and DOCX, Decree 30/2020 format.

`decision_data` gathers the facts and every word of the document; the PDF template and the DOCX
builder only lay them out. A decision is a legal document always issued in Vietnamese, so its
fixed wording is written here in Vietnamese, in this one module (not in the template).

Layout (Decree 30/2020/NĐ-CP, Annex I, as static/css/print.css): A4 portrait, margins 20 mm top
and bottom, 30 mm left, 15 mm right; Times New Roman metrics, 13 pt; page numbers from page 2,
centred in the top margin. The annex (the list of awardees) starts on a new page.
"""

import datetime
import io
import re
import unicodedata
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt

from nominations.bonus import bonus_amount
from nominations.council.minutes_render import _MinutesDocx
from nominations.documents.pdf import render_pdf
from nominations.formatting import decree30_date, figure, legal_citation
from nominations.models import (
    Award,
    AwardKind,
    AwardRule,
    BaseSalary,
    LegalPeriod,
    Nominee,
    RecipientKind,
)
from nominations.models.catalogue import rules_day

TEMPLATE = "nominations/decision_document.html"

# --- the fixed wording ------------------------------------------------------------------------

COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "QUYẾT ĐỊNH"
DECIDES = "QUYẾT ĐỊNH:"
RECIPIENTS_HEADING = "Nơi nhận:"
ARCHIVE = "- Lưu: VT, NV."
ANNEX_TITLE = "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG"
ANNEX_COLUMNS = ("TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Mức thưởng (đồng)")
ANNEX_TOTAL = "Tổng cộng"
CURRENCY = "đồng"
KIND_WORD = {RecipientKind.INDIVIDUAL: "cá nhân", RecipientKind.COLLECTIVE: "tập thể"}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# The people's committee is the collective body whose decisions its chair signs "TM." (on
# behalf of the committee; Decree 30/2020 Annex I, part I, item 7).
PEOPLES_COMMITTEE = "Ủy ban nhân dân"
_ABBREVIATIONS = ((re.compile(r"^UBND\b", re.IGNORECASE), PEOPLES_COMMITTEE),)

# The law on emulation and commendation and its implementing decree, by legal period (the codes
# of nominations/catalogue.py PERIODS). Titles and dates as the instruments themselves give them:
# Law of 26/11/2003, amended by the laws of 14/6/2005 and 16/11/2013; Decree 91/2017/NĐ-CP of
# 31/7/2017; Law 06/2022/QH15 of 15/6/2022; Decree 98/2023/NĐ-CP of 31/12/2023; Decree
# 152/2025/NĐ-CP (verify: its date of signature, not written until checked). A period not listed
# here is cited from its `sources` text.
LEGAL_GROUNDS = {
    "law-2003-decree-91": (
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một "
        "số điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm "
        "2013;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    ),
    "law-2022-decree-98": (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    ),
    "law-2022-decree-152": (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng;",
    ),
}
# The people's committee acts under the Law on the organisation of local government: the law
# of 19/6/2015 (77/2015/QH13) until 30/6/2025, then the law of 16/6/2025 (72/2025/QH15, verify).
LOCAL_GOVERNMENT_LAWS = (
    (None, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
    ("2025-07-01", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
)


# --- the facts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    heading: str  # "Điều 1."
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class AnnexRow:
    number: int
    name: str
    unit: str  # position and workplace, or the proposing unit
    bonus: str  # "450.000" or "—"


@dataclass(frozen=True)
class AnnexGroup:
    heading: str  # "I. Danh hiệu “Lao động tiên tiến” (3 cá nhân)"
    rows: tuple[AnnexRow, ...]


@dataclass(frozen=True)
class DecisionDocument:
    authority_name: str  # "ỦY BAN NHÂN DÂN HUYỆN KỲ ANH"
    authority_lines: tuple[str, ...]  # ("ỦY BAN NHÂN DÂN", "HUYỆN KỲ ANH"): the header's lines
    reference: str  # "Số: 15/QĐ-UBND"
    place_date: str  # "Kỳ Anh, ngày 02 tháng 9 năm 2020"
    country: str
    motto: str
    title: str  # "QUYẾT ĐỊNH"
    subject: str  # "Về việc khen thưởng …"
    deciding_authority: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KỲ ANH"
    grounds: tuple[str, ...]  # "Căn cứ …;", …, "Xét đề nghị của …"
    decides: str  # "QUYẾT ĐỊNH:"
    articles: tuple[Article, ...]
    recipients_heading: str  # "Nơi nhận:"
    recipients: tuple[str, ...]  # "- Như Điều 3;", …, "- Lưu: VT, NV."
    signature: tuple[str, ...]  # ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    signer_name: str
    annex_title: str
    annex_note: str  # "(Kèm theo Quyết định số …/QĐ-UBND ngày … của …)"
    annex_columns: tuple[str, ...]
    annex_groups: tuple[AnnexGroup, ...]
    annex_total: tuple[str, str]  # ("Tổng cộng", "1.350.000")
    filename: str  # "quyet-dinh-15-QD-UBND-2020" (no extension)


def decision_data(decision) -> DecisionDocument:
    """Every word of the decision, in Vietnamese, whatever the reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _build(decision)


def _build(decision) -> DecisionDocument:
    authority = decision.authority
    dossier = decision.dossier
    authority_name = full_name(authority.name)
    date_words = decree30_date(decision.issued_on)
    head_title = authority.head_title or "Chủ tịch"
    awardees = _awardees(decision)
    groups = _groups(awardees)
    amounts = _bonuses(groups, decision.issued_on)
    deciding = f"{head_title} {authority_name}".upper()

    annex_groups, total, number = [], 0, 0
    for index, ((award, kind), members) in enumerate(groups.items()):
        amount = amounts[award.pk, kind]
        rows = []
        for nominee in members:
            number += 1
            rows.append(
                AnnexRow(
                    number=number,
                    name=nominee.full_name,
                    unit=nominee.job_title or dossier.unit.name,
                    bonus=figure(amount),
                )
            )
        total += (amount or 0) * len(members)
        heading = f"{_roman(index)}. {_award_phrase(award, capital=True)} ({_count(kind, members)})"
        annex_groups.append(AnnexGroup(heading=heading, rows=tuple(rows)))

    return DecisionDocument(
        authority_name=authority_name.upper(),
        authority_lines=_header_lines(authority_name),
        reference=f"Số: {decision.reference}",
        place_date=f"{authority.place_name}, {date_words}",
        country=COUNTRY,
        motto=MOTTO,
        title=TITLE,
        subject=_subject(decision.subject),
        deciding_authority=deciding,
        grounds=_grounds(decision, authority, authority_name),
        decides=DECIDES,
        articles=_articles(decision, dossier, authority, authority_name, groups, amounts),
        recipients_heading=RECIPIENTS_HEADING,
        recipients=_recipients(authority),
        signature=signature_lines(decision.signer_title, authority_name, head_title),
        signer_name=decision.signer_name,
        annex_title=ANNEX_TITLE,
        annex_note=(
            f"(Kèm theo Quyết định số {decision.reference} {date_words} "
            f"của {head_title} {authority_name})"
        ),
        annex_columns=ANNEX_COLUMNS,
        annex_groups=tuple(annex_groups),
        annex_total=(ANNEX_TOTAL, figure(total)),
        filename=download_name(decision),
    )


def full_name(name: str) -> str:
    """'UBND huyện Kỳ Anh' -> 'Ủy ban nhân dân huyện Kỳ Anh' (a document spells its issuer out)."""
    for pattern, words in _ABBREVIATIONS:
        name = pattern.sub(words, name)
    return name


def _header_lines(authority_name: str) -> tuple[str, ...]:
    """A people's committee's name breaks after "ỦY BAN NHÂN DÂN", as decisions print it."""
    if authority_name.startswith(PEOPLES_COMMITTEE) and authority_name != PEOPLES_COMMITTEE:
        rest = authority_name[len(PEOPLES_COMMITTEE) :].strip()
        return (PEOPLES_COMMITTEE.upper(), rest.upper())
    return (authority_name.upper(),)


def download_name(decision) -> str:
    """'quyet-dinh-15-QD-UBND-2020': ASCII, the reference's slash and diacritics gone."""
    code = re.sub(r"[^A-Za-z0-9]+", "-", _ascii(decision.authority.decision_code)).strip("-")
    return f"quyet-dinh-{decision.number}-{code}-{decision.year}"


def _ascii(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _subject(subject: str) -> str:
    subject = (subject or "").strip()
    if subject.lower().startswith("về việc"):
        return subject
    return f"Về việc {subject[:1].lower()}{subject[1:]}" if subject else "Về việc khen thưởng"


def _awardees(decision) -> list[Nominee]:
    return list(
        Nominee.objects.filter(decision=decision)
        .select_related("award")
        .prefetch_related(
            Prefetch("award__rules", queryset=AwardRule.objects.select_related("period"))
        )
        .order_by("position", "pk")
    )


def _groups(awardees) -> dict[tuple[Award, str], list[Nominee]]:
    """Awardees by (award, individual or collective), in the order the awards first appear."""
    groups: dict[tuple[Award, str], list[Nominee]] = {}
    awards: dict[int, Award] = {}
    for nominee in awardees:
        award = awards.setdefault(nominee.award_id, nominee.award)
        groups.setdefault((award, nominee.recipient_kind), []).append(nominee)
    return groups


def _bonuses(groups, day) -> dict[tuple[int, str], int | None]:
    """The bonus of one awardee per (award, kind), from nominations/bonus.py."""
    salaries = list(BaseSalary.objects.all())
    return {
        (award.pk, kind): bonus_amount(
            award=award, recipient_kind=kind, decision_date=day, salaries=salaries
        ).amount
        for award, kind in groups
    }


def _award_phrase(award: Award, *, capital: bool = False) -> str:
    """'danh hiệu “Lao động tiên tiến”' for a title, 'Bằng khen …' for a form of commendation."""
    if award.kind == AwardKind.TITLE:
        return f"{'Danh' if capital else 'danh'} hiệu “{award.name}”"
    return award.name


def _count(kind: str, members) -> str:
    return f"{len(members)} {KIND_WORD.get(kind, 'cá nhân')}"


def _roman(index: int) -> str:
    return ROMAN[index] if index < len(ROMAN) else str(index + 1)


def _legal_period(year: int):
    """The period whose law judges a dossier of that year; the narrowest (latest start) wins."""
    day = rules_day(year)
    covering = [p for p in LegalPeriod.objects.all() if p.covers(day)]
    return max(covering, key=lambda p: p.valid_from or datetime.date.min, default=None)


def _grounds(decision, authority, authority_name: str) -> tuple[str, ...]:
    grounds = []
    if authority_name.startswith(PEOPLES_COMMITTEE):
        day = decision.issued_on.isoformat()
        law = [text for since, text in LOCAL_GOVERNMENT_LAWS if since is None or since <= day]
        grounds.append(law[-1])
    period = _legal_period(decision.dossier.year)
    if period is not None and period.code in LEGAL_GROUNDS:
        grounds.extend(LEGAL_GROUNDS[period.code])
    elif period is not None:
        for source in period.sources.split(";"):
            source = legal_citation(re.sub(r"\s*\([^()]*\)\s*$", "", source.strip()))
            if source:
                grounds.append(f"Căn cứ {source};")
    grounds.append(
        f"Xét đề nghị của {decision.dossier.unit.name} và của {authority.secretariat_unit.name}."
    )
    return tuple(grounds)


def _articles(decision, dossier, authority, authority_name, groups, amounts):
    year = dossier.year
    award_lines, bonus_lines = [], []
    for (award, kind), members in groups.items():
        award_lines.append(
            f"Tặng {_award_phrase(award)}"
            + (f" năm {year}" if award.kind == AwardKind.TITLE else "")
            + f" cho {_count(kind, members)}, có tên trong danh sách kèm theo."
        )
        amount = amounts[award.pk, kind]
        each = KIND_WORD.get(kind, "cá nhân")
        if amount is None:
            bonus_lines.append(f"{_award_phrase(award, capital=True)} không kèm theo tiền thưởng.")
        else:
            bonus_lines.append(
                f"Mỗi {each} được tặng {_award_phrase(award)} được thưởng kèm theo "
                f"{figure(amount)} {CURRENCY}."
            )
    secretariat = authority.secretariat_unit.name
    executes = (
        f"Chánh Văn phòng {authority_name}, Trưởng {secretariat[:1].lower()}{secretariat[1:]}, "
        "Thủ trưởng các đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu "
        "trách nhiệm thi hành Quyết định này."
    )
    return (
        Article("Điều 1.", tuple(award_lines)),
        Article("Điều 2.", tuple(bonus_lines)),
        Article("Điều 3.", ("Quyết định này có hiệu lực kể từ ngày ký.", executes)),
    )


def _recipients(authority) -> tuple[str, ...]:
    lines = ["- Như Điều 3;"]
    if authority.parent_id:
        lines.append(f"- {authority.parent.secretariat_unit.name};")
    lines.append(ARCHIVE)
    return tuple(lines)


def signature_lines(signer_title: str, authority_name: str, head_title: str) -> tuple[str, ...]:
    """The lines above the signature, from the signer's title as the decision stores it.

    "KT. Chủ tịch" (a deputy signing for the head) -> "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH";
    "Q. Chủ tịch" (acting) stays one line; a plain "Chủ tịch" of a people's committee -> "TM.
    ỦY BAN NHÂN DÂN" over "CHỦ TỊCH" (TM.: on behalf of a collective body). A title with its
    own lines ("KT. Chủ tịch / Phó Chủ tịch") keeps them. For a collective body, a KT. or Q.
    signature also sits under "TM. ỦY BAN NHÂN DÂN" (Decree 30/2020 Annex I).
    """
    title = " ".join((signer_title or head_title).split())
    # "KT. Chủ tịch / Phó Chủ tịch", on two lines or with a dash between, as people type it.
    parts = re.split(r"\s*(?:/|\n|\s[–-]\s)\s*", title)
    lines = [part.strip() for part in parts if part.strip()]
    first = lines[0]
    prefix = first.split(None, 1)[0].upper() if first else ""
    if prefix == "KT." and len(lines) == 1:
        office = first[3:].strip() or head_title
        lines = [f"KT. {office}", f"Phó {office[:1].lower()}{office[1:]}"]
    collective = authority_name.startswith(PEOPLES_COMMITTEE)
    if collective and prefix != "TM.":
        lines.insert(0, f"TM. {PEOPLES_COMMITTEE}")
    return tuple(line.upper() for line in lines)


# --- PDF --------------------------------------------------------------------------------------

# Annex columns in mm: 165 mm between the margins (210 - 30 - 15).
COLUMN_WIDTHS_MM = (12, 58, 65, 30)


def render_decision_pdf(decision) -> bytes:
    data = decision_data(decision)
    context = {
        "data": data,
        "column_widths": COLUMN_WIDTHS_MM,
        "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    }
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf(TEMPLATE, context)


# --- DOCX -------------------------------------------------------------------------------------


def render_decision_docx(decision) -> bytes:
    data = decision_data(decision)
    with translation.override(settings.LANGUAGE_CODE):
        return _DecisionDocx(data).build()


class _DecisionDocx(_MinutesDocx):
    """The minutes' DOCX building blocks (page set-up, paragraphs, rules, tables) reused."""

    def __init__(self, data: DecisionDocument):
        # The minutes' page set-up reads only `session_title` (for the core properties, which
        # build() then sets to the decision's own).
        super().__init__(SimpleNamespace(session_title=data.subject))
        self.doc = data

    def build(self) -> bytes:
        self._page()
        core = self.document.core_properties
        core.title = f"{self.doc.title} {self.doc.reference}"
        core.subject = self.doc.subject
        self._decision_header()
        self._body()
        self._closing()
        self._annex()
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    def _decision_header(self) -> None:
        doc = self.doc
        center = WD_ALIGN_PARAGRAPH.CENTER
        table = self.document.add_table(rows=1, cols=2)
        self._no_borders(table)
        self._fixed_widths(table, (72.5, 92.5))
        issuer, nation = table.rows[0].cells
        self._cell_text(issuer, doc.authority_lines[0], bold=True, size=12, align=center)
        for line in doc.authority_lines[1:]:
            self._paragraph(line, container=issuer, align=center, bold=True, size=12, space_after=0)
        rule = self._paragraph(container=issuer, align=center, space_after=2)
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(25)
        rule.paragraph_format.line_spacing = Pt(2)
        self._rule(rule, side="top")
        self._paragraph(doc.reference, container=issuer, align=center, space_after=0)

        self._cell_text(nation, doc.country, bold=True, size=12, align=center)
        self._paragraph(doc.motto, container=nation, align=center, bold=True, space_after=0)
        rule = self._paragraph(container=nation, align=center, space_after=0)
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(18)
        rule.paragraph_format.line_spacing = Pt(2)
        self._rule(rule, side="top")
        self._paragraph(
            doc.place_date, container=nation, align=center, italic=True, space_after=0
        ).paragraph_format.space_before = Pt(8)
        self._paragraph(space_after=6)

    def _body(self) -> None:
        doc = self.doc
        center = WD_ALIGN_PARAGRAPH.CENTER
        self._paragraph(doc.title, align=center, bold=True, size=14, space_after=0)
        self._paragraph(doc.subject, align=center, bold=True, space_after=12)
        self._paragraph(doc.deciding_authority, align=center, bold=True, space_after=8)
        for ground in doc.grounds:
            self._paragraph(ground, indent_first=True, italic=True)
        self._paragraph(doc.decides, align=center, bold=True, space_after=6)
        for article in doc.articles:
            for i, text in enumerate(article.paragraphs):
                paragraph = self._paragraph(indent_first=True)
                if i == 0:
                    paragraph.add_run(f"{article.heading} ").bold = True
                paragraph.add_run(text)

    def _closing(self) -> None:
        doc = self.doc
        self._paragraph(space_after=6)
        table = self.document.add_table(rows=1, cols=2)
        self._no_borders(table)
        self._fixed_widths(table, (80, 85))
        recipients, signer = table.rows[0].cells
        self._cell_text(
            recipients, doc.recipients_heading, bold=True, italic=True, size=12,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )  # fmt: skip
        for line in doc.recipients:
            self._paragraph(
                line, container=recipients, align=WD_ALIGN_PARAGRAPH.LEFT, size=11, space_after=0
            )
        center = WD_ALIGN_PARAGRAPH.CENTER
        self._cell_text(signer, doc.signature[0], bold=True, align=center)
        for line in doc.signature[1:]:
            self._paragraph(line, container=signer, align=center, bold=True, space_after=0)
        space = self._paragraph(container=signer, align=center, space_after=0)
        space.paragraph_format.space_before = Mm(24)
        self._paragraph(doc.signer_name, container=signer, align=center, bold=True, space_after=0)

    def _annex(self) -> None:
        doc = self.doc
        center = WD_ALIGN_PARAGRAPH.CENTER
        left = WD_ALIGN_PARAGRAPH.LEFT
        title = self._paragraph(doc.annex_title, align=center, bold=True, space_after=0)
        title.paragraph_format.page_break_before = True
        self._paragraph(doc.annex_note, align=center, italic=True, space_after=8)

        table = self.document.add_table(rows=1, cols=len(doc.annex_columns))
        table.style = "Table Grid"
        self._fixed_widths(table, COLUMN_WIDTHS_MM)
        self._cell_margins(table, 0.7)
        header = table.rows[0]
        tr_pr = header._tr.get_or_add_trPr()
        for tag in ("w:cantSplit", "w:tblHeader"):
            tr_pr.append(OxmlElement(tag))
        for cell, label in zip(header.cells, doc.annex_columns, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            self._cell_text(cell, label, bold=True, size=11, align=center)
        for group in doc.annex_groups:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            self._cell_text(merged, group.heading, bold=True, size=11, align=left)
            for line in group.rows:
                row = table.add_row()
                row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
                values = (
                    (str(line.number), center),
                    (line.name, left),
                    (line.unit, left),
                    (line.bonus, WD_ALIGN_PARAGRAPH.RIGHT),
                )
                for cell, (text, align) in zip(row.cells, values, strict=True):
                    self._cell_text(cell, text, size=11, align=align)
        row = table.add_row()
        label = row.cells[0].merge(row.cells[2])
        self._cell_text(label, doc.annex_total[0], bold=True, size=11, align=center)
        self._cell_text(
            row.cells[3], doc.annex_total[1], bold=True, size=11, align=WD_ALIGN_PARAGRAPH.RIGHT
        )
