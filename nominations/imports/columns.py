"""Our fields, and a guess of which column of the file holds which, from its headings.

Headings are compared without diacritics, case or punctuation ("Họ và tên", "HỌ VÀ TÊN",
"Ho va ten (1)" are the same heading). Only whole headings are recognised: a column such as
"Chức vụ, đơn vị công tác" (position and unit together) is left for the user to map, since
guessing it as the unit would fail on every row.
"""

import re

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

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_IN_PARENTHESES = re.compile(r"\([^)]*\)")


def heading_key(text) -> str:
    """'Họ và tên (1)' -> 'ho va ten': no diacritics, case, bracketed notes or punctuation."""
    key = _IN_PARENTHESES.sub(" ", search_key(str(text or "")))
    return _NOT_WORD.sub(" ", key).strip()


def guess_columns(headings: list[str]) -> dict[str, int]:
    """{field: column index} for the headings we recognise; the first column wins a field."""
    guessed: dict[str, int] = {}
    for index, heading in enumerate(headings):
        key = heading_key(heading)
        for field_name, known in KNOWN_HEADINGS.items():
            if key in known and field_name not in guessed:
                guessed[field_name] = index
                break
    return guessed
