import argparse

from django.core.management.base import BaseCommand

from emulation.seed_loader import load_seed_program


class Command(BaseCommand):
    help = """Load or update the seed program: UBND huyện Kỳ Anh's 2020 action program for
Directive 42-CT/TU (emulation/seed_program.py) — the movement, its milestones, its 13 tasks
with their lead and coordinating units, and every numeric target. Idempotent. Loads the demo
organisation first when the district is missing.

The same data ships as a fixture, emulation/fixtures/seed_program.json (with the units and
authorities it refers to, so it loads into an empty database: manage.py loaddata
seed_program). Regenerate it after changing the data, from an empty database so that the
primary keys stay the same:

  createdb -h 127.0.0.1 -U postgres thidua_fixture
  export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua_fixture
  .venv/bin/python manage.py migrate --no-input -v0
  .venv/bin/python manage.py load_seed_program
  .venv/bin/python manage.py dumpdata --indent 2 nominations.unit \\
      nominations.awardingauthority emulation.movement emulation.milestone \\
      emulation.movementtask emulation.target -o emulation/fixtures/seed_program.json
  dropdb -h 127.0.0.1 -U postgres thidua_fixture
"""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter  # keep the recipe's lines
        return parser

    def handle(self, *args, **options):
        result = load_seed_program()
        if options["verbosity"] < 1:
            return
        self.stdout.write(
            f"{result.movement.code}: {result.tasks} tasks, {result.targets} targets, "
            f"{result.milestones} milestones; {result.extra_units} units added to the "
            "organisation."
        )
