"""A dossier's documents: typed by content, capped, private, served with the right headers."""

import io
import struct
import zipfile
import zlib
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import SkipFile
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from nominations import services
from nominations.documents import services as document_services
from nominations.documents.samples import minimal_pdf
from nominations.documents.storage import attachment_storage
from nominations.documents.uploads import SizeLimitUploadHandler
from nominations.errors import DomainError, NotAllowed
from nominations.models import Attachment, AuditAction, DocumentKind, DossierStatus, ScanStatus
from tests.factories import create_dossier
from tests.workflows.helpers import attach_required_documents, dossier_at
from workflows.engine import open_step

pytestmark = pytest.mark.django_db

LETTER = DocumentKind.SUBMISSION_LETTER
REPORT = DocumentKind.ACHIEVEMENT_REPORT
VIETNAMESE_NAME = "Báo cáo thành tích - Nguyễn Văn An.pdf"


# --- files made here, small and valid ------------------------------------------------------


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def docx_bytes() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Báo cáo thành tích năm 2020")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Danh sách đề nghị khen thưởng"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def windows_executable() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode."


def pdf_of_size(size: int) -> bytes:
    pdf = minimal_pdf("padding")
    return pdf + b"%" + b"0" * (size - len(pdf) - 1)


# --- helpers ----------------------------------------------------------------------------------


@pytest.fixture
def dossier(world):
    return create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)


@pytest.fixture
def english(login):
    def as_user(user):
        client = login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return as_user


def upload(client, dossier, content, name, kind=LETTER, nominee=None, next_url=None):
    url = reverse("attachment_upload", args=[dossier.pk])
    if next_url is not None:
        url += "?" + urlencode({"next": next_url})
    data = {
        "kind": kind,
        "nominee": nominee.pk if nominee else "",
        "file": SimpleUploadedFile(name, content),
    }
    return client.post(url, data)


def messages_of(client, response) -> list[str]:
    page = client.get(response["Location"])
    return [str(m) for m in page.context["messages"]]


def stored_files() -> list[Path]:
    root = Path(attachment_storage().location)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def attach(dossier, actor, content=None, name="to-trinh.pdf", kind=LETTER, nominee=None):
    return document_services.attachment_upload(
        actor=actor,
        dossier=dossier,
        kind=kind,
        nominee=nominee,
        file=ContentFile(content or minimal_pdf(name), name=name),
    )


def infected(file):
    return ScanStatus.INFECTED


def clean(file):
    assert file.read(4) == b"%PDF"  # the scanner reads the file from its start
    return ScanStatus.CLEAN


# --- what is accepted -------------------------------------------------------------------------


def test_a_windows_executable_renamed_pdf_is_refused_and_nothing_is_stored(world, dossier, english):
    client = english(world.clerk)
    response = upload(client, dossier, windows_executable(), "bao-cao.pdf")

    assert response.status_code == 302
    [message] = messages_of(client, response)
    assert "not accepted" in message and "PDF" in message
    assert not Attachment.objects.exists() and stored_files() == []


@pytest.mark.parametrize(
    ("make", "name", "mime", "stored_name"),
    [
        (lambda: minimal_pdf("to trinh"), "Tờ trình.pdf", "application/pdf", "Tờ trình.pdf"),
        (
            docx_bytes,
            "bao-cao.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "bao-cao.docx",
        ),
        (
            xlsx_bytes,
            "danh-sach.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "danh-sach.xlsx",
        ),
        # The name says PDF, the content is an image: the content decides.
        (png_bytes, "ban-chup.pdf", "image/png", "ban-chup.pdf.png"),
    ],
)
def test_accepted_files_are_typed_by_their_content(world, dossier, make, name, mime, stored_name):
    content = make()
    attachment = attach(dossier, world.clerk, content, name)

    assert (attachment.content_type, attachment.original_name) == (mime, stored_name)
    assert attachment.size == len(content)
    assert attachment.scan_status == ScanStatus.NOT_SCANNED
    with attachment_storage().open(attachment.file.name) as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("parts", "why"),
    [
        ({"readme.txt": b"just a zip"}, "not accepted"),
        ({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}, None),
        (
            {
                "[Content_Types].xml": b"<Types/>",
                "word/document.xml": b"<w/>",
                "word/vbaProject.bin": b"macro",
            },
            "macros",
        ),
    ],
)
def test_zip_packages_count_only_when_they_hold_a_word_or_excel_document(
    world, dossier, parts, why
):
    with translation.override("en"):
        if why is None:
            assert attach(dossier, world.clerk, zip_bytes(parts), "x.docx").content_type.endswith(
                "wordprocessingml.document"
            )
            return
        with pytest.raises(DomainError, match=why):
            attach(dossier, world.clerk, zip_bytes(parts), "x.docx")


# --- limits -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [30_000, 300_000])
def test_an_oversized_upload_is_refused_before_anything_is_stored(
    world, dossier, english, settings, monkeypatch, size
):
    """30 KB passes the declared length and is cut while streaming; 300 KB is refused unread."""
    settings.ATTACHMENT_MAX_BYTES = 10_000

    def must_not_run(**kwargs):
        raise AssertionError("the service must not see an oversized file")

    monkeypatch.setattr(document_services, "attachment_upload", must_not_run)
    client = english(world.clerk)
    response = upload(client, dossier, pdf_of_size(size), "lon.pdf")

    assert response.status_code == 302
    [message] = messages_of(client, response)
    assert "larger than" in message
    assert not Attachment.objects.exists() and stored_files() == []


def test_the_size_limit_holds_while_the_file_streams_in():
    handler = SizeLimitUploadHandler(max_bytes=100)
    handler.new_file("file", "a.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"x" * 64, 0) == b"x" * 64
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"x" * 64, 64)
    assert handler.too_large


def test_the_service_refuses_an_oversized_or_empty_file(world, dossier, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    with translation.override("en"), pytest.raises(DomainError, match="larger than"):
        attach(dossier, world.clerk, pdf_of_size(2000))
    with translation.override("en"), pytest.raises(DomainError, match="empty"):
        document_services.attachment_upload(
            actor=world.clerk, dossier=dossier, kind=LETTER, file=ContentFile(b"", name="a.pdf")
        )
    assert stored_files() == []


def test_a_dossier_carries_at_most_the_configured_number_of_files(world, dossier, settings):
    settings.ATTACHMENT_MAX_PER_DOSSIER = 2
    attach(dossier, world.clerk, name="1.pdf")
    attach(dossier, world.clerk, name="2.pdf", kind=DocumentKind.OTHER)
    with translation.override("en"), pytest.raises(DomainError, match="at most 2 files"):
        attach(dossier, world.clerk, name="3.pdf", kind=DocumentKind.OTHER)
    assert dossier.attachments.count() == 2 and len(stored_files()) == 2


def test_the_same_content_is_stored_once_and_kept_while_used(
    world, dossier, django_capture_on_commit_callbacks
):
    content = minimal_pdf("bao cao")
    an = dossier.nominees.get()
    first = attach(dossier, world.clerk, content, "a.pdf")
    second = attach(dossier, world.clerk, content, "b.pdf", kind=REPORT, nominee=an)
    assert first.file.name == second.file.name and len(stored_files()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        document_services.attachment_delete(actor=world.clerk, attachment=first)
    assert len(stored_files()) == 1  # still used by the achievement report
    with django_capture_on_commit_callbacks(execute=True):
        document_services.attachment_delete(actor=world.clerk, attachment=second)
    assert stored_files() == []


# --- the scanner hook ---------------------------------------------------------------------------


def test_a_scanner_finding_a_threat_refuses_the_upload(world, dossier, settings):
    settings.ATTACHMENT_SCANNER = f"{__name__}.infected"
    with translation.override("en"), pytest.raises(DomainError, match="threat"):
        attach(dossier, world.clerk)
    assert not Attachment.objects.exists() and stored_files() == []


def test_a_clean_scan_is_recorded(world, dossier, settings):
    settings.ATTACHMENT_SCANNER = f"{__name__}.clean"
    assert attach(dossier, world.clerk).scan_status == ScanStatus.CLEAN


# --- who may see and change -----------------------------------------------------------------


@pytest.mark.parametrize("intruder", ["other_clerk", "other_head", "outsider", None])
def test_another_units_people_get_404_and_anonymous_visitors_the_login(
    world, dossier, client, intruder
):
    attachment = attach(dossier, world.clerk)
    if intruder:
        client.force_login(getattr(world, intruder))
    download = reverse("attachment_download", args=[dossier.pk, attachment.pk])
    delete = reverse("attachment_delete", args=[dossier.pk, attachment.pk])
    # Anonymous visitors go to the login page, as on every private page (whether the file
    # exists or not: tests/test_public_and_private.py); people without the right, to a 404.
    expected = 404 if intruder else 302

    assert client.get(download).status_code == expected
    assert client.post(delete).status_code == expected
    assert upload(client, dossier, minimal_pdf("x"), "x.pdf").status_code == expected
    assert dossier.attachments.get() == attachment


def test_an_attachment_of_another_dossier_is_not_served_under_this_one(world, dossier, client):
    other = create_dossier(clerk=world.other_clerk, unit=world.health, authority=world.district)
    theirs = attach(other, world.other_clerk, name="theirs.pdf")
    client.force_login(world.clerk)  # may see `dossier`, not `other`
    url = reverse("attachment_download", args=[dossier.pk, theirs.pk])
    assert client.get(url).status_code == 404


def test_files_are_not_reachable_under_media_url(world, dossier, client):
    attachment = attach(dossier, world.clerk)
    client.force_login(world.clerk)
    for path in (f"/{django_settings.MEDIA_URL}{attachment.file.name}", f"/{attachment.file.name}"):
        assert client.get(path).status_code == 404
        with pytest.raises(Resolver404):
            resolve(path)
    assert not django_settings.ATTACHMENTS_ROOT.is_relative_to(django_settings.MEDIA_ROOT)
    with pytest.raises(NotImplementedError):
        attachment_storage().url(attachment.file.name)


def test_a_download_is_an_attachment_with_its_vietnamese_name_and_safe_headers(world, client):
    dossier = dossier_at(world, "secretariat_check")
    report = dossier.attachments.get(kind=REPORT)
    assert report.original_name == VIETNAMESE_NAME  # as the sample documents name it
    with attachment_storage().open(report.file.name) as stored:
        content = stored.read()
    client.force_login(world.officer)  # the receiving secretariat, after submission

    response = client.get(reverse("attachment_download", args=[dossier.pk, report.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert content.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote(VIETNAMESE_NAME)}" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_an_upload_returns_to_the_step_page_and_never_elsewhere(world, dossier, english):
    client = english(world.clerk)
    step = reverse("task_detail", args=[open_step(dossier, "prepare").pk])

    back = upload(client, dossier, minimal_pdf("a"), "a.pdf", next_url=step)
    assert back["Location"] == step
    assert messages_of(client, back) == ["“a.pdf” was attached."]
    away = upload(
        client,
        dossier,
        minimal_pdf("b"),
        "b.pdf",
        DocumentKind.OTHER,
        None,
        "https://evil.example/",
    )
    assert away["Location"] == reverse("dossier_detail", args=[dossier.pk])


def test_uploads_and_removals_are_on_the_record(world, dossier, english):
    client = english(world.clerk)
    upload(client, dossier, minimal_pdf("a"), "a.pdf")
    attachment = dossier.attachments.get()
    client.post(reverse("attachment_delete", args=[dossier.pk, attachment.pk]))

    entries = dossier.audit_entries.filter(action=AuditAction.DOSSIER_UPDATED).order_by("pk")
    added, removed = (entry.data for entry in entries)
    assert (added["change"], removed["change"]) == ("attachment_added", "attachment_removed")
    assert added["attachment"]["name"] == removed["attachment"]["name"] == "a.pdf"
    assert added["attachment"]["sha256"] == attachment.sha256
    assert {entry.actor for entry in entries} == {world.clerk}
    assert not dossier.attachments.exists()


def test_documents_change_only_while_the_unit_may_edit_and_only_by_those_who_prepare(
    world, dossier
):
    letter = attach(dossier, world.clerk)
    with pytest.raises(NotAllowed):  # the unit head reads the dossier but does not draft it
        document_services.attachment_delete(actor=world.head, attachment=letter)
    with pytest.raises(NotAllowed):
        attach(dossier, world.head, name="head.pdf", kind=DocumentKind.OTHER)

    attach_required_documents(dossier, world.clerk)
    services.dossier_send_to_head(actor=world.clerk, dossier=dossier)
    with translation.override("en"), pytest.raises(DomainError, match="drafts or revises"):
        document_services.attachment_delete(actor=world.clerk, attachment=letter)
    with translation.override("en"), pytest.raises(DomainError, match="drafts or revises"):
        attach(dossier, world.clerk, name="late.pdf", kind=DocumentKind.OTHER)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_HEAD
    assert dossier.attachments.filter(pk=letter.pk).exists()


def test_the_panel_offers_uploads_only_on_the_prepare_step_to_the_preparer(world, login):
    dossier = create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)
    step = reverse("task_detail", args=[open_step(dossier, "prepare").pk])
    detail = reverse("dossier_detail", args=[dossier.pk])
    upload_url = reverse("attachment_upload", args=[dossier.pk])

    prepare_page = login(world.clerk).get(step).content.decode()
    assert upload_url in prepare_page and 'type="file"' in prepare_page
    # The checklist says in words what is missing (not by colour alone).
    assert 'class="status status-returned"><span aria-hidden="true">✗ </span>' in prepare_page
    assert upload_url not in login(world.clerk).get(detail).content.decode()
    assert upload_url not in login(world.head).get(detail).content.decode()
