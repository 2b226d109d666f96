"""The forms of a unit's page in a movement: commitment, progress report (and its correction),
implementation plan. They read what was typed; the rules stay in emulation.services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.services import clean_value
from nominations.errors import DomainError

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FigureField(forms.CharField):
    """A figure typed the Vietnamese way ("41,2") or the other ("41.2"); cleaned to a Decimal
    by the services' own rule (emulation.services.clean_value) for the target's measure."""

    def __init__(self, *, measure: str = "", **kwargs):
        self.measure = measure
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return clean_value(value.replace(" ", "").replace("\u00a0", ""), self.measure)
        except DomainError as error:
            raise forms.ValidationError(error.message) from error


class _TargetForm(forms.Form):
    def __init__(self, *args, measure: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].measure = measure


class CommitmentForm(_TargetForm):
    value = FigureField(label=_("Committed value"))


class ReportForm(_TargetForm):
    value = FigureField(label=_("Value reached"))
    as_of = forms.DateField(
        label=_("As of"), input_formats=DATE_INPUT_FORMATS, widget=_date_widget()
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"as_of": timezone.localdate()})
        super().__init__(*args, **kwargs)


class PlanForm(forms.Form):
    reference = forms.CharField(
        label=_("Document number"),
        required=False,
        max_length=100,
        help_text=_("e.g. 15/KH-UBND"),
    )
    filed_on = forms.DateField(
        label=_("Filed on"), input_formats=DATE_INPUT_FORMATS, widget=_date_widget()
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"filed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
