"""Load Vietnam's public holidays into PublicHoliday (idempotent; rows stay editable).

The `holidays` package (pinned in requirements.txt) computes the lunar Tết dates, the days off
that compensate a holiday falling on a weekend (Labour Code 2019 art. 112) and the swaps the
government announced up to the package's release. Later announcements are entered in the
admin. A date already present is left as it is: an administrator's correction survives a
second run.
"""

import holidays
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from nominations.models import PublicHoliday

NAME_LENGTH = PublicHoliday._meta.get_field("name").max_length


class Command(BaseCommand):
    help = "Load Vietnam's public holidays for a range of years (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", type=int, required=True, help="first year")
        parser.add_argument("--to", dest="last", type=int, required=True, help="last year")

    def handle(self, *args, first, last, **options):
        if not 1995 <= first <= last <= 2100:
            raise CommandError("Give years with 1995 <= --from <= --to <= 2100.")
        days = holidays.country_holidays("VN", years=range(first, last + 1), language="vi")
        with transaction.atomic():
            existing = set(
                PublicHoliday.objects.filter(
                    date__year__gte=first, date__year__lte=last
                ).values_list("date", flat=True)
            )
            new = [
                PublicHoliday(date=day, name=name[:NAME_LENGTH])
                for day, name in sorted(days.items())
                if day not in existing
            ]
            PublicHoliday.objects.bulk_create(new, ignore_conflicts=True)
        self.stdout.write(
            f"{first}–{last}: {len(days)} holidays from the holidays package "
            f"{holidays.__version__}; {len(new)} added, {len(days) - len(new)} already present."
        )
