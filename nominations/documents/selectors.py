"""Reads for the documents panel."""

from django.db.models import F

from nominations.models import Dossier


def attachments_of(dossier: Dossier):
    """The dossier's documents: the whole dossier's first, then each nominee's in order."""
    return dossier.attachments.select_related("nominee", "uploaded_by").order_by(
        F("nominee__position").asc(nulls_first=True), "nominee_id", "kind", "pk"
    )
