"""Counting: from the opened ballots and the rule of each item to a result that explains itself.

Pure functions over plain numbers, so each rule is tested at its boundary without a database.
"""

import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from nominations.council.rules import VotingRule, percent
from nominations.models import BallotBase, BallotChoice


@dataclass(frozen=True)
class Turnout:
    total_members: int  # seats on the council on the day of the session
    present: int  # members who sat in the session
    written: int  # absent members whose written ballots were entered
    ballots: int  # ballots in the box (those who voted in the session, and the written ones)


@dataclass(frozen=True)
class ItemCount:
    agree: int
    disagree: int
    abstain: int
    recused: int  # members recused on the item
    recused_voters: int  # of them, members whose ballot is in the box (the item left blank)


@dataclass(frozen=True)
class ItemResult:
    base: int
    passed: bool
    explanation: str


def count_marks(rows, item_ids: list[int]) -> dict[int, Counter]:
    """Agree / disagree / abstain per item, from (item id, choice, how many) rows."""
    counts = {item_id: Counter() for item_id in item_ids}
    choices = set(BallotChoice.values)
    for item_id, choice, number in rows:
        if item_id in counts and choice in choices:
            counts[item_id][choice] += number
    return counts


def quorum_met(quorum_share: Decimal | None, turnout: Turnout) -> bool:
    """Members present in the session (written ballots do not make a meeting)."""
    if quorum_share is None:  # the period sets no quorum
        return True
    return turnout.present >= math.ceil(quorum_share * turnout.total_members)


def decide_item(rule: VotingRule, count: ItemCount, turnout: Turnout) -> ItemResult:
    """Whether the item passed under its rule, and why, in words the minutes can carry."""
    base = _base(rule, count, turnout)
    source = (
        rule.citation
        if rule.verified
        else _("%(source)s, to be verified") % {"source": rule.citation}
    )
    needed = _("needed %(rule)s (%(source)s)") % {"rule": rule.describe(), "source": source}
    if not quorum_met(rule.quorum_share, turnout):
        return ItemResult(
            base=base,
            passed=False,
            explanation=_("Quorum not reached: %(present)d of %(total)d members present, %(rule)s.")
            % {
                "present": turnout.present,
                "total": turnout.total_members,
                "rule": _("at least %(share)s needed") % {"share": percent(rule.quorum_share)},
            },
        )
    passed = rule.reached(count.agree, base)
    share = percent(share_of(count.agree, base))
    explanation = _(
        "%(agree)d agreeing votes of %(base)d (%(share)s); %(needed)s: %(verdict)s."
    ) % {
        "agree": count.agree,
        "base": base,
        "share": share,
        "needed": needed,
        "verdict": _("reached") if passed else _("not reached"),
    }
    return ItemResult(base=base, passed=passed, explanation=explanation)


def _base(rule: VotingRule, count: ItemCount, turnout: Turnout) -> int:
    """What the agreeing votes are counted over."""
    if rule.base == BallotBase.ALL_MEMBERS:
        return turnout.total_members - (0 if rule.recused_in_base else count.recused)
    # Over the members who voted: a recused voter's ballot leaves the item blank.
    return turnout.ballots - (0 if rule.recused_in_base else count.recused_voters)


def share_of(agree: int, base: int) -> Decimal:
    """The agreeing votes as a share of the base (0 when nobody could vote)."""
    return Decimal(agree) / Decimal(base) if base else Decimal(0)
