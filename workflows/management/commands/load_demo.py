from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from workflows.demo import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the Kỳ Anh demo (units, people, sample dossiers). Safe to run twice."

    def handle(self, *args, **options):
        # The sample dossiers notify people as they move; their mails would bury this output.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            result = load_demo()
        self.stdout.write(
            f"Demo ready: {result['units']} units, {len(result['people'])} people, "
            f"{result['dossiers']} new sample dossiers."
        )
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
        for spec in DEMO_USERS:
            roles = ", ".join(f"{role.label} @ {unit}" for unit, role in spec.roles)
            self.stdout.write(f"  {spec.username:<22} {spec.full_name:<20} {roles}")
