"""Forms for drafting a dossier. They only shape input; the services decide what is valid."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nominations.models import Award, CommendationType, RecipientKind, Unit
from nominations.services import NomineeInput
from nominations.text import normalize_text

MAX_SUMMARY_LENGTH = 4000


class NormalizedCharField(forms.CharField):
    """A text field that stores Vietnamese in NFC and refuses unreadable characters."""

    def __init__(self, *args, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return normalize_text(super().to_python(value), multiline=self.multiline)


class DossierHeaderForm(forms.Form):
    title = NormalizedCharField(label=_("Title"), max_length=300)
    commendation_type = forms.ChoiceField(
        label=_("Commendation type"), choices=CommendationType.choices
    )
    year = forms.IntegerField(label=_("Year of the achievements"), min_value=1945)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].max_value = timezone.localdate().year + 1
        self.fields["year"].initial = timezone.localdate().year


class DossierCreateForm(DossierHeaderForm):
    unit = forms.ModelChoiceField(label=_("Proposing unit"), queryset=Unit.objects.none())
    authority = forms.ChoiceField(label=_("Send to"), choices=())

    field_order = ["unit", "authority", "title", "commendation_type", "year"]

    def __init__(self, *args, units, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()
        self.fields["authority"].choices = [(a.pk, a.name) for a in authorities]


class NomineeForm(forms.Form):
    # A blank first choice keeps an untouched extra form empty, so that it is skipped.
    recipient_kind = forms.ChoiceField(
        label=_("Individual or collective"),
        choices=[("", _("— choose —")), *RecipientKind.choices],
    )
    full_name = NormalizedCharField(label=_("Full name or collective name"), max_length=255)
    job_title = NormalizedCharField(
        label=_("Position and workplace"), max_length=255, required=False
    )
    award = forms.ModelChoiceField(
        label=_("Proposed award"),
        queryset=Award.objects.filter(is_active=True),
        error_messages={"invalid_choice": _("This award is not in the catalogue.")},
    )
    achievement_summary = NormalizedCharField(
        label=_("Summary of achievements"),
        multiline=True,
        max_length=MAX_SUMMARY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Asked by some commendation types only (nominations/commendation_types.py); the page shows
    # each one for its type when scripts run, all of them otherwise.
    act_date = forms.DateField(
        label=_("Date of the act (sudden commendation)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "data-for-type": "sudden"}),
    )
    service_years = forms.IntegerField(
        label=_("Years of service (long-service commendation)"),
        required=False,
        min_value=1,
        max_value=80,
        widget=forms.NumberInput(attrs={"data-for-type": "service"}),
    )
    nationality = NormalizedCharField(
        label=_("Nationality (commendation for a foreigner)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"data-for-type": "foreign"}),
    )


class BaseNomineeFormSet(forms.BaseFormSet):
    deletion_widget = forms.CheckboxInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.can_delete:
            form.fields["DELETE"].label = _("Remove this nominee")

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not filled:
            raise forms.ValidationError(_("A dossier needs at least one nominee."))

    def nominee_inputs(self) -> list[NomineeInput]:
        return [
            NomineeInput(
                recipient_kind=f.cleaned_data["recipient_kind"],
                full_name=f.cleaned_data["full_name"],
                job_title=f.cleaned_data.get("job_title", ""),
                award=f.cleaned_data["award"],
                achievement_summary=f.cleaned_data["achievement_summary"],
                act_date=f.cleaned_data.get("act_date"),
                service_years=f.cleaned_data.get("service_years"),
                nationality=f.cleaned_data.get("nationality", ""),
            )
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


NomineeFormSet = forms.formset_factory(
    NomineeForm, formset=BaseNomineeFormSet, extra=1, can_delete=True, max_num=1000
)
# Editing a dossier shows its nominees only; "Add a nominee" adds more.
NomineeEditFormSet = forms.formset_factory(
    NomineeForm, formset=BaseNomineeFormSet, extra=0, can_delete=True, max_num=1000
)


def nominee_initial(dossier) -> list[dict]:
    return [
        {
            "recipient_kind": n.recipient_kind,
            "full_name": n.full_name,
            "job_title": n.job_title,
            "award": n.award_id,
            "achievement_summary": n.achievement_summary,
            "act_date": n.act_date,
            "service_years": n.service_years,
            "nationality": n.nationality,
        }
        for n in dossier.nominees.all()
    ]
