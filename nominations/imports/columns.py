"""Our fields, and a guess of which column of the file holds which, from its headings.

Each kind of list has its own field set: award history (`HISTORY`) and the nominees of a
dossier (`NOMINEES`). Headings are compared without diacritics, case or punctuation ("Họ và
tên", "HỌ VÀ TÊN", "Ho va ten (1)" are the same heading). Only whole headings are recognised:
in a history list, a column such as "Chức vụ, đơn vị công tác" (position and unit together) is
left for the user to map, since guessing it as the unit would fail on every row; in a nominee
list it is the nominee's position and workplace.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nominations.text import search_key

FULL_NAME = "full_name"
UNIT = "unit"
AWARD = "award"
YEAR = "year"
DECISION_REFERENCE = "decision_reference"
DECISION_DATE = "decision_date"
ISSUER = "issuer"

FIELDS = {
    FULL_NAME: _("Full name"),
    UNIT: _("Unit"),
    AWARD: _("Award (name or code)"),
    YEAR: _("Year"),
    DECISION_REFERENCE: _("Decision number"),
    DECISION_DATE: _("Decision date"),
    ISSUER: _("Issued by"),
}
REQUIRED_FIELDS = (FULL_NAME, AWARD, YEAR)

# Headings as heading_key() writes them.
KNOWN_HEADINGS = {
    FULL_NAME: {
        "ho va ten",
        "ho ten",
        "ho va ten ca nhan",
        "ten ca nhan",
        "ho va ten ten tap the",
        "ten ca nhan tap the",
        "ca nhan tap the",
        "full name",
        "name",
    },
    UNIT: {"don vi", "don vi cong tac", "co quan don vi", "co quan don vi cong tac", "unit"},
    AWARD: {
        "danh hieu",
        "danh hieu thi dua",
        "hinh thuc khen thuong",
        "danh hieu hinh thuc khen thuong",
        "danh hieu khen thuong",
        "danh hieu thi dua hinh thuc khen thuong",
        "hinh thuc khen thuong danh hieu thi dua",
        "hinh thuc khen thuong danh hieu",
        "danh hieu duoc tang",
        "hinh thuc",
        "ma danh hieu",
        "award",
    },
    YEAR: {"nam", "nam khen thuong", "nam dat danh hieu", "nam dat", "nam cong nhan", "year"},
    DECISION_REFERENCE: {
        "so quyet dinh",
        "so qd",
        "quyet dinh so",
        "so hieu quyet dinh",
        "decision number",
    },
    DECISION_DATE: {
        "ngay quyet dinh",
        "ngay qd",
        "ngay ky",
        "ngay ky quyet dinh",
        "ngay ban hanh",
        "decision date",
    },
    ISSUER: {
        "co quan ban hanh",
        "co quan quyet dinh",
        "cap khen",
        "cap khen thuong",
        "noi ban hanh",
        "issuer",
        "issued by",
    },
}

# --- Nominee lists ("danh sách đề nghị khen thưởng") ---------------------------------------------

COLLECTIVE_NAME = "collective_name"
RECIPIENT_KIND = "recipient_kind"
JOB_TITLE = "job_title"
SUMMARY = "achievement_summary"

NOMINEE_FIELDS = {
    FULL_NAME: _("Full name or collective name"),
    COLLECTIVE_NAME: _("Collective name"),
    RECIPIENT_KIND: _("Individual or collective"),
    JOB_TITLE: _("Position and workplace"),
    AWARD: _("Proposed award (name or code)"),
    SUMMARY: _("Summary of achievements"),
}

NOMINEE_HEADINGS = {
    FULL_NAME: {
        "ho va ten",
        "ho ten",
        "ho va ten ca nhan",
        "ten ca nhan",
        "ho va ten ten tap the",
        "ho ten ten tap the",
        "ten ca nhan tap the",
        "ho va ten ca nhan ten tap the",
        "full name",
        "name",
    },
    COLLECTIVE_NAME: {"ten tap the", "ten don vi tap the", "tap the de nghi", "collective name"},
    RECIPIENT_KIND: {
        "ca nhan tap the",
        "ca nhan hay tap the",
        "ca nhan hoac tap the",
        "doi tuong",
        "individual or collective",
    },
    JOB_TITLE: {
        "chuc vu don vi cong tac",
        "chuc vu don vi",
        "chuc vu noi cong tac",
        "chuc vu co quan don vi cong tac",
        "chuc vu",
        "don vi cong tac",
        "position and workplace",
    },
    AWARD: {
        "hinh thuc de nghi",
        "danh hieu de nghi",
        "hinh thuc khen thuong de nghi",
        "hinh thuc danh hieu de nghi",
        "danh hieu hinh thuc de nghi",
        "hinh thuc khen thuong danh hieu de nghi",
        "danh hieu thi dua hinh thuc khen thuong de nghi",
        "danh hieu thi dua de nghi",
        "de nghi khen thuong",
        "hinh thuc khen thuong",
        "danh hieu",
        "danh hieu thi dua",
        "hinh thuc",
        "ma danh hieu",
        "proposed award",
        "award",
    },
    SUMMARY: {
        "tom tat thanh tich",
        "thanh tich",
        "tom tat thanh tich dat duoc",
        "thanh tich dat duoc",
        "tom tat thanh tich de nghi khen thuong",
        "summary of achievements",
        "achievements",
    },
}


@dataclass(frozen=True)
class FieldSet:
    """The fields of one kind of list. Each entry of `required` is a group: one of its fields
    must be chosen (a nominee list names its nominees in one column, or in two)."""

    fields: dict
    required: tuple[tuple[str, ...], ...]
    headings: dict[str, set[str]]

    def guess(self, headings: list[str]) -> dict[str, int]:
        return guess_columns(headings, self.headings)

    def missing(self, chosen) -> list[tuple[str, ...]]:
        """The required groups none of whose fields is chosen."""
        return [group for group in self.required if not any(name in chosen for name in group)]

    def group_label(self, group: tuple[str, ...]) -> str:
        """“Full name” or, for a group, “Full name” or “Collective name” (quotes included)."""
        labels = [str(self.fields[name]) for name in group]
        if len(labels) == 1:
            return f"“{labels[0]}”"
        return gettext("“%(first)s” or “%(second)s”") % {
            "first": "”, “".join(labels[:-1]),
            "second": labels[-1],
        }


_NOT_WORD = re.compile(r"[^0-9a-z]+")
_IN_PARENTHESES = re.compile(r"\([^)]*\)")


def heading_key(text) -> str:
    """'Họ và tên (1)' -> 'ho va ten': no diacritics, case, bracketed notes or punctuation."""
    key = _IN_PARENTHESES.sub(" ", search_key(str(text or "")))
    return _NOT_WORD.sub(" ", key).strip()


def guess_columns(headings: list[str], known_headings=None) -> dict[str, int]:
    """{field: column index} for the headings we recognise; the first column wins a field."""
    guessed: dict[str, int] = {}
    for index, heading in enumerate(headings):
        key = heading_key(heading)
        for field_name, known in (known_headings or KNOWN_HEADINGS).items():
            if key in known and field_name not in guessed:
                guessed[field_name] = index
                break
    return guessed


KIND_AWARD_HISTORY = "award_history"
KIND_NOMINEES = "nominees"

HISTORY = FieldSet(
    fields=FIELDS,
    required=tuple((name,) for name in REQUIRED_FIELDS),
    headings=KNOWN_HEADINGS,
)
NOMINEES = FieldSet(
    fields=NOMINEE_FIELDS,
    required=((FULL_NAME, COLLECTIVE_NAME), (AWARD,), (SUMMARY,)),
    headings=NOMINEE_HEADINGS,
)
FIELD_SETS = {KIND_AWARD_HISTORY: HISTORY, KIND_NOMINEES: NOMINEES}


def field_set(kind: str) -> FieldSet:
    return FIELD_SETS.get(kind, HISTORY)


def heading_score(cells) -> int:
    """How many cells are headings we know, for the kind of list they fit best."""
    return max(len(fields.guess(cells)) for fields in FIELD_SETS.values())
