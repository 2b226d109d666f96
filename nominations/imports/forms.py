"""Forms of the import pages. They only shape input; the services decide what is valid."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from nominations.imports import readers
from nominations.imports.columns import HISTORY


class FileForm(forms.Form):
    """The file of a list, whatever its kind."""

    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,.docx,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet,text/csv,application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "An Excel workbook (.xlsx), a CSV file, or a Word document (.docx) with the list in "
            "a table; at most %(size)s and %(rows)s rows."
        ) % {"size": filesizeformat(readers.max_bytes()), "rows": readers.max_rows()}


class UploadForm(FileForm):
    unit = forms.ModelChoiceField(label=_("Unit whose history this list holds"), queryset=None)

    field_order = ["unit", "file"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if len(units) == 1:
            self.fields["unit"].initial = units[0]


def table_label(table: dict) -> str:
    """A sheet, the CSV file, or a Word table, in the reader's language."""
    if table["kind"] == "sheet":
        return _("Sheet “%(name)s”") % {"name": table["name"]}
    if table["kind"] == "table":
        parts = table.get("parts") or [1]
        if len(parts) == 1:
            return _("Table %(number)s") % {"number": parts[0]}
        return _("Tables %(numbers)s (one list)") % {"numbers": ", ".join(map(str, parts))}
    return _("The CSV file")


class TableChoiceForm(forms.Form):
    table = forms.TypedChoiceField(label=_("Read the list from"), coerce=int)

    def __init__(self, *args, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [
            (
                index,
                _("%(table)s — %(rows)s rows") % {"table": table_label(t), "rows": t["rows"]},
            )
            for index, t in enumerate(tables)
        ]


class ColumnMappingForm(forms.Form):
    """One choice per column of the file: which of our fields it holds, if any."""

    def __init__(self, *args, headers, columns, fields=HISTORY, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers, self.field_set = headers, fields
        chosen = {index: name for name, index in columns.items()}
        choices = [("", _("— not imported —")), *fields.fields.items()]
        for index, heading in enumerate(headers):
            label = heading or _("Column %(number)s (no heading)") % {"number": index + 1}
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=chosen.get(index, "")
            )

    def clean(self):
        cleaned = super().clean()
        by_field: dict[str, list[int]] = {}
        for index in range(len(self.headers)):
            name = cleaned.get(f"column_{index}")
            if name:
                by_field.setdefault(name, []).append(index)
        for name, indexes in by_field.items():
            if len(indexes) > 1:
                headings = ", ".join(f"“{self.fields[f'column_{i}'].label}”" for i in indexes)
                self.add_error(
                    None,
                    _("“%(field)s” is chosen for several columns (%(columns)s): choose one.")
                    % {"field": self.field_set.fields[name], "columns": headings},
                )
        for group in self.field_set.missing(by_field):
            if len(group) == 1:
                message = _("Choose the column that holds “%(field)s”.") % {
                    "field": self.field_set.fields[group[0]]
                }
            else:
                message = _("Choose a column that holds %(fields)s.") % {
                    "fields": self.field_set.group_label(group)
                }
            self.add_error(None, message)
        self.columns = {name: indexes[0] for name, indexes in by_field.items()}
        return cleaned
