"""How administrative documents write dates and numbers (Decree 30/2020/NĐ-CP)."""

import datetime

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
