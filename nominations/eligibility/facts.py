"""The facts the rules read, gathered in bulk by the loader: plain data, no queries."""

import datetime
from dataclasses import dataclass, field


@dataclass
class PersonFacts:
    """One person's record around the year considered."""

    id: int
    name: str
    unit_name: str
    # Any award on record, whatever the year: without one, history was never entered.
    has_history: bool = False
    # year -> {award code: decision reference} for the years the rules look back on.
    titles: dict[int, dict[str, str]] = field(default_factory=dict)
    registered_on: datetime.date | None = None
    # Whether the person's unit has any registration that year (else none were entered).
    unit_has_registrations: bool = False
    discipline: list[str] = field(default_factory=list)
    # {"title", "level", "year"} for the years the rules look back on.
    initiatives: list[dict] = field(default_factory=list)
    # Award codes proposed for this person in open dossiers of the year, not yet awarded.
    proposed: set[str] = field(default_factory=set)


@dataclass
class UnitFacts:
    """A unit in the year: as a collective nominee (its members) and for the quotas.

    People are counted as keys: ("person", id) for a linked person, ("nominee", id) for a
    nominee not linked to anyone (counted once each, since nobody can tell who they are).
    """

    id: int
    name: str
    year: int
    members: int = 0
    # award code -> members holding it on record in the year.
    holders: dict[str, set] = field(default_factory=dict)
    # award code -> members proposed for it in open dossiers, not yet holding it.
    pending: dict[str, set] = field(default_factory=dict)
    # award code -> people proposed in the unit's open or awarded dossiers, or holding it.
    proposed: dict[str, set] = field(default_factory=dict)
    # member person id -> forms of discipline in the year.
    discipline: dict[int, list[str]] = field(default_factory=dict)
    registered_on: datetime.date | None = None
    has_registrations: bool = False


@dataclass
class NomineeFacts:
    id: int
    full_name: str
    award_code: str
    year: int
    unit_name: str  # the proposing unit, where the identity link looks
    person: PersonFacts | None = None
    collective: UnitFacts | None = None
    # When not linked: how many people (or units) of the proposing unit bear the name.
    namesakes: int = 0
