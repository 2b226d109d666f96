"""Blank the identity numbers and dates of birth of people inactive for a long time.

Law 91/2025/QH15 (from 01/01/2026), like Decree 13/2023/NĐ-CP before it, wants personal data
kept only as long as the purpose needs it. How long that is for commendation records is for
the data controller (the authority running this system) to decide: it is the setting
PERSONAL_DATA_RETENTION_YEARS. Its default, 10, is a cautious placeholder, not a figure from
the law: identity data serve while a dossier naming the person may still be checked,
re-examined or proposed upward. Names and award history stay: they are the public record.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nominations.register.personal_data import purge_personal_data


class Command(BaseCommand):
    help = "Blank personal data of people with no activity for PERSONAL_DATA_RETENTION_YEARS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be blanked, change nothing"
        )
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help="retention period in years (default: PERSONAL_DATA_RETENTION_YEARS)",
        )

    def handle(self, *args, dry_run, years, **options):
        years = settings.PERSONAL_DATA_RETENTION_YEARS if years is None else years
        if years < 1:
            raise CommandError("The retention period must be at least one year.")
        report = purge_personal_data(years=years, dry_run=dry_run)
        verb = "would blank" if dry_run else "blanked"
        self.stdout.write(
            f"Retention {years} years (no activity since {report.cutoff:%d/%m/%Y}): {verb} "
            f"the personal data of {len(report.person_ids)} people."
        )
        if report.person_ids:
            self.stdout.write("People: " + ", ".join(str(pk) for pk in report.person_ids))
        if report.undated:
            self.stdout.write(
                f"{report.undated} people hold personal data but no dated activity at all: "
                "kept, review them by hand."
            )
