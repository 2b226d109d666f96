"""Forms of the chain's review steps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.forms import NormalizedCharField
from nominations.models import DecisionOutcome


class ReviewForm(forms.Form):
    """Approve or send back, with a reason when sending back (checked by the service)."""

    outcome = forms.ChoiceField(widget=forms.RadioSelect, label=_("Your decision"))
    reason = NormalizedCharField(
        label=_("Reason or note"),
        required=False,
        multiline=True,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = choices


class PerNomineeForm(forms.Form):
    """One choice and one note per nominee of the dossier."""

    choices: list = []
    note_label = _("Note")

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominees = list(nominees)
        for nominee in self.nominees:
            self.fields[f"choice_{nominee.pk}"] = forms.ChoiceField(
                label=nominee.full_name, choices=self.choices, widget=forms.RadioSelect
            )
            self.fields[f"note_{nominee.pk}"] = NormalizedCharField(
                label=self.note_label, required=False, multiline=True, max_length=2000
            )

    def rows(self):
        for nominee in self.nominees:
            yield nominee, self[f"choice_{nominee.pk}"], self[f"note_{nominee.pk}"]

    def outcomes(self) -> dict[int, tuple[str, str]]:
        return {
            n.pk: (self.cleaned_data[f"choice_{n.pk}"], self.cleaned_data[f"note_{n.pk}"])
            for n in self.nominees
        }


class DecideForm(PerNomineeForm):
    choices = [c for c in DecisionOutcome.choices if c[0] != DecisionOutcome.PENDING]
    note_label = _("Reason (required when not awarding)")

    def __init__(self, *args, signer_title, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer_title"] = NormalizedCharField(
            label=_("Signing as"),
            initial=signer_title,
            max_length=100,
            help_text=_("e.g. Chủ tịch, or KT. Chủ tịch – Phó Chủ tịch"),
        )
