"""The bonus that comes with an award: its multiple of the base salary, rounded up.

Decree 98/2023 art. 53: the base salary is the one in force on the date of the decision, and the
product is rounded up to tens of thousands of đồng; Decree 91/2017 art. 68(2) said the same before
2024, and Decree 152/2025 is taken to keep it (verify). The multiple is the award's rule in force
on that date (nominations/catalogue.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nominations.models import Award, AwardRule, BaseSalary

ROUNDING_STEP = 10_000  # VND: "làm tròn số lên hàng chục nghìn đồng" (NĐ 98 Điều 53)


@dataclass(frozen=True)
class BonusResult:
    """The amount due, or None with the reason; with what it was computed from."""

    amount: int | None
    multiple: Decimal | None
    base_salary: BaseSalary | None
    rule: AwardRule | None
    explanation: str = ""

    @property
    def source(self) -> str:
        return self.rule.source if self.rule else ""


def base_salary_on(day, *, salaries: Iterable[BaseSalary] | None = None) -> BaseSalary | None:
    """The base salary in force on `day`; give `salaries` (all rows) to avoid a query per call."""
    if salaries is None:
        return BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return max(
        (salary for salary in salaries if salary.valid_from <= day),
        key=lambda salary: salary.valid_from,
        default=None,
    )


def bonus_amount(
    *,
    award: Award,
    recipient_kind: str,
    decision_date,
    salaries: Iterable[BaseSalary] | None = None,
) -> BonusResult:
    """The bonus for one awardee of a decision dated `decision_date`.

    For a decision's many awardees, pass awards loaded with `prefetch_related("rules__period")`
    and `salaries=list(BaseSalary.objects.all())`: then nothing is queried per awardee.
    """
    # Individual and collective forms are distinct awards with their own multiples.
    if recipient_kind != award.recipient_kind:
        raise ValueError(f"{award.code} goes to the {award.recipient_kind}, not {recipient_kind}")
    day = date_format(decision_date, "SHORT_DATE_FORMAT")
    rule = award.rule_on(decision_date)
    if rule is None:
        return BonusResult(
            None,
            None,
            None,
            None,
            _("%(award)s has no rule in force on %(date)s.") % {"award": award.name, "date": day},
        )
    if rule.bonus_multiple is None:
        return BonusResult(
            None,
            None,
            None,
            rule,
            _("%(award)s carries no bonus under %(period)s.")
            % {"award": award.name, "period": rule.period.name},
        )
    salary = base_salary_on(decision_date, salaries=salaries)
    if salary is None:
        return BonusResult(
            None,
            rule.bonus_multiple,
            None,
            rule,
            _("No base salary is recorded for %(date)s.") % {"date": day},
        )
    return BonusResult(
        _round_up(rule.bonus_multiple * salary.amount), rule.bonus_multiple, salary, rule
    )


def _round_up(amount: Decimal) -> int:
    steps = (amount / ROUNDING_STEP).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * ROUNDING_STEP
