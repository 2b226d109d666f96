from django.core.management.base import BaseCommand
from django.db import transaction

from nominations.catalogue import AWARDS, BASE_SALARIES, COUNCIL_PROCEDURES, PERIODS, RULES
from nominations.models import Award, AwardRule, BaseSalary, CouncilProcedure, LegalPeriod


class Command(BaseCommand):
    help = (
        "Load or update the award catalogue, its legal periods and rules, and the base salaries "
        "(idempotent)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        periods = {
            code: LegalPeriod.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "valid_from": valid_from,
                    "valid_until": valid_until,
                    "sources": sources,
                },
            )[0]
            for code, name, valid_from, valid_until, sources in PERIODS
        }
        awards = {
            code: Award.objects.update_or_create(
                code=code, defaults={"name": name, "kind": kind, "recipient_kind": recipient}
            )[0]
            for code, name, kind, recipient in AWARDS
        }
        kept = [
            self._load_rule(awards[award_code], periods[period_code], rule)
            for period_code, rules in RULES.items()
            for award_code, rule in rules.items()
        ]
        # A row taken out of the data (an award the law dropped) must stop being conferrable.
        AwardRule.objects.filter(award__in=awards.values(), period__in=periods.values()).exclude(
            pk__in=kept
        ).delete()
        for period_code, procedure in COUNCIL_PROCEDURES.items():
            share, comparison, base = procedure.default
            CouncilProcedure.objects.update_or_create(
                period=periods[period_code],
                defaults={
                    "quorum_share": procedure.quorum_share,
                    "written_ballots_count": procedure.written_ballots_count,
                    "recused_in_base": procedure.recused_in_base,
                    "default_share": share,
                    "default_comparison": comparison,
                    "default_base": base,
                    "source": procedure.source,
                    "verified": procedure.verified,
                },
            )
        for valid_from, amount, source in BASE_SALARIES:
            BaseSalary.objects.update_or_create(
                valid_from=valid_from, defaults={"amount": amount, "source": source}
            )
        self.stdout.write(
            f"{len(awards)} awards, {len(kept)} rules over {len(periods)} legal periods, "
            f"{len(BASE_SALARIES)} base salaries"
        )

    @staticmethod
    def _load_rule(award, period, rule) -> int:
        share, base = rule.ballot or (None, "")
        saved, _ = AwardRule.objects.update_or_create(
            award=award,
            period=period,
            defaults={
                "level_min": rule.levels[0],
                "level_max": rule.levels[1],
                "ballot_share": share,
                "ballot_base": base,
                "bonus_multiple": rule.bonus,
                "source": rule.source,
                "verified": rule.verified,
            },
        )
        return saved.pk
