"""Uploading, downloading and removing a dossier's documents.

Every view loads the dossier through the one access check first: whoever may not see the
dossier (another unit's people, an anonymous visitor) gets 404 and learns nothing. Files
are served only here, as downloads, never from a public URL.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from nominations.access import get_dossier_for_user
from nominations.documents import services
from nominations.documents.forms import AttachmentUploadForm
from nominations.documents.storage import attachment_storage
from nominations.documents.uploads import SizeLimitUploadHandler, declared_too_large
from nominations.errors import DomainError
from nominations.models import Attachment


def _back(request, dossier):
    """Where the panel was: its page's path (?next=), else the dossier's page."""
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("dossier_detail", dossier.pk)


# The size limit must be in place before the body is read, and CSRF protection reads it:
# the outer view is exempt and sets the handler up; the inner one is protected.
@csrf_exempt
@login_required
@require_POST
def attachment_upload(request, pk):
    dossier = get_dossier_for_user(request.user, pk)
    if declared_too_large(request, settings.ATTACHMENT_MAX_BYTES):
        # Refused on the declared length alone, before a byte of the body is read.
        messages.error(request, services.too_large_message())
        return _back(request, dossier)
    handler = SizeLimitUploadHandler(request, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    request.upload_handlers.insert(0, handler)
    return _receive_upload(request, dossier, handler)


@csrf_protect
def _receive_upload(request, dossier, handler):
    form = AttachmentUploadForm(request.POST, request.FILES, dossier=dossier)
    if handler.too_large:
        messages.error(request, services.too_large_message())
    elif not form.is_valid():
        errors = [str(e) for field in form for e in field.errors] + form.non_field_errors()
        messages.error(request, " ".join(errors))
    else:
        try:
            attachment = services.attachment_upload(
                actor=request.user,
                dossier=dossier,
                kind=form.cleaned_data["kind"],
                nominee=form.cleaned_data["nominee"],
                file=form.cleaned_data["file"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("“%(name)s” was attached.") % {"name": attachment.original_name},
            )
    return _back(request, dossier)


@login_required
@require_GET
def attachment_download(request, pk, attachment_pk):
    dossier = get_dossier_for_user(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    try:
        handle = attachment_storage().open(attachment.file.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    dossier = get_dossier_for_user(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    try:
        services.attachment_delete(actor=request.user, attachment=attachment)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(name)s” was removed.") % {"name": attachment.original_name})
    return _back(request, dossier)
