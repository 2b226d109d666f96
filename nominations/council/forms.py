"""Forms of the council's pages. Choices are built from the session; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.forms import NormalizedCharField


class SessionForm(forms.Form):
    title = NormalizedCharField(label=_("Title"), max_length=300)
    held_on = forms.DateField(
        label=_("Date of the meeting"), widget=forms.DateInput(attrs={"type": "date"})
    )
    venue = NormalizedCharField(label=_("Venue"), max_length=255, required=False)

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"] = forms.ModelChoiceField(
            label=_("Council"), queryset=councils, empty_label=None
        )
        self.order_fields(["council", "title", "held_on", "venue"])


class AgendaForm(forms.Form):
    """Which accepted dossiers go on the agenda; `action` says whether to convene now."""

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"] = forms.ModelMultipleChoiceField(
            label=_("Dossiers on the agenda"),
            queryset=dossiers,
            widget=forms.CheckboxSelectMultiple,
            required=True,
        )


class AttendanceForm(forms.Form):
    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"] = forms.ModelMultipleChoiceField(
            label=_("Members present"),
            queryset=members,
            widget=forms.CheckboxSelectMultiple,
            required=True,
        )
        self.fields["closes_at"] = forms.DateTimeField(
            label=_("The ballot is planned to close at"),
            help_text=_("Members who have not voted are reminded before then. Optional."),
            required=False,
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        )


class RecusalForm(forms.Form):
    def __init__(self, *args, items, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"] = forms.ModelChoiceField(label=_("Nominee"), queryset=items)
        self.fields["member"] = forms.ModelChoiceField(label=_("Member"), queryset=members)
        self.fields["reason"] = NormalizedCharField(label=_("Reason"), max_length=500)


def marks_from_post(data, item_ids) -> dict[str, str]:
    """The ballot's radio groups, named mark-<item id>; unmarked items are left out."""
    return {
        str(item_id): data[f"mark-{item_id}"] for item_id in item_ids if data.get(f"mark-{item_id}")
    }
