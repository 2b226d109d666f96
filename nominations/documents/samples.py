"""Small generated documents for the demo, the tests and the benchmarks.

`minimal_pdf` writes a valid one-page PDF (its cross-reference table is exact) without any
library; `attach_sample_documents` attaches one to every required document still missing,
through the same service as an upload.
"""

from django.core.files.base import ContentFile

from nominations.documents.completeness import missing_documents
from nominations.documents.services import attachment_upload
from nominations.models import DocumentKind
from nominations.text import search_key

# Names the demo's files carry (document content, not interface text).
SAMPLE_TITLES = {
    DocumentKind.SUBMISSION_LETTER: "Tờ trình đề nghị khen thưởng",
    DocumentKind.COUNCIL_MINUTES: "Biên bản họp Hội đồng Thi đua - Khen thưởng",
    DocumentKind.ACHIEVEMENT_REPORT: "Báo cáo thành tích",
    DocumentKind.INITIATIVE_EVIDENCE: "Giấy chứng nhận sáng kiến",
    DocumentKind.SHORT_SUMMARY: "Tóm tắt thành tích đột xuất",
    DocumentKind.OTHER: "Tài liệu",
}


def minimal_pdf(text: str = "") -> bytes:
    """A one-page A4 PDF showing `text` (without diacritics: the built-in font is Latin-1)."""
    line = search_key(text)[:90].replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 12 Tf 72 770 Td ({line}) Tj ET".encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def sample_pdf(kind: str, nominee=None, *, dossier=None) -> ContentFile:
    """A named PDF for one document of the checklist."""
    title = SAMPLE_TITLES[kind]
    if nominee is not None:
        title = f"{title} - {nominee.full_name}"
    text = f"{title} {dossier.title if dossier is not None else ''}"
    return ContentFile(minimal_pdf(text), name=f"{title}.pdf")


def attach_sample_documents(*, actor, dossier) -> int:
    """Attach a generated PDF for each required document the dossier lacks; how many."""
    missing = missing_documents(dossier)
    for item in missing:
        attachment_upload(
            actor=actor,
            dossier=dossier,
            kind=item.document,
            nominee=item.nominee,
            file=sample_pdf(item.document, item.nominee, dossier=dossier),
        )
    return len(missing)
