"""Which voting rule applies to a nominee's item: dated parameters, each with its source.

The most specific rule wins: the share the authority set itself for that award (where the
law leaves it to each unit), then the award's national threshold in the period's rules,
then the period's default. Quorum, written ballots and recusals come from the period's
council procedure. The session's date chooses the period: the council votes under the
procedure in force on the day it meets.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import F, Q
from django.utils.translation import gettext as _

from nominations.formatting import legal_citation
from nominations.models import (
    Award,
    BallotBase,
    BallotComparison,
    Council,
    CouncilBallotShare,
    CouncilProcedure,
)


@dataclass(frozen=True)
class VotingRule:
    share: Decimal
    comparison: str
    base: str
    written_ballots_count: bool
    recused_in_base: bool
    quorum_share: Decimal | None
    source: str
    verified: bool

    def describe(self) -> str:
        """e.g. "at least 90 % of all council members"."""
        return _("%(comparison)s %(share)s of %(base)s") % {
            "comparison": BallotComparison(self.comparison).label,
            "share": percent(self.share),
            "base": _("all council members")
            if self.base == BallotBase.ALL_MEMBERS
            else _("the members who voted"),
        }

    @property
    def citation(self) -> str:
        """The source as a document cites it: without our "(verify: …)" working notes."""
        return legal_citation(self.source)

    def reached(self, agree: int, base: int) -> bool:
        if base <= 0:
            return False
        # Shares are simple fractions written as decimals ("2/3" is stored 0.667): compare with
        # the fraction meant, or 6 votes of 9 would miss two thirds.
        needed = Fraction(self.share).limit_denominator(20) * base
        if self.comparison == BallotComparison.MORE_THAN:
            return agree > needed
        return agree >= needed


class NoProcedure(Exception):
    """No council procedure covers the day: the catalogue is not loaded for that period."""


def percent(share: Decimal) -> str:
    """0.9 → "90 %"; 0.6667 → "66,7 %" (Vietnamese decimal comma)."""
    text = f"{share * 100:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"


class VotingRules:
    """The rules of one council on one day, loaded once for a whole agenda (three queries)."""

    def __init__(self, council: Council, day: datetime.date):
        procedure = (
            CouncilProcedure.objects.select_related("period")
            .filter(
                Q(period__valid_from__isnull=True) | Q(period__valid_from__lte=day),
                Q(period__valid_until__isnull=True) | Q(period__valid_until__gte=day),
            )
            # A dated period wins over an open-ended one that also covers the day.
            .order_by(F("period__valid_from").desc(nulls_last=True))
            .first()
        )
        if procedure is None:
            raise NoProcedure(day)
        self.procedure = procedure
        self.day = day
        self._own_shares = {
            share.award_id: share
            for share in CouncilBallotShare.objects.filter(
                Q(valid_until__isnull=True) | Q(valid_until__gte=day),
                council=council,
                valid_from__lte=day,
            ).order_by("valid_from")
        }

    def for_award(self, award: Award) -> VotingRule:
        """`award` with `rules__period` prefetched (one query for the whole agenda)."""
        procedure = self.procedure
        common = {
            "written_ballots_count": procedure.written_ballots_count,
            "recused_in_base": procedure.recused_in_base,
            "quorum_share": procedure.quorum_share,
        }
        own = self._own_shares.get(award.pk)
        if own is not None:
            return VotingRule(
                share=own.share,
                comparison=own.comparison,
                base=own.base,
                source=f"{own.source}; {procedure.source}",
                verified=procedure.verified,
                **common,
            )
        award_rule = award.rule_on(self.day)
        if award_rule is not None and award_rule.ballot_share is not None:
            return VotingRule(
                share=award_rule.ballot_share,
                comparison=BallotComparison.AT_LEAST,
                base=award_rule.ballot_base or BallotBase.ALL_MEMBERS,
                source=f"{award_rule.source}; {procedure.source}",
                verified=award_rule.verified and procedure.verified,
                **common,
            )
        return VotingRule(
            share=procedure.default_share,
            comparison=procedure.default_comparison,
            base=procedure.default_base,
            source=procedure.source,
            verified=procedure.verified,
            **common,
        )
