"""Attaching documents to a dossier and removing them, while the unit may still edit it.

Each call checks the person's right on the dossier and its state under the dossier's row
lock, writes the change and its audit row in one transaction. The file's type is read from
its content (content.sniff), its size is capped (settings.ATTACHMENT_MAX_BYTES, also
enforced while it streams in: uploads.py), the scanner hook runs before anything is stored,
and the file goes to the private attachments storage under a name made of its hash.
"""

import hashlib
import logging
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from nominations.documents import content, scanning
from nominations.documents.completeness import DOSSIER_KINDS, PER_NOMINEE_KINDS
from nominations.documents.storage import attachment_storage
from nominations.errors import DomainError, StepOutOfOrder
from nominations.models import (
    EDITABLE_STATUSES,
    Attachment,
    AuditAction,
    DocumentKind,
    Dossier,
    Nominee,
    ScanStatus,
)
from nominations.models.documents import attachment_path
from nominations.services._base import audit, lock_dossier, require_perm
from nominations.text import normalize_text

logger = logging.getLogger(__name__)

PREPARE = "nominations.prepare_dossier"
MAX_NAME_LENGTH = 255


def too_large_message() -> str:
    return _("The file is larger than %(max)s: send a smaller file or split it.") % {
        "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES)
    }


def attachment_upload(
    *, actor, dossier: Dossier, kind: str, nominee: Nominee | None = None, file
) -> Attachment:
    """Attach `file` (a Django File: an upload, or ContentFile with a name) to the dossier."""
    _check_kind(kind, nominee)
    require_perm(actor, PREPARE, dossier)  # before reading and scanning anything
    size = file.size
    if size > settings.ATTACHMENT_MAX_BYTES:
        raise DomainError(too_large_message())
    if not size:
        raise DomainError(_("The file is empty."))
    detected = content.sniff(file)
    digest = _sha256(file)
    status = scanning.scan(file)
    if status == ScanStatus.INFECTED:
        logger.warning("infected upload refused: dossier %s, sha256 %s", dossier.pk, digest)
        raise DomainError(_("The virus scan found a threat in this file: it was not attached."))
    name = _display_name(file.name, detected)
    storage = attachment_storage()
    stored = None
    try:
        with transaction.atomic():
            dossier = _lock_editable(dossier, actor)
            if nominee is not None and not dossier.nominees.filter(pk=nominee.pk).exists():
                raise DomainError(_("This nominee is not in the dossier."))
            if dossier.attachments.count() >= settings.ATTACHMENT_MAX_PER_DOSSIER:
                raise DomainError(
                    _("A dossier may carry at most %(max)d files: remove one first.")
                    % {"max": settings.ATTACHMENT_MAX_PER_DOSSIER}
                )
            attachment = Attachment(
                dossier=dossier,
                nominee=nominee,
                kind=kind,
                original_name=name,
                content_type=detected.mime,
                size=size,
                sha256=digest,
                scan_status=status,
                uploaded_by=actor,
            )
            stored = _save(attachment, file, actor=actor, change="attachment_added")
    except BaseException:
        if stored is not None:
            storage.delete(stored)
        raise
    return attachment


def attachment_add_generated(
    *, actor, dossier: Dossier, kind: str, name: str, content: bytes, mime: str
) -> Attachment:
    """A document the system itself produced for the dossier (e.g. the council's minutes).

    Not an upload: no scan or type sniffing, and the dossier need not be editable. The
    caller's service has checked the actor's right and holds the dossier's lock.
    """
    attachment = Attachment(
        dossier=dossier,
        kind=kind,
        original_name=name,
        content_type=mime,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        scan_status=ScanStatus.CLEAN,
        uploaded_by=actor,
    )
    _save(attachment, ContentFile(content), actor=actor, change="document_generated")
    return attachment


def _save(attachment: Attachment, file, *, actor, change: str) -> str | None:
    """Store the file (once per dossier and content), save the row and record it on the
    dossier. Returns the path written now, for the caller to remove if its transaction fails."""
    storage = attachment_storage()
    path = storage.generate_filename(attachment_path(attachment, attachment.original_name))
    stored = None
    if not storage.exists(path):  # the same content is stored once per dossier
        file.seek(0)
        stored = path = storage.save(path, file)
    try:
        attachment.file.name = path
        attachment.save()
        audit(
            actor=actor,
            action=AuditAction.DOSSIER_UPDATED,
            target=attachment.dossier,
            dossier=attachment.dossier,
            data={"change": change, "attachment": _describe(attachment)},
        )
    except BaseException:
        if stored is not None:
            storage.delete(stored)
        raise
    return stored


def attachment_delete(*, actor, attachment: Attachment) -> None:
    with transaction.atomic():
        dossier = _lock_editable(attachment.dossier, actor)
        attachment = dossier.attachments.filter(pk=attachment.pk).first()
        if attachment is None:
            raise DomainError(_("This document was already removed."))
        description = _describe(attachment)
        name = attachment.file.name
        attachment.delete()
        audit(
            actor=actor,
            action=AuditAction.DOSSIER_UPDATED,
            target=dossier,
            dossier=dossier,
            data={"change": "attachment_removed", "attachment": description},
        )
        transaction.on_commit(lambda: _delete_file_if_unused(dossier.pk, name))


def _lock_editable(dossier: Dossier, actor) -> Dossier:
    try:
        return lock_dossier(dossier, actor=actor, perm=PREPARE, expected=EDITABLE_STATUSES)
    except StepOutOfOrder as error:
        raise StepOutOfOrder(
            _("Documents can only be changed while the unit drafts or revises the dossier.")
        ) from error


def _check_kind(kind: str, nominee: Nominee | None) -> None:
    if kind not in DocumentKind.values:
        raise DomainError(_("Choose what the document is."))
    if kind in PER_NOMINEE_KINDS and nominee is None:
        raise DomainError(
            _("“%(document)s” concerns one nominee: choose whom.")
            % {"document": DocumentKind(kind).label}
        )
    if kind in DOSSIER_KINDS and nominee is not None:
        raise DomainError(
            _("“%(document)s” concerns the whole dossier, not one nominee.")
            % {"document": DocumentKind(kind).label}
        )


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _display_name(raw, detected: content.FileType) -> str:
    """The name people typed, cleaned; its extension made to match what the file really is."""
    try:
        name = normalize_text(PurePath(str(raw or "")).name)
    except ValidationError:
        name = ""
    name = name.strip(". ") or _("document")
    if PurePath(name).suffix.lower().lstrip(".") not in _extensions(detected):
        name = f"{name}.{detected.extension}"
    if len(name) > MAX_NAME_LENGTH:
        suffix = PurePath(name).suffix
        name = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return name


def _extensions(detected: content.FileType) -> set[str]:
    return {"jpg", "jpeg"} if detected.mime == content.JPEG else {detected.extension}


def _describe(attachment: Attachment) -> dict:
    return {
        "id": attachment.pk,
        "kind": attachment.kind,
        "nominee": attachment.nominee_id,
        "name": attachment.original_name,
        "size": attachment.size,
        "content_type": attachment.content_type,
        "sha256": attachment.sha256,
        "scan": attachment.scan_status,
    }


def _delete_file_if_unused(dossier_pk: int, name: str) -> None:
    """After the row is gone: drop the stored file unless another attachment shares it."""
    if Attachment.objects.filter(dossier_id=dossier_pk, file=name).exists():
        return
    try:
        attachment_storage().delete(name)
    except OSError:
        logger.exception("could not delete the stored attachment %s", name)
