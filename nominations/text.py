"""Vietnamese text as people type it: NFC for storage, a diacritic-free key for search.

Vietnamese can arrive precomposed (NFC, most keyboards) or decomposed (NFD, macOS files,
some Word exports); both must be stored the same way and found by the same search.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WHITESPACE = re.compile(r"\s+")
# Control characters other than tab and newline never belong in a name or a summary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")


def normalize_text(value: str, *, multiline: bool = False) -> str:
    """NFC, stripped, inner whitespace folded (kept line breaks when multiline)."""
    if value is None:
        return ""
    value = unicodedata.normalize("NFC", str(value))
    if "\ufffd" in value:
        raise ValidationError(
            _("The text contains characters that could not be read. Retype it and try again."),
            code="malformed_text",
        )
    value = _CONTROL.sub("", value)
    if multiline:
        lines = [_WHITESPACE.sub(" ", line).strip() for line in value.splitlines()]
        return "\n".join(lines).strip()
    return _WHITESPACE.sub(" ", value).strip()


def search_key(value: str) -> str:
    """Lower-case, without diacritics: 'Nguyễn Văn Ấn' -> 'nguyen van an'."""
    decomposed = unicodedata.normalize("NFD", str(value or ""))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _WHITESPACE.sub(" ", stripped).strip().lower()
