"""Reads for dossier pages and lists, with the joins each page needs."""

from django.db.models import Count, Prefetch

from nominations.access import visible_dossiers
from nominations.models import AuditEntry, Decision, Dossier, Nominee
from nominations.text import search_key


def nominees_of(dossier: Dossier):
    return dossier.nominees.select_related(
        "award", "decision__authority", "source_nominee__dossier__authority"
    )


def timeline_of(dossier: Dossier):
    return AuditEntry.objects.filter(dossier=dossier).select_related("actor").order_by("at", "pk")


def visible_forwarded(user, dossier: Dossier):
    return visible_dossiers(user).filter(origin=dossier).select_related("authority")


def dossier_list(user, *, query: str = "", status: str = ""):
    dossiers = visible_dossiers(user).select_related("unit", "authority")
    if status:
        dossiers = dossiers.filter(status=status)
    if query:
        for word in search_key(query).split():
            dossiers = dossiers.filter(search_text__contains=word)
    return dossiers.annotate(nominee_count=Count("nominees")).order_by("-created_at", "-pk")


def published_decisions(
    *, query: str = "", year: int | None = None, unit: str = "", award_id: int | None = None
):
    """Published decisions; `query` matches an awardee's name and `unit` the proposing unit's,
    both with or without diacritics; `award_id` keeps the decisions that confer that award."""
    decisions = (
        Decision.objects.filter(published_at__isnull=False)
        .select_related("authority", "dossier__unit")
        .annotate(awardee_count=Count("awardees"))
    )
    if year:
        decisions = decisions.filter(year=year)
    for word in search_key(unit).split():
        decisions = decisions.filter(dossier__unit__search_name__contains=word)
    if query or award_id:
        matching = Nominee.objects.all()
        for word in search_key(query).split():
            matching = matching.filter(search_name__contains=word)
        if award_id:
            matching = matching.filter(award_id=award_id)
        decisions = decisions.filter(pk__in=matching.values("decision_id"))
    return decisions.order_by("-issued_on", "-number")


def awards_in_register():
    """The awards that published decisions confer, for the register's filter (one query)."""
    from nominations.models import Award

    conferred = Nominee.objects.filter(decision__published_at__isnull=False).values("award_id")
    return Award.objects.filter(pk__in=conferred).order_by("name")


def awardees_per_year() -> list[tuple[int, int]]:
    """(year, awardees) over every published decision, oldest first (one query)."""
    rows = (
        Nominee.objects.filter(decision__published_at__isnull=False)
        .values_list("decision__year")
        .annotate(awardees=Count("pk"))
        .order_by("decision__year")
    )
    return list(rows)


def published_decision(pk):
    return (
        Decision.objects.filter(published_at__isnull=False, pk=pk)
        .select_related("authority", "dossier__unit")
        .prefetch_related(
            Prefetch(
                "awardees", queryset=Nominee.objects.select_related("award").order_by("position")
            )
        )
        .first()
    )


def council_sessions_of(dossier):
    """The council sessions whose agenda carried the dossier's nominees."""
    from nominations.models import CouncilSession

    return (
        CouncilSession.objects.filter(items__nominee__dossier=dossier)
        .distinct()
        .select_related("council__authority")
    )
