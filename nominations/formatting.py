"""How administrative documents write dates and numbers (Decree 30/2020/NĐ-CP)."""

import datetime
import re
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def decree30_date(day: datetime.date) -> str:
    """'ngày 05 tháng 01 năm 2020', 'ngày 02 tháng 9 năm 2020'.

    Decree 30/2020/NĐ-CP, Annex I (place and date of issue): days below 10 and the months
    1 and 2 take a leading zero; the other months do not.
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("day %(day)s month %(month)s year %(year)s") % {
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def figure(value: Decimal | None) -> str:
    """A figure as the reader's language writes it: 1234.50 -> '1.234,5' in Vietnamese,
    '1,234.5' in English; 5.00 -> '5'; None -> '—'."""
    if value is None:
        return "—"
    value = Decimal(value)
    if value == value.to_integral_value():
        return number_format(value.quantize(Decimal(1)), decimal_pos=0, force_grouping=True)
    return number_format(value.normalize(), force_grouping=True)


# The project's working notes in a source, in English: "(verify: …)", "(article inferred)".
_WORKING_NOTE = re.compile(r"\s*\((?:verify|article)[^()]*(?:\([^()]*\)[^()]*)*\)")


def legal_citation(source: str) -> str:
    """A legal source as a page or a document cites it, without our working notes (whether a
    figure is verified is said apart, in the reader's language)."""
    return _WORKING_NOTE.sub("", source or "").strip()
