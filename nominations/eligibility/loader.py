"""Judging many nominees at once, with a number of queries that does not grow with them.

The loader reads, for all the people and units involved together, the award history, the
registrations, discipline, initiatives, member counts and the year's proposals (values()
querysets into dicts); the rules then judge each nominee in Python. Which rules apply is
decided by the year of the achievements, the dossier's year (rules.rules_for_year).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nominations.eligibility.facts import NomineeFacts, PersonFacts, UnitFacts
from nominations.eligibility.findings import Finding, Status
from nominations.eligibility.identity import people_named, units_named
from nominations.eligibility.rules import Rule, rules_for_year
from nominations.models import (
    AwardRecord,
    DecisionOutcome,
    DisciplineRecord,
    Dossier,
    DossierStatus,
    EmulationRegistration,
    Initiative,
    Nominee,
    Person,
    RecipientKind,
)

_NOMINEE_FIELDS = (
    "id",
    "position",
    "full_name",
    "search_name",
    "recipient_kind",
    "award__code",
    "award__name",
    "person_id",
    "person__full_name",
    "person__unit_id",
    "person__unit__name",
    "collective_id",
    "collective__name",
    "dossier__unit_id",
    "dossier__unit__name",
)


@dataclass
class NomineeResult:
    id: int
    position: int
    full_name: str
    award_name: str
    findings: list[Finding]

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(status label, how many) for the statuses present, in the order met, not met, unknown."""
        tally = Counter(finding.status for finding in self.findings)
        return [(str(status.label), tally[status]) for status in Status if tally[status]]

    @property
    def has_unmet(self) -> bool:
        return any(finding.status == Status.NOT_MET for finding in self.findings)


@dataclass
class Evaluation:
    year: int
    # False when no rule is recorded for the year (before the periods catalogued).
    covered: bool
    nominees: dict[int, NomineeResult]
    # Findings about a proposing unit as a whole (quotas), by unit id.
    units: dict[int, list[Finding]]


def evaluate_dossier(dossier: Dossier) -> Evaluation:
    """The dossier's nominees judged by the rules of its year; its quotas are in
    `units[dossier.unit_id]`."""
    return evaluate_nominees(dossier.nominees.all(), dossier.year)


def evaluate_nominees(nominees, year: int) -> Evaluation:
    """Nominees (a queryset, or Nominee objects) judged by the rules in force for `year`."""
    rules = rules_for_year(year)
    per_nominee = [rule for rule in rules if rule.scope == "nominee"]
    per_unit = [rule for rule in rules if rule.scope == "unit"]
    rows = _nominee_rows(nominees)
    read = frozenset().union(*(rule.awards_read for rule in rules))

    people = _people(rows, year, max((rule.lookback for rule in rules), default=0))
    quota_units = {
        row["dossier__unit_id"]: row["dossier__unit__name"]
        for row in rows
        if any(row["award__code"] in rule.awards for rule in per_unit)
    }
    collectives = {row["collective_id"]: row["collective__name"] for row in rows}
    collectives.pop(None, None)
    units = _units(collectives, quota_units, year, read)
    _registrations(people, units, rows, year)
    _proposals(people, units, year, read)
    namesakes = _namesakes(rows)

    results = {}
    for row in rows:
        facts = NomineeFacts(
            id=row["id"],
            full_name=row["full_name"],
            award_code=row["award__code"],
            year=year,
            unit_name=row["dossier__unit__name"],
            person=people.get(row["person_id"]),
            collective=units.get(row["collective_id"]),
            namesakes=namesakes.get(_name_key(row), 0),
        )
        applicable = [rule for rule in per_nominee if facts.award_code in rule.awards]
        results[row["id"]] = NomineeResult(
            id=row["id"],
            position=row["position"],
            full_name=row["full_name"],
            award_name=row["award__name"],
            findings=_judge(facts, row["recipient_kind"], applicable),
        )
    by_unit = defaultdict(list)
    for rule in per_unit:
        concerned = {row["dossier__unit_id"] for row in rows if row["award__code"] in rule.awards}
        for unit_id in sorted(concerned):
            by_unit[unit_id].append(rule.check(units[unit_id]))
    return Evaluation(year=year, covered=bool(rules), nominees=results, units=dict(by_unit))


def _judge(facts: NomineeFacts, kind: str, rules: list[Rule]) -> list[Finding]:
    if not rules:
        return []
    individual = kind == RecipientKind.INDIVIDUAL
    if (facts.person if individual else facts.collective) is not None:
        return [rule.check(facts) for rule in rules]
    reason = _("Cannot be checked without the nominee's record (see above).")
    return [_identity_finding(facts, individual)] + [
        rule.finding(Status.UNKNOWN, reason) for rule in rules
    ]


def _identity_finding(facts: NomineeFacts, individual: bool) -> Finding:
    values = {"name": facts.full_name, "unit": facts.unit_name, "count": facts.namesakes}
    if individual and facts.namesakes:
        reason = ngettext(
            "%(count)d person named %(name)s in %(unit)s: choose one.",
            "%(count)d people named %(name)s in %(unit)s: choose one.",
            facts.namesakes,
        )
    elif individual:
        reason = _("No record of %(name)s in %(unit)s: cannot tell.")
    elif facts.namesakes:
        reason = ngettext(
            "%(count)d unit named %(name)s in or under %(unit)s: choose one.",
            "%(count)d units named %(name)s in or under %(unit)s: choose one.",
            facts.namesakes,
        )
    else:
        reason = _("No unit named %(name)s in or under %(unit)s: cannot tell.")
    return Finding(
        rule="identity",
        title=_("The nominee in the record"),
        status=Status.UNKNOWN,
        reason=reason % values,
        source="",
        verified=True,
    )


# --- bulk reads -------------------------------------------------------------------------------


def _nominee_rows(nominees) -> list[dict]:
    if not isinstance(nominees, QuerySet):
        nominees = Nominee.objects.filter(pk__in=[nominee.pk for nominee in nominees])
    return list(nominees.order_by("dossier_id", "position", "pk").values(*_NOMINEE_FIELDS))


def _people(rows: list[dict], year: int, lookback: int) -> dict[int, PersonFacts]:
    people = {
        row["person_id"]: PersonFacts(
            id=row["person_id"],
            name=row["person__full_name"],
            unit_name=row["person__unit__name"],
        )
        for row in rows
        if row["person_id"] is not None
    }
    if not people:
        return people
    ids = list(people)
    # Unordered reads throughout: the models' default orderings would only cost sorts.
    records = (
        AwardRecord.objects.filter(
            person_id__in=ids, year__range=(year - lookback, year), revoked_on__isnull=True
        )
        .order_by()
        .values_list("person_id", "year", "award__code", "decision_reference")
    )
    for person_id, record_year, code, reference in records:
        people[person_id].titles.setdefault(record_year, {})[code] = reference
    # Whether anyone ever entered their history, whatever the year: one EXISTS per person.
    ever = AwardRecord.objects.filter(person_id=OuterRef("pk"), revoked_on__isnull=True)
    for person_id, has_history in (
        Person.objects.filter(pk__in=ids)
        .order_by()
        .annotate(has_history=Exists(ever))
        .values_list("pk", "has_history")
    ):
        people[person_id].has_history = has_history
    for person_id, level in DisciplineRecord.objects.filter(
        person_id__in=ids, year=year
    ).values_list("person_id", "level"):
        people[person_id].discipline.append(level)
    for person_id, title, level, initiative_year in Initiative.objects.filter(
        person_id__in=ids, year__range=(year - lookback, year)
    ).values_list("person_id", "title", "level", "year"):
        people[person_id].initiatives.append(
            {"title": title, "level": level, "year": initiative_year}
        )
    return people


def _units(
    collectives: dict, quota_units: dict, year: int, read: frozenset
) -> dict[int, UnitFacts]:
    """The collectives nominated (their members) and the units whose quotas are checked."""
    units = {
        pk: UnitFacts(id=pk, name=name, year=year)
        for pk, name in {**quota_units, **collectives}.items()
    }
    if not units:
        return units
    if collectives:
        members = (
            Person.objects.filter(unit_id__in=list(collectives))
            .order_by()
            .values("unit_id")
            .annotate(count=Count("pk"))
            .values_list("unit_id", "count")
        )
        for unit_id, count in members:
            units[unit_id].members = count
        discipline = DisciplineRecord.objects.filter(
            person__unit_id__in=list(collectives), year=year
        ).values_list("person_id", "person__unit_id", "level")
        for person_id, unit_id, level in discipline:
            units[unit_id].discipline.setdefault(person_id, []).append(level)
    holders = (
        AwardRecord.objects.filter(
            person__unit_id__in=list(units),
            year=year,
            award__code__in=read,
            revoked_on__isnull=True,
        )
        .order_by()
        .values_list("person_id", "person__unit_id", "award__code")
    )
    for person_id, unit_id, code in holders:
        unit = units[unit_id]
        unit.holders.setdefault(code, set()).add(("person", person_id))
        # Holding the title counts as much as a proposal for it, against a quota.
        unit.proposed.setdefault(code, set()).add(("person", person_id))
    return units


def _registrations(people: dict, units: dict, rows: list[dict], year: int) -> None:
    if people:
        for person_id, registered_on in EmulationRegistration.objects.filter(
            year=year, person_id__in=list(people)
        ).values_list("person_id", "registered_on"):
            people[person_id].registered_on = registered_on
    person_units = {row["person__unit_id"] for row in rows} - {None}
    scope = person_units | set(units)
    if not scope:
        return
    per_unit = (
        EmulationRegistration.objects.filter(year=year, unit_id__in=list(scope))
        .order_by()
        .values("unit_id")
        .annotate(
            total=Count("pk"), as_collective=Max("registered_on", filter=Q(person__isnull=True))
        )
        .values_list("unit_id", "total", "as_collective")
    )
    known = set()
    for unit_id, total, as_collective in per_unit:
        if total:
            known.add(unit_id)
        if unit_id in units:
            units[unit_id].has_registrations = bool(total)
            units[unit_id].registered_on = as_collective
    unit_of = {row["person_id"]: row["person__unit_id"] for row in rows if row["person_id"]}
    for person_id, person in people.items():
        person.unit_has_registrations = unit_of[person_id] in known


def _proposals(people: dict, units: dict, year: int, read: frozenset) -> None:
    """The year's proposals for the titles the rules count, in open dossiers (still pending)
    or awarded ones (they count against a quota). Someone not linked to a person is counted
    once per nomination, as a member of the proposing unit."""
    if not read or not (people or units):
        return
    related = Q(person_id__in=list(people)) | Q(person__unit_id__in=list(units))
    related |= Q(dossier__unit_id__in=list(units))
    rows = (
        Nominee.objects.filter(related, dossier__year=year, award__code__in=read)
        .filter(
            ~Q(dossier__status=DossierStatus.CLOSED) | Q(decision_outcome=DecisionOutcome.AWARDED)
        )
        .order_by()
        .values_list(
            "pk",
            "person_id",
            "person__unit_id",
            "dossier__unit_id",
            "award__code",
            "dossier__status",
        )
    )
    for nominee_id, person_id, person_unit, dossier_unit, code, status in rows:
        is_open = status != DossierStatus.CLOSED
        if person_id in people and is_open:
            people[person_id].proposed.add(code)
        key = ("person", person_id) if person_id else ("nominee", nominee_id)
        member_of = units.get(person_unit if person_id else dossier_unit)
        if member_of is not None and is_open and key not in member_of.holders.get(code, ()):
            member_of.pending.setdefault(code, set()).add(key)
        if dossier_unit in units:
            units[dossier_unit].proposed.setdefault(code, set()).add(key)


def _name_key(row: dict) -> tuple:
    return (row["recipient_kind"], row["dossier__unit_id"], row["search_name"])


def _namesakes(rows: list[dict]) -> dict:
    """For nominees not linked: how many people (units) of the proposing unit bear the name."""
    unlinked = [row for row in rows if row["person_id"] is None and row["collective_id"] is None]
    pairs = defaultdict(set)
    for row in unlinked:
        pairs[row["recipient_kind"]].add((row["dossier__unit_id"], row["search_name"]))
    found = {
        RecipientKind.INDIVIDUAL: people_named(pairs[RecipientKind.INDIVIDUAL]),
        RecipientKind.COLLECTIVE: units_named(pairs[RecipientKind.COLLECTIVE]),
    }
    return {
        (kind, *pair): len(matches)
        for kind, by_pair in found.items()
        for pair, matches in by_pair.items()
    }
