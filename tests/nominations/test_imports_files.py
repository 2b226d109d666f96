"""Reading the files: the type from the content, the limits before the reading, the encodings."""

import io
import struct
import zipfile
import zlib

import pytest
from django.utils import translation

from nominations.imports import readers, services
from nominations.imports.readers import ImportFileError
from nominations.models import AwardRecord, ImportBatch
from tests.nominations.test_imports_support import (
    HEADINGS,
    codes,
    csv_bytes,
    docx_bytes,
    row,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

FIFTY_MB = 50 * 1024 * 1024


class EndlessFile:
    """A file of `size` bytes made up as it is read, counting what was read."""

    def __init__(self, size: int, head: bytes = b"PK\x03\x04"):
        self.size, self.head, self.read_bytes = size, head, 0

    def read(self, n=-1):
        n = self.size - self.read_bytes if n is None or n < 0 else n
        n = min(n, self.size - self.read_bytes)
        chunk = (self.head + b"\x00" * n)[:n] if self.read_bytes == 0 else b"\x00" * n
        self.read_bytes += n
        return chunk


def png_bytes() -> bytes:
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def refusal(world, data, name="danh-sach.xlsx") -> str:
    with translation.override("en"), pytest.raises(ImportFileError) as caught:
        upload(world, data, name=name)
    assert not ImportBatch.objects.exists()
    return str(caught.value.message)


def test_a_picture_named_xlsx_is_refused(world):
    assert "not a list we can read" in refusal(world, png_bytes(), name="danh-sach.xlsx")


def test_a_program_renamed_xlsx_is_refused(world):
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    assert "not a list we can read" in refusal(world, program, name="danh-sach.xlsx")


def test_a_zip_that_is_not_an_office_file_is_refused(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not a list we can read" in refusal(world, buffer.getvalue())


def test_an_old_excel_file_gets_advice_to_save_it_as_xlsx(world):
    legacy = readers.OLE2_SIGNATURE + b"\x00" * 512
    assert "save it as an Excel workbook (.xlsx)" in refusal(world, legacy, name="ds.xls")


def test_an_empty_file_is_refused(world):
    assert refusal(world, b"  \n") == "The file is empty."


def test_a_workbook_with_headings_and_no_rows_is_refused(world):
    assert "holds no list" in refusal(world, xlsx_bytes([]))


def test_the_type_comes_from_the_content_not_the_name(world):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]), name="danh-sach.csv")
    assert batch.mapping["format"] == "xlsx" and batch.errors == []


def test_a_50_mb_file_is_refused_after_reading_no_more_than_the_limit(world, settings):
    settings.IMPORT_MAX_BYTES = 10 * 1024 * 1024
    huge = EndlessFile(FIFTY_MB)

    with translation.override("en"), pytest.raises(ImportFileError, match="larger than 10"):
        services.import_upload(
            actor=world.clerk, unit=world.justice, file_name="lon.xlsx", stream=huge
        )

    assert huge.read_bytes <= settings.IMPORT_MAX_BYTES + readers.CHUNK_SIZE
    assert not ImportBatch.objects.exists()


def test_a_zip_that_would_unpack_beyond_the_limit_is_refused_unopened(world, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 100_000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", " " * 1_000_000)  # compresses to ~1 kB
    assert "Once unpacked, this file holds more than" in refusal(world, buffer.getvalue())


def test_a_list_longer_than_the_row_limit_is_refused(world, settings):
    settings.IMPORT_MAX_ROWS = 3
    data = xlsx_bytes([row(n, f"Người {n}") for n in range(1, 5)])
    assert "more than 3 rows" in refusal(world, data)


def test_a_list_at_the_row_limit_is_read(world, settings):
    settings.IMPORT_MAX_ROWS = 3
    batch = upload(world, xlsx_bytes([row(n, f"Người Số {n}") for n in range(1, 4)]))
    assert len(batch.rows) == 3


def test_csv_in_utf8_with_a_bom_and_semicolons_is_read(world):
    data = csv_bytes([row(1, "Nguyễn Văn An"), row(2, "Hồ Thị Lan")], delimiter=";")

    batch = upload(world, data, name="ds.csv")

    assert (batch.mapping["format"], batch.mapping["encoding"]) == ("csv", "UTF-8")
    assert [r["check"]["full_name"] for r in batch.rows] == ["Nguyễn Văn An", "Hồ Thị Lan"]
    assert [r["line"] for r in batch.rows] == [2, 3]


def test_csv_in_windows_1258_is_read_and_its_names_stored_in_nfc(world):
    data = csv_bytes([row(1, "Nguyễn Văn An")], encoding="cp1258")

    batch = upload(world, data, name="ds.csv")
    services.import_apply(actor=world.clerk, batch=batch)

    assert batch.mapping["encoding"] == "Windows-1258"
    assert AwardRecord.objects.get().person.full_name == "Nguyễn Văn An"


def test_text_in_no_known_encoding_is_refused_with_advice(world):
    data = "Họ và tên,Năm\n".encode() + b"\x81\x8d\x8f\x90\x9d\n"
    assert "neither UTF-8 nor Windows-1258" in refusal(world, data, name="ds.csv")


def test_the_tables_of_a_word_document_are_read_and_its_layout_table_left_out(world):
    layout = [["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Số: 15/QĐ-UBND", ""]]
    page_one = [HEADINGS, row(1, "Nguyễn Văn An"), row(2, "Hồ Thị Lan")]
    page_two = [HEADINGS, row(3, "Đỗ Minh Châu")]

    batch = upload(world, docx_bytes(layout, page_one, page_two), name="ds.docx")

    assert batch.mapping["format"] == "docx" and batch.errors == []
    chosen = batch.mapping["tables"][batch.mapping["table"]]
    assert chosen["parts"] == [2, 3]  # one list continued over two tables
    wanted = [r for r in batch.rows if r["table"] == batch.mapping["table"]]
    assert [(r["part"], r["line"]) for r in wanted] == [(2, 2), (2, 3), (3, 2)]
    result = services.import_apply(actor=world.clerk, batch=batch)
    assert result.created == 3


def test_a_word_document_without_a_table_is_refused(world):
    import docx

    document = docx.Document()
    document.add_paragraph("Nguyễn Văn An — Lao động tiên tiến 2019")
    buffer = io.BytesIO()
    document.save(buffer)
    assert "holds no table" in refusal(world, buffer.getvalue(), name="ds.docx")


def test_a_report_in_a_word_table_says_which_table_and_row(world):
    batch = upload(world, docx_bytes([HEADINGS, row(1, "Nguyễn Văn An", year="x")]), name="ds.docx")
    assert codes(batch) == ["year_not_number"]
    assert (batch.errors[0]["part"], batch.errors[0]["line"]) == (1, 2)


def test_the_numbering_row_under_the_headings_is_not_a_person(world):
    numbering = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"]
    batch = upload(world, xlsx_bytes([numbering, row(1, "Nguyễn Văn An")]))
    assert batch.errors == [] and len(batch.rows) == 1
