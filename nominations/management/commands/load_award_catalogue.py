from django.core.management.base import BaseCommand

from nominations.catalogue import AWARDS
from nominations.models import Award


class Command(BaseCommand):
    help = "Load or update the award catalogue (idempotent)."

    def handle(self, *args, **options):
        for code, name, kind, recipient, level_min, level_max, source in AWARDS:
            Award.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "kind": kind,
                    "recipient_kind": recipient,
                    "level_min": level_min,
                    "level_max": level_max,
                    "source": source,
                },
            )
        self.stdout.write(f"{len(AWARDS)} awards in the catalogue")
