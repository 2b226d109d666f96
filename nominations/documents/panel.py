"""What the documents panel shows: the checklist, the files, and the upload forms."""

from urllib.parse import urlencode

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from nominations.documents.completeness import dossier_completeness
from nominations.documents.content import ACCEPTED
from nominations.documents.forms import AttachmentUploadForm
from nominations.documents.selectors import attachments_of
from nominations.models import DocumentKind

ACCEPT_ATTRIBUTE = ",".join([*(f".{t.extension}" for t in ACCEPTED.values()), ".jpeg", *ACCEPTED])


def panel_context(request, dossier, *, editable: bool) -> dict:
    user = getattr(request, "user", None)
    can_edit = bool(
        editable
        and dossier.is_editable
        and user is not None
        and user.has_perm("nominations.prepare_dossier", dossier)
    )
    items = dossier_completeness(dossier)
    back = urlencode({"next": request.get_full_path()}) if request is not None else ""
    context = {
        "dossier": dossier,
        "editable": editable,
        "can_edit": can_edit,
        "items": items,
        "missing": [item for item in items if not item.present],
        "attachments": list(attachments_of(dossier)),
        "back": back,
    }
    if can_edit:
        form = AttachmentUploadForm(
            dossier=dossier, auto_id="doc-%s", initial={"kind": DocumentKind.OTHER}
        )
        form.fields["file"].widget.attrs["accept"] = ACCEPT_ATTRIBUTE
        context.update(
            upload_url=f"{reverse('attachment_upload', args=[dossier.pk])}?{back}",
            form=form,
            accept=ACCEPT_ATTRIBUTE,
            max_size=filesizeformat(settings.ATTACHMENT_MAX_BYTES),
            max_files=settings.ATTACHMENT_MAX_PER_DOSSIER,
            types=", ".join(t.label for t in ACCEPTED.values()),
        )
    return context
