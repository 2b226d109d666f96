"""The legal conditions the record can check: each a small named object with its period and source.

A rule belongs to legal periods (the codes of `nominations.catalogue.PERIODS`, whose dates it
takes); a year's achievements are judged by the rules in force on 31 December of that year,
when the annual titles are considered: the seed's 2020 movement by the 2003 law and Decree 91,
a 2024 dossier by Law 06/2022 and Decree 98. `verified=False` marks what
shared/docs/domain.md flags *(verify)* or what was not read in the legal text (the criterion
or its article number); the panel says "to be verified" beside the source.

A rule reads the facts the loader gathered (`facts.py`) and answers MET or NOT_MET only from
what the record shows; what the record cannot show is UNKNOWN, with the reason.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from nominations.catalogue import AWARDS, PERIODS
from nominations.eligibility.facts import NomineeFacts, PersonFacts, UnitFacts
from nominations.eligibility.findings import Finding, Status
from nominations.models import DISCIPLINE_SEVERITY, DisciplineLevel, InitiativeLevel, rules_day

LDTT = "lao-dong-tien-tien"
CSTDCS = "chien-si-thi-dua-co-so"
CSTD_PROVINCE = "chien-si-thi-dua-cap-tinh"
CSTD_NATIONAL = "chien-si-thi-dua-toan-quoc"
TTLDTT = "tap-the-lao-dong-tien-tien"
TTLDXS = "tap-the-lao-dong-xuat-sac"

INDIVIDUAL_TITLES = frozenset({LDTT, CSTDCS, CSTD_PROVINCE, CSTD_NATIONAL})
# Titles considered every year, after the registration made at the start of it.
ANNUAL_TITLES = frozenset({LDTT, CSTDCS, TTLDTT, TTLDXS})

AWARD_NAMES = {code: name for code, name, *_rest in AWARDS}
_PERIOD_SPANS = {code: (start, end) for code, _name, start, end, *_rest in PERIODS}
OLD_LAW = ("law-2003-decree-91",)
LAW_2022 = ("law-2022-decree-98", "law-2022-decree-152")

_INITIATIVE_RANK = {level: rank for rank, level in enumerate(InitiativeLevel.values)}


def judged_on(year: int) -> datetime.date:
    return rules_day(year)


def rules_for_year(year: int) -> list["Rule"]:
    day = judged_on(year)
    return [rule for rule in RULES if rule.in_force_on(day)]


def _years(years) -> str:
    return ", ".join(str(year) for year in years) or _("none")


def _percent(part: int, whole: int) -> str:
    value = Decimal(100 * part) / whole
    digits = 0 if value == value.to_integral_value() else 1
    return formats.number_format(value, digits) + " %"


def _severity_at_least(levels, lowest: str) -> list[str]:
    return [level for level in levels if DISCIPLINE_SEVERITY[level] >= DISCIPLINE_SEVERITY[lowest]]


def _no_history(person: PersonFacts) -> str:
    return _("No award history of %(name)s is on record: cannot tell.") % {"name": person.name}


@dataclass(frozen=True, kw_only=True)
class Rule:
    code: str
    title: str
    source: str
    periods: tuple[str, ...]
    awards: frozenset[str]
    verified: bool = False

    # "nominee": checked per nominee on its record; "unit": once per proposing unit (quotas).
    scope: ClassVar[str] = "nominee"

    def __post_init__(self):
        unknown = set(self.periods) - set(_PERIOD_SPANS)
        if unknown:
            raise ValueError(f"rule {self.code}: unknown legal periods {sorted(unknown)}")

    @property
    def effective_from(self) -> datetime.date | None:
        starts = [_PERIOD_SPANS[code][0] for code in self.periods]
        return None if None in starts else min(starts)

    @property
    def effective_to(self) -> datetime.date | None:
        ends = [_PERIOD_SPANS[code][1] for code in self.periods]
        return None if None in ends else max(ends)

    def in_force_on(self, day: datetime.date) -> bool:
        start, end = self.effective_from, self.effective_to
        return (start is None or start <= day) and (end is None or day <= end)

    @property
    def lookback(self) -> int:
        """How many years before the one considered the rule reads."""
        return 0

    @property
    def awards_read(self) -> frozenset[str]:
        """The titles whose holders and proposals of the year the rule counts."""
        return frozenset()

    def check(self, facts) -> Finding:
        raise NotImplementedError

    def finding(self, status: Status, reason: str) -> Finding:
        return Finding(
            rule=self.code,
            title=str(self.title),
            status=status,
            reason=reason,
            source=self.source,
            verified=self.verified,
        )


@dataclass(frozen=True, kw_only=True)
class NoDisciplineInYear(Rule):
    """No emulation title for a year in which the person was disciplined at `lowest` or above."""

    lowest: str

    def check(self, facts: NomineeFacts) -> Finding:
        counted = _severity_at_least(facts.person.discipline, self.lowest)
        values = {"year": facts.year, "lowest": DisciplineLevel(self.lowest).label}
        if counted:
            values["forms"] = ", ".join(str(DisciplineLevel(level).label) for level in counted)
            return self.finding(
                Status.NOT_MET,
                _(
                    "Disciplined in %(year)s: %(forms)s. No emulation title is given for a "
                    "year of discipline at “%(lowest)s” or above."
                )
                % values,
            )
        return self.finding(
            Status.MET,
            _("No discipline at “%(lowest)s” or above on record for %(year)s.") % values,
        )


@dataclass(frozen=True, kw_only=True)
class RegisteredForEmulation(Rule):
    """Registered at the start of the year for its emulation (a person, or a unit as collective)."""

    def check(self, facts: NomineeFacts) -> Finding:
        if facts.person is not None:
            registered_on = facts.person.registered_on
            unit_known = facts.person.unit_has_registrations
            unit_name = facts.person.unit_name
        else:
            registered_on = facts.collective.registered_on
            unit_known = facts.collective.has_registrations
            unit_name = facts.collective.name
        values = {"year": facts.year, "unit": unit_name}
        if registered_on is not None:
            values["date"] = f"{registered_on:%d/%m/%Y}"
            return self.finding(
                Status.MET, _("Registered for the %(year)s emulation on %(date)s.") % values
            )
        if not unit_known:
            return self.finding(
                Status.UNKNOWN,
                _("No registration of %(unit)s for %(year)s is on record: cannot tell.") % values,
            )
        return self.finding(
            Status.NOT_MET,
            _(
                "Not registered for the %(year)s emulation, while %(unit)s's registrations "
                "for that year are on record."
            )
            % values,
        )


@dataclass(frozen=True, kw_only=True)
class AssessedByTheUnit(Rule):
    """A criterion only the unit's own assessment shows (tasks completed well): never guessed."""

    def check(self, facts: NomineeFacts) -> Finding:
        return self.finding(
            Status.UNKNOWN,
            _(
                "The record keeps no assessment of task completion for %(year)s: the unit's "
                "assessment must show it."
            )
            % {"year": facts.year},
        )


@dataclass(frozen=True, kw_only=True)
class HoldsTitleInYear(Rule):
    """Holds `required` for the year considered (e.g. Lao động tiên tiến for Chiến sĩ thi đua
    cơ sở)."""

    required: str

    @property
    def awards_read(self) -> frozenset[str]:
        return frozenset({self.required})

    def check(self, facts: NomineeFacts) -> Finding:
        person = facts.person
        values = {"title": AWARD_NAMES[self.required], "year": facts.year}
        reference = person.titles.get(facts.year, {}).get(self.required)
        if reference:
            values["reference"] = reference
            return self.finding(
                Status.MET, _("Holds %(title)s for %(year)s (decision %(reference)s).") % values
            )
        if reference is not None:
            return self.finding(Status.MET, _("Holds %(title)s for %(year)s.") % values)
        if self.required in person.proposed:
            return self.finding(
                Status.UNKNOWN,
                _(
                    "%(title)s for %(year)s is proposed in an open dossier, not yet awarded: "
                    "this condition depends on it."
                )
                % values,
            )
        if not person.has_history:
            return self.finding(Status.UNKNOWN, _no_history(person))
        return self.finding(Status.NOT_MET, _("No %(title)s for %(year)s on record.") % values)


@dataclass(frozen=True, kw_only=True)
class InitiativeAtLevel(Rule):
    """An initiative (or applied research) recognised at `lowest` level or higher, in the year
    considered or the `years` before it (the years whose titles the award builds on)."""

    lowest: str
    years: int = 0
    # Law 06/2022 art. 23 as translated lets excellent task completion stand instead of the
    # initiative; the record cannot show that, so a missing initiative is not a failure there.
    alternative: bool = False

    @property
    def lookback(self) -> int:
        return self.years

    def check(self, facts: NomineeFacts) -> Finding:
        first = facts.year - self.years
        floor = _INITIATIVE_RANK[self.lowest]
        found = [
            item
            for item in facts.person.initiatives
            if first <= item["year"] <= facts.year and _INITIATIVE_RANK[item["level"]] >= floor
        ]
        values = {
            "level": InitiativeLevel(self.lowest).label,
            "years": _years(range(first, facts.year + 1)),
        }
        if found:
            best = max(found, key=lambda item: (_INITIATIVE_RANK[item["level"]], item["year"]))
            values.update(
                title=best["title"], year=best["year"], level=InitiativeLevel(best["level"]).label
            )
            return self.finding(
                Status.MET,
                _("Initiative “%(title)s”, recognised in %(year)s (%(level)s).") % values,
            )
        if self.alternative:
            return self.finding(
                Status.UNKNOWN,
                _(
                    "No initiative recognised at “%(level)s” or higher in %(years)s. Excellent "
                    "task completion also qualifies under this article; the record does not "
                    "show it."
                )
                % values,
            )
        return self.finding(
            Status.NOT_MET,
            _("No initiative recognised at “%(level)s” or higher in %(years)s on record.") % values,
        )


@dataclass(frozen=True, kw_only=True)
class ConsecutiveTitles(Rule):
    """Holds `required` in each of the `count` years immediately before the year considered."""

    required: str
    count: int

    @property
    def lookback(self) -> int:
        return self.count

    def check(self, facts: NomineeFacts) -> Finding:
        person = facts.person
        years = range(facts.year - self.count, facts.year)
        held = [year for year in years if self.required in person.titles.get(year, {})]
        values = {
            "title": AWARD_NAMES[self.required],
            "years": _years(years),
            "held": _years(held),
            "count": self.count,
            "year": facts.year,
        }
        if len(held) == self.count:
            return self.finding(
                Status.MET,
                _(
                    "%(title)s in each of %(years)s: the %(count)d years immediately before "
                    "%(year)s."
                )
                % values,
            )
        if not person.has_history:
            return self.finding(Status.UNKNOWN, _no_history(person))
        return self.finding(
            Status.NOT_MET,
            _(
                "%(title)s is needed in each of %(years)s (the %(count)d years immediately "
                "before %(year)s); on record in those years: %(held)s."
            )
            % values,
        )


@dataclass(frozen=True, kw_only=True)
class MembersHoldingTitle(Rule):
    """More than `above` % of the collective's members hold `required` for the year.

    Members are the people whose unit is the collective.
    """

    required: str
    above: int

    @property
    def awards_read(self) -> frozenset[str]:
        return frozenset({self.required})

    def check(self, facts: NomineeFacts) -> Finding:
        unit = facts.collective
        holders = len(unit.holders.get(self.required, ()))
        pending = len(unit.pending.get(self.required, ()))
        values = {
            "unit": unit.name,
            "title": AWARD_NAMES[self.required],
            "year": facts.year,
            "holders": holders,
            "pending": pending,
            "members": unit.members,
            "above": self.above,
        }
        if not unit.members:
            return self.finding(Status.UNKNOWN, _("No member of %(unit)s is on record.") % values)
        values["share"] = _percent(holders, unit.members)
        if holders * 100 > unit.members * self.above:
            return self.finding(
                Status.MET,
                _(
                    "%(holders)d of %(members)d members hold %(title)s for %(year)s "
                    "(%(share)s): more than %(above)d %%."
                )
                % values,
            )
        if not holders and not pending:
            return self.finding(
                Status.UNKNOWN,
                _(
                    "No member of %(unit)s holds %(title)s for %(year)s on record, nor is "
                    "proposed for it: the year's titles may not be entered yet."
                )
                % values,
            )
        if (holders + pending) * 100 > unit.members * self.above:
            return self.finding(
                Status.UNKNOWN,
                _(
                    "%(holders)d of %(members)d members hold %(title)s for %(year)s "
                    "(%(share)s); more than %(above)d %% only if the %(pending)d proposed in "
                    "open dossiers are awarded."
                )
                % values,
            )
        return self.finding(
            Status.NOT_MET,
            _(
                "%(holders)d of %(members)d members hold %(title)s for %(year)s (%(share)s); "
                "more than %(above)d %% is required."
            )
            % values,
        )


@dataclass(frozen=True, kw_only=True)
class MembersWithoutDiscipline(Rule):
    """No member of the collective disciplined at `lowest` or above in the year."""

    lowest: str

    def check(self, facts: NomineeFacts) -> Finding:
        unit = facts.collective
        values = {
            "unit": unit.name,
            "year": facts.year,
            "members": unit.members,
            "lowest": DisciplineLevel(self.lowest).label,
        }
        if not unit.members:
            return self.finding(Status.UNKNOWN, _("No member of %(unit)s is on record.") % values)
        # A count, not names: the panel is read by the whole chain, discipline is personal data.
        counted = sum(
            1 for levels in unit.discipline.values() if _severity_at_least(levels, self.lowest)
        )
        if counted:
            values["count"] = counted
            return self.finding(
                Status.NOT_MET,
                ngettext(
                    "%(count)d member was disciplined at “%(lowest)s” or above in %(year)s.",
                    "%(count)d members were disciplined at “%(lowest)s” or above in %(year)s.",
                    counted,
                )
                % values,
            )
        return self.finding(
            Status.MET,
            _(
                "No member disciplined at “%(lowest)s” or above in %(year)s (%(members)d "
                "members on record)."
            )
            % values,
        )


@dataclass(frozen=True, kw_only=True)
class TitleQuota(Rule):
    """At most `percent` % of the unit's holders of `base` may be proposed for the award, counted
    across all the unit's dossiers of the year that are open or awarded, and its record."""

    base: str
    percent: int

    scope: ClassVar[str] = "unit"

    @property
    def awards_read(self) -> frozenset[str]:
        return self.awards | {self.base}

    def check(self, unit: UnitFacts) -> Finding:
        proposed = set().union(*(unit.proposed.get(code, set()) for code in self.awards))
        holders = len(unit.holders.get(self.base, ()))
        pending = len(unit.pending.get(self.base, ()))
        values = {
            "unit": unit.name,
            "year": unit.year,
            "title": ", ".join(AWARD_NAMES[code] for code in sorted(self.awards)),
            "base": AWARD_NAMES[self.base],
            "proposed": len(proposed),
            "holders": holders,
            "pending": pending,
            "percent": self.percent,
            "allowed": holders * self.percent // 100,
        }
        if not holders and not pending:
            return self.finding(
                Status.UNKNOWN,
                _(
                    "No %(base)s for %(year)s on record or proposed in %(unit)s: the base of "
                    "the quota is unknown."
                )
                % values,
            )
        if len(proposed) <= values["allowed"]:
            return self.finding(
                Status.MET,
                _(
                    "%(proposed)d proposed or awarded %(title)s in %(unit)s for %(year)s, across "
                    "its dossiers; %(holders)d hold %(base)s, so at most %(allowed)d "
                    "(%(percent)d %%)."
                )
                % values,
            )
        values["allowed_if_awarded"] = (holders + pending) * self.percent // 100
        if len(proposed) <= values["allowed_if_awarded"]:
            return self.finding(
                Status.UNKNOWN,
                _(
                    "%(proposed)d proposed or awarded %(title)s in %(unit)s for %(year)s, across "
                    "its dossiers; %(holders)d hold %(base)s, so at most %(allowed)d "
                    "(%(percent)d %%), or %(allowed_if_awarded)d if the %(pending)d proposed for "
                    "%(base)s are awarded."
                )
                % values,
            )
        values["excess"] = len(proposed) - values["allowed"]
        return self.finding(
            Status.NOT_MET,
            _(
                "%(proposed)d proposed or awarded %(title)s in %(unit)s for %(year)s, across its "
                "dossiers; %(holders)d hold %(base)s, so at most %(allowed)d (%(percent)d %%): "
                "%(excess)d too many."
            )
            % values,
        )


_DISCIPLINE_TITLE = gettext_lazy("No title in a year of discipline")
_REGISTRATION_TITLE = gettext_lazy("Registered for the year's emulation")
_TASKS_TITLE = gettext_lazy("Completes tasks well or better, with team spirit, in emulation")
_HOLDS_LDTT_TITLE = gettext_lazy("Holds Lao động tiên tiến that year")
_BASE_INITIATIVE_TITLE = gettext_lazy("Initiative recognised at base level that year")
_QUOTA_TITLE = gettext_lazy("Within the quota set on the unit's Lao động tiên tiến holders")
_PROVINCE_TITLES = gettext_lazy("Three consecutive Chiến sĩ thi đua cơ sở titles")
_PROVINCE_INITIATIVE = gettext_lazy("Initiative with effect across the ministry or province")
_NATIONAL_TITLES = gettext_lazy("Two consecutive ministry or provincial Chiến sĩ thi đua titles")
_NATIONAL_INITIATIVE = gettext_lazy("Initiative with nationwide effect")
_MEMBERS_LDTT_TITLE = gettext_lazy("More than half of the members hold Lao động tiên tiến")
_MEMBERS_DISCIPLINE_TITLE = gettext_lazy("No member disciplined at warning or above")

RULES: tuple[Rule, ...] = (
    # Individuals: reprimand (khiển trách, the mildest form) already bars the year's title.
    NoDisciplineInYear(
        code="no-discipline/law-2003",
        title=_DISCIPLINE_TITLE,
        source="Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP",
        periods=OLD_LAW,
        awards=INDIVIDUAL_TITLES,
        lowest=DisciplineLevel.REPRIMAND,
    ),
    NoDisciplineInYear(
        code="no-discipline/law-2022",
        title=_DISCIPLINE_TITLE,
        source="Luật TĐKT 2022; Nghị định 98/2023/NĐ-CP, 152/2025/NĐ-CP",
        periods=LAW_2022,
        awards=INDIVIDUAL_TITLES,
        lowest=DisciplineLevel.REPRIMAND,
    ),
    RegisteredForEmulation(
        code="registration/law-2003",
        title=_REGISTRATION_TITLE,
        source="Nghị định 91/2017/NĐ-CP; Thông tư 12/2019/TT-BNV",
        periods=OLD_LAW,
        awards=ANNUAL_TITLES,
    ),
    RegisteredForEmulation(
        code="registration/law-2022",
        title=_REGISTRATION_TITLE,
        source="Luật TĐKT 2022; Nghị định 98/2023/NĐ-CP, 152/2025/NĐ-CP",
        periods=LAW_2022,
        awards=ANNUAL_TITLES,
    ),
    AssessedByTheUnit(
        code="ldtt-tasks/law-2003",
        title=_TASKS_TITLE,
        source="Luật TĐKT 2003, Điều 24",
        periods=OLD_LAW,
        awards=frozenset({LDTT}),
    ),
    AssessedByTheUnit(
        code="ldtt-tasks/law-2022",
        title=_TASKS_TITLE,
        source="Luật TĐKT 2022, Điều 24 khoản 1",
        periods=LAW_2022,
        awards=frozenset({LDTT}),
        verified=True,
    ),
    # Chiến sĩ thi đua cơ sở, Decree 91 art. 9(3): Lao động tiên tiến AND an initiative
    # recognised at base level (or applied research); read in the central board's answers.
    HoldsTitleInYear(
        code="cstdcs-holds-ldtt/decree-91",
        title=_HOLDS_LDTT_TITLE,
        source="Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3 điểm a; Luật TĐKT 2003, Điều 23",
        periods=OLD_LAW,
        awards=frozenset({CSTDCS}),
        required=LDTT,
        verified=True,
    ),
    InitiativeAtLevel(
        code="cstdcs-initiative/decree-91",
        title=_BASE_INITIATIVE_TITLE,
        source="Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3 điểm b; Luật TĐKT 2003, Điều 23",
        periods=OLD_LAW,
        awards=frozenset({CSTDCS}),
        lowest=InitiativeLevel.BASE,
        verified=True,
    ),
    # Law 06/2022 art. 23, as translated: Lao động tiên tiến AND (excellent task completion OR
    # a recognised initiative). The Vietnamese text was not found to check the "or".
    HoldsTitleInYear(
        code="cstdcs-holds-ldtt/law-2022",
        title=_HOLDS_LDTT_TITLE,
        source="Luật TĐKT 2022, Điều 23",
        periods=LAW_2022,
        awards=frozenset({CSTDCS}),
        required=LDTT,
    ),
    InitiativeAtLevel(
        code="cstdcs-initiative/law-2022",
        title=_BASE_INITIATIVE_TITLE,
        source="Luật TĐKT 2022, Điều 23",
        periods=LAW_2022,
        awards=frozenset({CSTDCS}),
        lowest=InitiativeLevel.BASE,
        alternative=True,
    ),
    TitleQuota(
        code="cstdcs-quota/decree-91",
        title=_QUOTA_TITLE,
        source="Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3",
        periods=OLD_LAW,
        awards=frozenset({CSTDCS}),
        base=LDTT,
        percent=15,
        verified=True,
    ),
    TitleQuota(
        code="cstdcs-quota/decree-98",
        title=_QUOTA_TITLE,
        source="Nghị định 98/2023/NĐ-CP",
        periods=("law-2022-decree-98",),
        awards=frozenset({CSTDCS}),
        base=LDTT,
        percent=15,
    ),
    TitleQuota(
        code="cstdcs-quota/decree-152",
        title=_QUOTA_TITLE,
        source="Nghị định 152/2025/NĐ-CP",
        periods=("law-2022-decree-152",),
        awards=frozenset({CSTDCS}),
        base=LDTT,
        percent=15,
    ),
    # Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh: chosen among those with three consecutive
    # Chiến sĩ thi đua cơ sở titles, with an initiative of province-wide effect.
    ConsecutiveTitles(
        code="cstd-province-titles/law-2003",
        title=_PROVINCE_TITLES,
        source="Luật TĐKT 2003 (sửa đổi 2013), Điều 22",
        periods=OLD_LAW,
        awards=frozenset({CSTD_PROVINCE}),
        required=CSTDCS,
        count=3,
        verified=True,
    ),
    InitiativeAtLevel(
        code="cstd-province-initiative/law-2003",
        title=_PROVINCE_INITIATIVE,
        source="Luật TĐKT 2003 (sửa đổi 2013), Điều 22",
        periods=OLD_LAW,
        awards=frozenset({CSTD_PROVINCE}),
        lowest=InitiativeLevel.PROVINCE,
        years=3,
        verified=True,
    ),
    ConsecutiveTitles(
        code="cstd-province-titles/law-2022",
        title=_PROVINCE_TITLES,
        source="Luật TĐKT 2022, Điều 22",
        periods=LAW_2022,
        awards=frozenset({CSTD_PROVINCE}),
        required=CSTDCS,
        count=3,
    ),
    InitiativeAtLevel(
        code="cstd-province-initiative/law-2022",
        title=_PROVINCE_INITIATIVE,
        source="Luật TĐKT 2022, Điều 22",
        periods=LAW_2022,
        awards=frozenset({CSTD_PROVINCE}),
        lowest=InitiativeLevel.PROVINCE,
        years=3,
    ),
    # Chiến sĩ thi đua toàn quốc: two consecutive provincial titles, a nationwide initiative.
    ConsecutiveTitles(
        code="cstd-national-titles/law-2003",
        title=_NATIONAL_TITLES,
        source="Luật TĐKT 2003 (sửa đổi 2013), Điều 21",
        periods=OLD_LAW,
        awards=frozenset({CSTD_NATIONAL}),
        required=CSTD_PROVINCE,
        count=2,
        verified=True,
    ),
    InitiativeAtLevel(
        code="cstd-national-initiative/law-2003",
        title=_NATIONAL_INITIATIVE,
        source="Luật TĐKT 2003 (sửa đổi 2013), Điều 21",
        periods=OLD_LAW,
        awards=frozenset({CSTD_NATIONAL}),
        lowest=InitiativeLevel.NATIONAL,
        years=2,
        verified=True,
    ),
    ConsecutiveTitles(
        code="cstd-national-titles/law-2022",
        title=_NATIONAL_TITLES,
        source="Luật TĐKT 2022, Điều 21",
        periods=LAW_2022,
        awards=frozenset({CSTD_NATIONAL}),
        required=CSTD_PROVINCE,
        count=2,
    ),
    InitiativeAtLevel(
        code="cstd-national-initiative/law-2022",
        title=_NATIONAL_INITIATIVE,
        source="Luật TĐKT 2022, Điều 21",
        periods=LAW_2022,
        awards=frozenset({CSTD_NATIONAL}),
        lowest=InitiativeLevel.NATIONAL,
        years=2,
    ),
    # Tập thể lao động tiên tiến, 2003 law art. 28(1)(c): more than 50 % of members with Lao
    # động tiên tiến and nobody disciplined at warning (cảnh cáo) or above.
    MembersHoldingTitle(
        code="ttldtt-members-ldtt/law-2003",
        title=_MEMBERS_LDTT_TITLE,
        source="Luật TĐKT 2003, Điều 28 khoản 1 điểm c",
        periods=OLD_LAW,
        awards=frozenset({TTLDTT}),
        required=LDTT,
        above=50,
        verified=True,
    ),
    MembersWithoutDiscipline(
        code="ttldtt-members-discipline/law-2003",
        title=_MEMBERS_DISCIPLINE_TITLE,
        source="Luật TĐKT 2003, Điều 28 khoản 1 điểm c",
        periods=OLD_LAW,
        awards=frozenset({TTLDTT}),
        lowest=DisciplineLevel.WARNING,
        verified=True,
    ),
    MembersHoldingTitle(
        code="ttldtt-members-ldtt/law-2022",
        title=_MEMBERS_LDTT_TITLE,
        source="Luật TĐKT 2022, Điều 28",
        periods=LAW_2022,
        awards=frozenset({TTLDTT}),
        required=LDTT,
        above=50,
    ),
    MembersWithoutDiscipline(
        code="ttldtt-members-discipline/law-2022",
        title=_MEMBERS_DISCIPLINE_TITLE,
        source="Luật TĐKT 2022, Điều 28",
        periods=LAW_2022,
        awards=frozenset({TTLDTT}),
        lowest=DisciplineLevel.WARNING,
    ),
)
