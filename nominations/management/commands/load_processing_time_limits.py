"""Load the dossier processing time limits per authority level (idempotent; editable).

The figures and their sources are in nominations/register/deadlines.py; a row already present
(level, in force from) is left as it is, so a correction made in the admin survives.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from nominations.models import ProcessingTimeLimit
from nominations.register.deadlines import time_limit_rows


class Command(BaseCommand):
    help = "Load the processing time limits per authority level and period (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        added = kept = 0
        for level, valid_from, days, with_consultation, source in time_limit_rows():
            _row, created = ProcessingTimeLimit.objects.get_or_create(
                level=level,
                valid_from=valid_from,
                defaults={
                    "working_days": days,
                    "working_days_with_consultation": with_consultation,
                    "source": source,
                },
            )
            added += created
            kept += not created
        self.stdout.write(f"Processing time limits: {added} added, {kept} already present.")
