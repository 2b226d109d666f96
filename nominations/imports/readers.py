"""From uploaded bytes to tables of text cells, refusing what we cannot or should not read.

- The type is decided by the content, never by the name: a zip holding `xl/` is a workbook, one
  holding `word/` a Word document; anything else must decode as text to be taken as CSV. A PNG
  or a program renamed `.xlsx` is refused.
- Limits come first: the upload is read in chunks and abandoned at the size limit, a zip is
  refused when its parts would unpack beyond a multiple of it, reading stops past the row limit.
- Cells become text here. A formula cell is kept as its formula and flagged: a formula is not
  a value (the file's cached result may be stale or missing), the checks report it.

Limits are settings with defaults: IMPORT_MAX_BYTES (10 MB), IMPORT_MAX_ROWS (5,000 data rows),
IMPORT_MAX_UNPACKED_BYTES (10 × the size limit, for the text parts of a workbook or a document).
"""

import csv
import datetime
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from nominations.errors import DomainError
from nominations.imports.columns import heading_key, heading_score
from nominations.text import normalize_text

CHUNK_SIZE = 64 * 1024
MAX_COLUMNS = 60
HEADER_SCAN_ROWS = 30
# A list has no thousand blank lines in the middle: past them, the rest of a sheet is padding.
MAX_BLANK_RUN = 1000
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_ENCODINGS = (("utf-8", "UTF-8"), ("cp1258", "Windows-1258"))
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", 5000)


def max_unpacked_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_UNPACKED_BYTES", 10 * max_bytes())


class ImportFileError(DomainError):
    """The file as a whole cannot be imported; `message` says why, in the user's language."""


def file_too_large_error() -> ImportFileError:
    return ImportFileError(
        _(
            "The file is larger than %(limit)s, the most one import accepts. "
            "Split the list into several files and import them one by one."
        )
        % {"limit": filesizeformat(max_bytes())}
    )


@dataclass
class Table:
    """One sheet, one CSV or one group of Word tables sharing the same heading row."""

    kind: str  # "sheet", "csv" or "table"
    name: str  # the sheet's name; empty otherwise
    parts: list[int] = field(default_factory=list)  # Word: numbers of the tables (1-based)
    header_line: int = 1
    headers: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # {"line", "part", "cells", "formulas"}

    def describe(self) -> dict:
        return {
            "kind": self.kind,
            "name": self.name,
            "parts": self.parts,
            "header_line": self.header_line,
            "headers": self.headers,
            "rows": len(self.rows),
        }


@dataclass
class ReadFile:
    format: str  # "xlsx", "csv" or "docx"
    tables: list[Table]
    encoding: str = ""


def read_limited(stream, limit: int | None = None) -> bytes:
    """The stream's bytes, read chunk by chunk; past the limit, stop reading and refuse."""
    limit = max_bytes() if limit is None else limit
    buffer = io.BytesIO()
    while True:
        chunk = stream.read(CHUNK_SIZE)
        if not chunk:
            break
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise file_too_large_error()
    return buffer.getvalue()


def read_file(data: bytes) -> ReadFile:
    """The tables of the file, whatever its name says; ImportFileError when not readable."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        return _read_office_zip(data)
    if data.startswith(OLE2_SIGNATURE):
        raise ImportFileError(
            _(
                "This is an old-format Excel or Word file (.xls, .doc) or a password-protected "
                "one. Open it, save it as an Excel workbook (.xlsx) or a Word document (.docx) "
                "without a password, and upload that."
            )
        )
    text, encoding = _decode_text(data)
    return ReadFile(format="csv", tables=[_read_csv(text)], encoding=encoding)


def _unsupported() -> ImportFileError:
    return ImportFileError(
        _(
            "This file is not a list we can read. Upload an Excel workbook (.xlsx), a CSV "
            "file or a Word document (.docx) with the list in a table."
        )
    )


def _damaged(kind: str) -> ImportFileError:
    return ImportFileError(
        _(
            "The file looks like %(kind)s but could not be read: it may be damaged. Open it, "
            "save it again and upload the new copy."
        )
        % {"kind": kind}
    )


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _(
            "The list has more than %(limit)s rows, the most one import accepts. "
            "Split it into several files and import them one by one."
        )
        % {"limit": max_rows()}
    )


def _read_office_zip(data: bytes) -> ReadFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        # Pictures are never parsed; the text parts are, and lxml holds them whole in memory.
        unpacked = sum(
            info.file_size for info in archive.infolist() if "/media/" not in info.filename
        )
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _unsupported() from exc
    if "xl/workbook.xml" in names:
        kind, reader = _("an Excel workbook"), _read_xlsx
    elif "word/document.xml" in names:
        kind, reader = _("a Word document"), _read_docx
    else:
        raise _unsupported()
    if unpacked > max_unpacked_bytes():
        # A small zip can unpack to gigabytes: the declared sizes are checked before opening
        # (and zipfile never unpacks a part beyond its declared size).
        raise ImportFileError(
            _(
                "Once unpacked, this file holds more than %(limit)s of text, more than one "
                "import accepts. Split the list into several files and import them one by one."
            )
            % {"limit": filesizeformat(max_unpacked_bytes())}
        )
    try:
        return reader(data)
    except ImportFileError:
        raise
    except Exception as exc:  # the libraries raise many kinds of errors on damaged files
        raise _damaged(kind) from exc


# --- Excel -------------------------------------------------------------------------------------


def _xlsx_cell(cell) -> tuple[str, str | None]:
    """(text, formula or None) of an openpyxl cell read with data_only=False."""
    value = cell.value
    if cell.data_type == "f" or type(value).__name__ in {"ArrayFormula", "DataTableFormula"}:
        formula = getattr(value, "text", None) or str(value)
        return formula, formula
    if value is None:
        return "", None
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat(), None
        return value.isoformat(sep=" "), None
    if isinstance(value, datetime.date):
        return value.isoformat(), None
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), None
    return str(value), None


def _read_xlsx(data: bytes) -> ReadFile:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unsupported extensions (data validation, styles…)
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        tables, budget = [], max_rows() + HEADER_SCAN_ROWS
        for sheet in workbook.worksheets:
            grid, line, blank_run = [], 0, 0
            for cells in sheet.iter_rows():
                line = next((c.row for c in cells if getattr(c, "row", None)), line + 1)
                texts, formulas = [], {}
                for index, cell in enumerate(cells[:MAX_COLUMNS]):
                    text, formula = _xlsx_cell(cell)
                    texts.append(text)
                    if formula is not None:
                        formulas[str(index)] = formula
                if not any(t.strip() for t in texts):
                    blank_run += 1
                    if blank_run > MAX_BLANK_RUN:
                        break
                    continue
                blank_run = 0
                budget -= 1
                if budget < 0:
                    raise _too_many_rows()
                grid.append({"line": line, "part": None, "cells": texts, "formulas": formulas})
            tables.append(_table_from_grid("sheet", sheet.title, grid))
    finally:
        workbook.close()
    return ReadFile(format="xlsx", tables=tables)


# --- CSV ---------------------------------------------------------------------------------------


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:CHUNK_SIZE]
    controls = sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r\x0c")
    return controls > len(sample) // 100


def _decode_text(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (with or without BOM), else Windows-1258."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise _unsupported()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for codec, label in TEXT_ENCODINGS:
        try:
            return data.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        _(
            "The text of the file could not be read: it is neither UTF-8 nor Windows-1258 "
            "(CP1258). In Excel, save it as “CSV UTF-8 (comma delimited)” and upload it again."
        )
    )


def _read_csv(text: str) -> Table:
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    grid, budget = [], max_rows() + HEADER_SCAN_ROWS
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for line, cells in enumerate(reader, start=1):
            if not any(c.strip() for c in cells):
                continue
            budget -= 1
            if budget < 0:
                raise _too_many_rows()
            grid.append({"line": line, "part": None, "cells": cells[:MAX_COLUMNS], "formulas": {}})
    except csv.Error as exc:
        raise _damaged(_("a CSV file")) from exc
    return _table_from_grid("csv", "", grid)


# --- Word --------------------------------------------------------------------------------------


def _read_docx(data: bytes) -> ReadFile:
    import docx

    document = docx.Document(io.BytesIO(data))
    tables: list[Table] = []
    budget = max_rows() + HEADER_SCAN_ROWS
    for number, word_table in enumerate(document.tables, start=1):
        grid = []
        for line, row in enumerate(word_table.rows, start=1):
            cells = [cell.text for cell in row.cells][:MAX_COLUMNS]
            if not any(c.strip() for c in cells):
                continue
            budget -= 1
            if budget < 0:
                raise _too_many_rows()
            grid.append({"line": line, "part": number, "cells": cells, "formulas": {}})
        if not grid:
            continue
        table = _table_from_grid("table", "", grid, header_index=0)
        table.parts = [number]
        previous = tables[-1] if tables else None
        if previous and _same_headings(previous.headers, table.headers):
            # A list continued in another table (often one per page): one list.
            previous.parts.append(number)
            previous.rows.extend(table.rows)
        else:
            tables.append(table)
    if not tables:
        raise ImportFileError(
            _("The Word document holds no table. Put the list in a table and upload it again.")
        )
    return ReadFile(format="docx", tables=tables)


# --- Shared ------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    try:
        return normalize_text(text)
    except Exception:  # unreadable characters: kept as they are, the checks report them
        return str(text).strip()


def _same_headings(first: list[str], second: list[str]) -> bool:
    return [heading_key(h) for h in first] == [heading_key(h) for h in second]


def _header_index(grid: list[dict]) -> int:
    """The row with the most recognised headings among the first ones; the first row if none.

    Paper-era sheets often start with a title ("DANH SÁCH CÁ NHÂN ĐẠT DANH HIỆU…") above the
    headings, so the headings are looked for rather than assumed on row 1 — the headings of any
    kind of list we import (award history, nominees).
    """
    best, best_score = 0, 0
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        score = heading_score(row["cells"])
        if score > best_score:
            best, best_score = index, score
    return best if best_score >= 2 else 0


def _table_from_grid(kind: str, name: str, grid: list[dict], header_index=None) -> Table:
    table = Table(kind=kind, name=name)
    if not grid:
        return table
    if header_index is None:
        header_index = _header_index(grid)
    header = grid[header_index]
    body = grid[header_index + 1 :]
    width = max(
        (i + 1 for row in [header, *body] for i, c in enumerate(row["cells"]) if str(c).strip()),
        default=0,
    )
    headers = [_clean(h) for h in header["cells"][:width]]
    headers += [""] * (width - len(headers))
    table.header_line, table.headers = header["line"], headers
    header_key = [heading_key(h) for h in headers]
    for position, row in enumerate(body):
        # PostgreSQL's JSON refuses NUL characters; no cell needs one.
        cells = [str(c).replace("\x00", "") for c in row["cells"]][: len(headers)]
        cells += [""] * (len(headers) - len(cells))
        if [heading_key(c) for c in cells] == header_key:
            continue  # the heading row repeated (a list printed over several pages)
        non_empty = [c.strip() for c in cells if c.strip()]
        if position == 0 and all(_COLUMN_NUMBER.match(c) for c in non_empty):
            continue  # the row numbering the columns, "(1) (2) (3)…", under the headings
        formulas = {k: v for k, v in row["formulas"].items() if int(k) < len(headers)}
        table.rows.append({**row, "cells": cells, "formulas": formulas})
    if len(table.rows) > max_rows():
        raise _too_many_rows()
    return table
