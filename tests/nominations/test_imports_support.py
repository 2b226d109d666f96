"""Files and helpers for the import tests: lists built in the test with openpyxl, csv, docx.

No test lives here; the test_imports*.py modules import from it.
"""

import csv
import io
import unicodedata

import docx
import openpyxl

from nominations.imports import services
from nominations.models import AwardKind, Person, RecipientKind
from tests.factories import AwardFactory

HEADINGS = [
    "STT",
    "Họ và tên",
    "Đơn vị",
    "Danh hiệu",
    "Năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
]


def row(number, name, award="Lao động tiên tiến", year=2019, unit="", reference="", date=""):
    issuer = "UBND huyện Kỳ Anh" if reference else ""
    return [number, name, unit, award, year, reference, date, issuer]


def xlsx_bytes(rows, headings=HEADINGS, title=None, sheet="Danh sách") -> bytes:
    """A workbook with an optional title row above the headings, then the rows."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    if title:
        worksheet.append([title])
        worksheet.append([])
    worksheet.append(headings)
    for values in rows:
        worksheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: letters with their vowel marks composed,
    tone marks as separate combining characters."""
    letters, current = [], ""
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and current:
            current += ch
        else:
            letters.append(current)
            current = ch
    letters.append(current)
    out = []
    for letter in letters:
        tones = "".join(ch for ch in letter if ch in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(ch for ch in letter if ch not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def csv_bytes(rows, headings=HEADINGS, encoding="utf-8-sig", delimiter=",") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headings)
    writer.writerows(rows)
    if encoding == "cp1258":
        return cp1258_bytes(buffer.getvalue())
    return buffer.getvalue().encode(encoding)


def docx_bytes(*tables) -> bytes:
    """A Word document with one table per argument (each a list of rows, headings first)."""
    document = docx.Document()
    document.add_paragraph("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")
    for rows in tables:
        table = document.add_table(rows=0, cols=len(rows[0]))
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = str(value)
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(world, data: bytes, *, actor=None, unit=None, name="danh-sach.xlsx"):
    return services.import_upload(
        actor=actor or world.clerk,
        unit=unit or world.justice,
        file_name=name,
        stream=io.BytesIO(data),
    )


def errors_of(batch):
    return [i for i in batch.errors if i["level"] == "error"]


def codes(batch):
    return [i["code"] for i in batch.errors]


def person(world, name, unit=None):
    return Person.objects.create(full_name=name, unit=unit or world.justice)


def base_title():
    return AwardFactory(
        code="chien-si-thi-dua-co-so",
        name="Chiến sĩ thi đua cơ sở",
        kind=AwardKind.TITLE,
        recipient_kind=RecipientKind.INDIVIDUAL,
    )


def collective_title():
    return AwardFactory(
        code="tap-the-lao-dong-tien-tien",
        name="Tập thể lao động tiên tiến",
        kind=AwardKind.TITLE,
        recipient_kind=RecipientKind.COLLECTIVE,
    )
