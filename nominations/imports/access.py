"""Who may import lists for which unit.

Two kinds of people keep a unit's award history:
- whoever may draft dossiers for a unit (`nominations.prepare_dossier`, the unit clerk) imports
  that unit's own lists;
- the secretariat of an awarding authority (roles with `nominations.check_dossier`) imports for
  the authority's unit and every unit below it in the tree, since the paper-era registers of a
  district or a province are kept by its standing agency.

A list of nominees is imported into one dossier: only by someone who may prepare that dossier
(`user.has_perm("nominations.prepare_dossier", dossier)`); the batch keeps the dossier's id in
its mapping.

A batch of any other unit (or dossier) is a 404: outsiders learn nothing about it.
"""

from django.http import Http404

from nominations.access import units_where
from nominations.imports.columns import KIND_NOMINEES
from nominations.models import AwardingAuthority, Dossier, ImportBatch, Unit

PREPARE = "nominations.prepare_dossier"


def units_below(roots) -> set[int]:
    """The given units and all their descendants, at any depth (one query per tree level)."""
    found = set(roots)
    frontier = set(roots)
    while frontier:
        children = set(
            Unit.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found |= children
        frontier = children
    return found


def importable_units(user) -> set[int]:
    if not (user.is_authenticated and user.is_active):
        return set()
    units = set(units_where(user, "nominations.prepare_dossier"))
    secretariats = units_where(user, "nominations.check_dossier")
    if secretariats:
        roots = AwardingAuthority.objects.filter(secretariat_unit_id__in=secretariats)
        units |= units_below(roots.values_list("unit_id", flat=True))
    return units


def may_import_for(user, unit_id: int) -> bool:
    return unit_id in importable_units(user)


def dossier_of(batch: ImportBatch) -> Dossier | None:
    """The dossier a list of nominees is imported into (None for other lists)."""
    if batch.kind != KIND_NOMINEES:
        return None
    dossier_id = batch.mapping.get("dossier")
    return Dossier.objects.select_related("authority", "unit").filter(pk=dossier_id).first()


def may_use_batch(user, batch: ImportBatch) -> bool:
    if batch.kind == KIND_NOMINEES:
        dossier = dossier_of(batch)
        return dossier is not None and user.has_perm(PREPARE, dossier)
    return may_import_for(user, batch.unit_id)


def get_batch_for_user(user, pk) -> ImportBatch:
    """The one loader for a batch: 404 unless the user may import for its unit (or dossier)."""
    batch = ImportBatch.objects.select_related("unit", "uploaded_by").filter(pk=pk).first()
    if batch is None or not may_use_batch(user, batch):
        raise Http404
    return batch
