"""What a file really is, read from its content: the name and the browser's word are ignored.

Accepted: PDF, Word (DOCX), Excel (XLSX), PNG and JPEG. DOCX and XLSX are ZIP packages
(filetype often answers just "zip"), so the package's parts decide: word/document.xml or
xl/workbook.xml, with the [Content_Types].xml every OOXML package has. Macro-enabled
packages (a vbaProject.bin part) are refused.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext_lazy as _

from nominations.errors import DomainError

SNIFF_BYTES = 8192  # filetype reads at most the first 8 KB

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"


@dataclass(frozen=True)
class FileType:
    mime: str
    label: str
    extension: str


ACCEPTED = {
    PDF: FileType(PDF, "PDF", "pdf"),
    DOCX: FileType(DOCX, "Word (DOCX)", "docx"),
    XLSX: FileType(XLSX, "Excel (XLSX)", "xlsx"),
    PNG: FileType(PNG, "PNG", "png"),
    JPEG: FileType(JPEG, "JPEG", "jpg"),
}
OOXML_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}


def accepted_labels() -> str:
    return ", ".join(t.label for t in ACCEPTED.values())


def refused(detail=None) -> DomainError:
    message = _(
        "This file type is not accepted. Send a PDF, Word (DOCX), Excel (XLSX), PNG or JPEG file."
    )
    return DomainError(f"{message} {detail}" if detail else message)


def sniff(file) -> FileType:
    """The file's type from its bytes, or a DomainError naming what is accepted."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    guess = filetype.guess(head) if head else None
    mime = guess.mime if guess else None
    if mime in (ZIP, DOCX, XLSX):
        mime = _ooxml_type(file)
    if mime not in ACCEPTED:
        raise refused()
    return ACCEPTED[mime]


def _ooxml_type(file) -> str | None:
    """DOCX or XLSX when the ZIP package has the parts of one; otherwise None."""
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(name.endswith("vbaProject.bin") for name in names):
        raise refused(_("Documents with macros are not accepted."))
    found = {mime for part, mime in OOXML_MAIN_PARTS.items() if part in names}
    return found.pop() if len(found) == 1 else None
