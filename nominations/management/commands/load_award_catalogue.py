from django.core.management.base import BaseCommand
from django.db import transaction

from nominations.catalogue import AWARDS, LEVELS, PERIODS
from nominations.models import Award, AwardRule, LegalPeriod


class Command(BaseCommand):
    help = "Load or update the award catalogue, its legal periods and rules (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        periods = []
        for code, name, valid_from, valid_until, sources in PERIODS:
            period, _ = LegalPeriod.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "valid_from": valid_from,
                    "valid_until": valid_until,
                    "sources": sources,
                },
            )
            periods.append(period)
        for code, name, kind, recipient in AWARDS:
            award, _ = Award.objects.update_or_create(
                code=code, defaults={"name": name, "kind": kind, "recipient_kind": recipient}
            )
            level_min, level_max, source = LEVELS[code]
            for period in periods:
                AwardRule.objects.update_or_create(
                    award=award,
                    period=period,
                    defaults={"level_min": level_min, "level_max": level_max, "source": source},
                )
        self.stdout.write(f"{len(AWARDS)} awards over {len(periods)} legal periods")
