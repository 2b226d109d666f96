"""The upload form: what the document is, whom it concerns, and the file."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.models import DocumentKind


class AttachmentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    nominee = forms.ModelChoiceField(
        label=_("Concerns"),
        queryset=None,
        required=False,
        empty_label=_("The whole dossier"),
    )
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = dossier.nominees.order_by("position", "pk")
