"""Working days as Vietnamese public bodies count them.

- Public bodies work Monday to Friday: Saturdays and Sundays are days off.
- Public holidays: Labour Code 2019 (Law 45/2019/QH14) art. 112 lists them (Tết Dương lịch,
  Tết Âm lịch, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh 2/9 and the day next to it) and says
  that a holiday falling on a weekly day off is compensated by a day off on the following
  working day. The government also fixes each year the exact Tết days and swaps days for
  long weekends. That is why holidays are data (PublicHoliday rows, loaded by
  `manage.py load_public_holidays` and editable in the admin), never code.

Known gap: a swap makes a Saturday a working day (e.g. Saturday 04/05/2019 for Monday
29/04/2019); PublicHoliday can only add days off, so such a Saturday still counts as a day off
here and a deadline across it comes out one working day late.

Counting convention (as in "within 10 working days from receipt"): the starting day itself does
not count; the first working day after it is day 1.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable

SATURDAY = 5


def is_weekend(day: datetime.date) -> bool:
    return day.weekday() >= SATURDAY


def _weekdays_through(day: datetime.date) -> int:
    """Monday–Friday days from 01/01/0001 (a Monday) to day, both included."""
    ordinal = day.toordinal()
    return (ordinal // 7) * 5 + min(ordinal % 7, 5)


class WorkingCalendar:
    """Weekends plus a set of public holidays; build it once per request and reuse it."""

    def __init__(self, holidays: Iterable[datetime.date] = ()):
        self.holidays = frozenset(holidays)
        # Holidays on weekdays only: a holiday on a weekend is already a day off.
        self._weekday_holidays = sorted(day for day in self.holidays if not is_weekend(day))

    def is_working_day(self, day: datetime.date) -> bool:
        return not is_weekend(day) and day not in self.holidays

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after start (start itself not counted); start when n is 0."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        while n > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after start up to and including end; negative when end is earlier.

        `working_days_between(d, add_working_days(d, n)) == n`; from today to a deadline it
        gives the working days left (0: due today; below 0: overdue by that many).
        """
        if end < start:
            return -self.working_days_between(end, start)
        weekdays = _weekdays_through(end) - _weekdays_through(start)
        holidays = bisect.bisect_right(self._weekday_holidays, end) - bisect.bisect_right(
            self._weekday_holidays, start
        )
        return weekdays - holidays


def add_working_days(
    start: datetime.date, n: int, holidays: Iterable[datetime.date]
) -> datetime.date:
    return WorkingCalendar(holidays).add_working_days(start, n)


def working_days_between(
    start: datetime.date, end: datetime.date, holidays: Iterable[datetime.date]
) -> int:
    return WorkingCalendar(holidays).working_days_between(start, end)


def load_calendar() -> WorkingCalendar:
    """The calendar with every PublicHoliday row: one query (a few hundred rows at most)."""
    from nominations.models import PublicHoliday

    return WorkingCalendar(PublicHoliday.objects.values_list("date", flat=True))
