"""Who a nominee is in the record: a Person of the proposing unit, or a unit for a collective.

Names are compared on their search key (nominations.text.search_key: NFC or NFD alike,
lower-case, without diacritics), as Person.search_name and Unit.search_name store them.
Exactly one match links the nominee; none or several leave it unlinked, and the eligibility
panel says which ("no record of this person", "2 people named …: choose one") instead of
guessing.
"""

from collections import defaultdict

from django.db.models import Q

from nominations.models import Dossier, Nominee, Person, RecipientKind, Unit

Pair = tuple[int, str]  # (proposing unit id, search key of the name)


def people_named(pairs: set[Pair]) -> dict[Pair, list[tuple[int, str]]]:
    """The people (id, full name) of each unit bearing each name, in one query."""
    if not pairs:
        return {}
    rows = Person.objects.filter(
        unit_id__in={unit for unit, _key in pairs}, search_name__in={key for _unit, key in pairs}
    ).values_list("pk", "unit_id", "search_name", "full_name")
    found = defaultdict(list)
    for pk, unit_id, key, full_name in rows:
        if (unit_id, key) in pairs:
            found[unit_id, key].append((pk, full_name))
    return found


def units_named(pairs: set[Pair]) -> dict[Pair, list[int]]:
    """The units bearing each name among each proposing unit and its children, in one query.

    A collective nominee is the proposing unit itself or one of the units directly under it.
    """
    if not pairs:
        return {}
    owners = {unit for unit, _key in pairs}
    rows = Unit.objects.filter(
        Q(pk__in=owners) | Q(parent_id__in=owners),
        search_name__in={key for _unit, key in pairs},
    ).values_list("pk", "parent_id", "search_name")
    found = defaultdict(list)
    for pk, parent_id, key in rows:
        for owner in {pk, parent_id}:
            if (owner, key) in pairs:
                found[owner, key].append(pk)
    return found


def link_nominees(*, dossier: Dossier) -> int:
    """Link the dossier's unlinked nominees that match exactly one person or unit.

    Runs inside the drafting transaction, whose audit row covers the nominees it wrote; the
    link is derived from their names again at every write. Returns how many were linked.
    """
    nominees = list(
        dossier.nominees.filter(person__isnull=True, collective__isnull=True).only(
            # What bulk_update reads back too: a deferred field would cost a query per nominee.
            "pk",
            "dossier_id",
            "recipient_kind",
            "full_name",
            "search_name",
            "person_id",
            "collective_id",
        )
    )
    individual = {n.pk for n in nominees if n.recipient_kind == RecipientKind.INDIVIDUAL}
    people = people_named(
        {(dossier.unit_id, n.search_name) for n in nominees if n.pk in individual}
    )
    units = units_named(
        {(dossier.unit_id, n.search_name) for n in nominees if n.pk not in individual}
    )
    linked = []
    for nominee in nominees:
        key = (dossier.unit_id, nominee.search_name)
        if nominee.pk in individual:
            # The key ignores diacritics, a link must not: "Văn An" is not "Văn Ân". A name
            # typed with no diacritics at all says nothing either way, so the key decides.
            typed = nominee.full_name.casefold()
            plain = typed == nominee.search_name
            same_name = [
                pk
                for pk, full_name in people.get(key, [])
                if plain or full_name.casefold() == typed
            ]
            if len(same_name) == 1:
                nominee.person_id = same_name[0]
                linked.append(nominee)
        else:
            matches = units.get(key, [])
            if len(matches) == 1:
                nominee.collective_id = matches[0]
                linked.append(nominee)
    Nominee.objects.bulk_update(linked, ["person", "collective"], batch_size=500)
    return len(linked)
