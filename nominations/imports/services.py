"""Every change to an import batch: upload, choose the table, map the columns, apply, discard.

One transaction each, with its audit row. The apply is all or nothing: the batch is re-read
under a row lock, its rows judged again against today's records, and only a batch with no
error left writes anything. A second apply of the same batch (a double click, two tabs) finds
it applied and changes nothing.

Rows already in the award history (same person or collective, award and year) are skipped with
a warning rather than blocking: units re-send overlapping lists, and the same file imported
twice must not double anyone's history nor force the user to edit the file. A record made by
our own decision is never overwritten by a paper copy.

A list of nominees (`KIND_NOMINEES`) goes into one dossier while it is editable: its rows are
appended to the dossier's nominees through `dossier_update`, the service that enforces every
drafting rule, under the dossier's row lock; no row, or every row.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nominations.errors import DomainError, NotAllowed, StepOutOfOrder
from nominations.imports import readers
from nominations.imports.access import PREPARE, dossier_of, may_import_for, may_use_batch
from nominations.imports.checks import NEW, SKIP, blocking, check_batch
from nominations.imports.columns import KIND_AWARD_HISTORY, KIND_NOMINEES, field_set
from nominations.models import (
    EDITABLE_STATUSES,
    AuditAction,
    Award,
    AwardRecord,
    Dossier,
    ImportBatch,
    ImportStatus,
    Person,
    RecordSource,
    Unit,
)
from nominations.services._base import audit, lock_dossier
from nominations.services.drafting import NomineeInput, dossier_update
from nominations.text import normalize_text, search_key

UPLOADED = AuditAction.IMPORT_UPLOADED
MAPPED = AuditAction.IMPORT_MAPPED
APPLIED = AuditAction.IMPORT_APPLIED
DISCARDED = AuditAction.IMPORT_DISCARDED


class ImportHasErrors(DomainError):
    """The batch still has rows in error: nothing was applied."""


@dataclass(frozen=True)
class ApplyResult:
    created: int
    skipped: int
    people_created: int
    dossier: Dossier | None = None


def _require_importer(actor, unit_id: int) -> None:
    if not may_import_for(actor, unit_id):
        raise NotAllowed(_("You may not import lists for this unit."))


def _lock_open(actor, batch: ImportBatch) -> ImportBatch:
    locked = ImportBatch.objects.select_for_update().select_related("unit").get(pk=batch.pk)
    if not may_use_batch(actor, locked):
        raise NotAllowed(_("You may not import lists for this unit."))
    if locked.status != ImportStatus.PREVIEWED:
        raise StepOutOfOrder(
            _("This import is already “%(status)s”: nothing was changed.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _file_name(name: str) -> str:
    name = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    try:
        name = normalize_text(name)
    except Exception:  # an unreadable name is no reason to refuse the file
        name = ""
    return name[:255] or _("(no name)")


def _best_table(tables, fields) -> int:
    """The table whose headings we recognise best; the first one on a tie."""
    scores = [(len(fields.guess(t.headers)), len(t.rows) > 0) for t in tables]
    return max(range(len(tables)), key=lambda i: (scores[i], -i))


def import_upload(*, actor, unit: Unit, file_name: str, stream, kind=KIND_AWARD_HISTORY):
    """Read the file (type by content, within the limits) and keep it as a checked batch."""
    if kind != KIND_AWARD_HISTORY:
        raise DomainError(_("This kind of list is imported from elsewhere."))
    _require_importer(actor, unit.pk)
    return _upload(actor=actor, unit=unit, file_name=file_name, stream=stream, kind=kind)


def _require_editable(actor, dossier: Dossier) -> None:
    if not actor.has_perm(PREPARE, dossier):
        raise NotAllowed(_("You may not prepare this dossier."))
    if not dossier.is_editable:
        raise StepOutOfOrder(
            _(
                "The dossier is now “%(status)s”: nominees can be added only while it is being "
                "drafted or after it was returned for revision."
            )
            % {"status": dossier.get_status_display()}
        )


def import_nominees_upload(*, actor, dossier: Dossier, file_name: str, stream) -> ImportBatch:
    """Read a list of nominees for the dossier, while its preparer may still change it."""
    _require_editable(actor, dossier)
    return _upload(
        actor=actor,
        unit=dossier.unit,
        file_name=file_name,
        stream=stream,
        kind=KIND_NOMINEES,
        extra={"dossier": dossier.pk},
    )


def _upload(*, actor, unit: Unit, file_name: str, stream, kind, extra=None) -> ImportBatch:
    fields = field_set(kind)
    data = readers.read_limited(stream)
    read = readers.read_file(data)
    if not any(table.rows for table in read.tables):
        raise readers.ImportFileError(
            _("The file holds no list: no row was found under a row of headings.")
        )
    chosen = _best_table(read.tables, fields)
    rows = [
        {"table": index, **row} for index, table in enumerate(read.tables) for row in table.rows
    ]
    with transaction.atomic():
        batch = ImportBatch(
            kind=kind,
            file_name=_file_name(file_name),
            unit=unit,
            uploaded_by=actor,
            mapping={
                **(extra or {}),
                "format": read.format,
                "encoding": read.encoding,
                "tables": [table.describe() for table in read.tables],
                "table": chosen,
                "columns": fields.guess(read.tables[chosen].headers),
            },
            rows=rows,
        )
        check_batch(batch)
        batch.save()
        audit(
            actor=actor,
            action=UPLOADED,
            target=batch,
            data={
                **(extra or {}),
                "kind": kind,
                "unit": unit.code,
                "file": batch.file_name,
                "format": read.format,
                "bytes": len(data),
                "rows": len(rows),
            },
        )
    return batch


def import_choose_table(*, actor, batch: ImportBatch, table: int) -> ImportBatch:
    """Read another sheet or table of the file; its columns are guessed afresh."""
    with transaction.atomic():
        locked = _lock_open(actor, batch)
        tables = locked.mapping.get("tables", [])
        if not isinstance(table, int) or not 0 <= table < len(tables):
            raise DomainError(_("This sheet or table is not in the file."))
        locked.mapping["table"] = table
        locked.mapping["columns"] = field_set(locked.kind).guess(tables[table]["headers"])
        check_batch(locked)
        locked.save(update_fields=["mapping", "rows", "errors"])
        audit(actor=actor, action=MAPPED, target=locked, data={"table": table})
    return locked


def import_map_columns(*, actor, batch: ImportBatch, columns: dict[str, int]) -> ImportBatch:
    """Set which column holds which field, then judge every row again."""
    with transaction.atomic():
        locked = _lock_open(actor, batch)
        headers = locked.mapping["tables"][locked.mapping.get("table", 0)]["headers"]
        unknown = set(columns) - set(field_set(locked.kind).fields)
        indexes = list(columns.values())
        if (
            unknown
            or len(set(indexes)) != len(indexes)
            or not all(isinstance(i, int) and 0 <= i < len(headers) for i in indexes)
        ):
            raise DomainError(_("Choose each field for one column of the file at most."))
        locked.mapping["columns"] = dict(columns)
        check_batch(locked)
        locked.save(update_fields=["mapping", "rows", "errors"])
        audit(actor=actor, action=MAPPED, target=locked, data={"columns": columns})
    return locked


def _lock_units_of(batch: ImportBatch) -> None:
    """Lock the units the rows write into, so that two imports never create the same person."""
    unit_ids = {batch.unit_id}
    for row in batch.rows:
        unit_id = row.get("check", {}).get("unit")
        if unit_id:
            unit_ids.add(unit_id)
    list(Unit.objects.select_for_update().filter(pk__in=unit_ids).order_by("pk").values("pk"))


def _new_people(rows: list[dict]) -> dict[tuple[int, str], int]:
    """Create the people nobody of that name stood for, once each: {(unit, name key): pk}."""
    people: dict[tuple[int, str], Person] = {}
    for row in rows:
        check = row["check"]
        if check["state"] == NEW and check.get("new_person"):
            key = (check["unit"], search_key(check["full_name"]))
            if key not in people:
                # bulk_create skips Person.save(): the search key is set here the same way.
                people[key] = Person(
                    full_name=check["full_name"], unit_id=check["unit"], search_name=key[1]
                )
    Person.objects.bulk_create(people.values(), batch_size=500)
    return {key: person.pk for key, person in people.items()}


def _write_records(batch: ImportBatch) -> ApplyResult:
    table = batch.mapping.get("table", 0)
    rows = [r for r in batch.rows if r.get("table", 0) == table and r.get("check")]
    if any(r["check"]["state"] not in (NEW, SKIP) for r in rows):
        raise ImportHasErrors  # cannot happen once the checks passed; never write such a row
    created_people = _new_people(rows)
    records = []
    for row in rows:
        check = row["check"]
        if check["state"] != NEW:
            continue
        person_id = check.get("person")
        if check.get("new_person"):
            person_id = created_people[(check["unit"], search_key(check["full_name"]))]
        day = check["decision_date"]
        records.append(
            AwardRecord(
                person_id=person_id,
                collective_id=check.get("recipient_unit"),
                award_id=check["award"],
                year=check["year"],
                decision_reference=check["decision_reference"],
                decision_date=datetime.date.fromisoformat(day) if day else None,
                issuer=check["issuer"],
                source=RecordSource.IMPORT,
                import_batch=batch,
            )
        )
    AwardRecord.objects.bulk_create(records, batch_size=500)
    return ApplyResult(
        created=len(records),
        skipped=sum(1 for r in rows if r["check"]["state"] == SKIP),
        people_created=len(created_people),
    )


def _lock_dossier_of(actor, batch: ImportBatch) -> Dossier:
    """The batch's dossier under its row lock, still editable by the actor."""
    dossier = dossier_of(batch)
    if dossier is None:
        raise DomainError(_("The dossier of this list no longer exists."))
    return lock_dossier(dossier, actor=actor, perm=PREPARE, expected=EDITABLE_STATUSES)


def _append_nominees(actor, batch: ImportBatch, dossier: Dossier) -> ApplyResult:
    """The dossier's nominees, then the list's, through the drafting service's every rule."""
    table = batch.mapping.get("table", 0)
    checks = [r["check"] for r in batch.rows if r.get("table", 0) == table and r.get("check")]
    if any(c["state"] != NEW for c in checks):
        raise ImportHasErrors  # cannot happen once the checks passed; never write such a row
    awards = Award.objects.in_bulk({c["award"] for c in checks})
    current = [
        NomineeInput(
            recipient_kind=n.recipient_kind,
            full_name=n.full_name,
            award=n.award,
            achievement_summary=n.achievement_summary,
            job_title=n.job_title,
        )
        for n in dossier.nominees.select_related("award").order_by("position", "pk")
    ]
    added = [
        NomineeInput(
            recipient_kind=c["recipient_kind"],
            full_name=c["full_name"],
            award=awards[c["award"]],
            achievement_summary=c["summary"],
            job_title=c["job_title"],
        )
        for c in checks
    ]
    dossier = dossier_update(
        actor=actor,
        dossier=dossier,
        title=dossier.title,
        commendation_type=dossier.commendation_type,
        year=dossier.year,
        nominees=current + added,
    )
    return ApplyResult(created=len(added), skipped=0, people_created=0, dossier=dossier)


def import_apply(*, actor, batch: ImportBatch) -> ApplyResult:
    """All rows or none: refused while any row is in error, and applied once only."""
    with transaction.atomic():
        locked = _lock_open(actor, batch)
        nominees = locked.kind == KIND_NOMINEES
        if nominees:
            dossier = _lock_dossier_of(actor, locked)
        else:
            _lock_units_of(locked)
        check_batch(locked)  # the records (or nominees) may have changed since the preview
        errors = blocking(locked.errors)
        if errors:
            locked.save(update_fields=["rows", "errors"])
            result = None
        else:
            if nominees:
                result = _append_nominees(actor, locked, dossier)
                data = {"dossier": dossier.pk, "nominees": result.created}
            else:
                result = _write_records(locked)
                data = {
                    "records": result.created,
                    "skipped": result.skipped,
                    "people_created": result.people_created,
                }
            locked.status = ImportStatus.APPLIED
            locked.applied_at = timezone.now()
            locked.save(update_fields=["rows", "errors", "status", "applied_at"])
            audit(
                actor=actor,
                action=APPLIED,
                target=locked,
                data={"unit": locked.unit.code, **data},
            )
    if result is None:  # the refreshed report is kept (committed) for the user to read
        raise ImportHasErrors(
            ngettext(
                "Nothing was applied: %(count)s problem remains in the list. Correct it and "
                "try again.",
                "Nothing was applied: %(count)s problems remain in the list. Correct them and "
                "try again.",
                len(errors),
            )
            % {"count": len(errors)}
        )
    return result


def import_discard(*, actor, batch: ImportBatch) -> ImportBatch:
    with transaction.atomic():
        locked = _lock_open(actor, batch)
        locked.status = ImportStatus.DISCARDED
        locked.save(update_fields=["status"])
        audit(actor=actor, action=DISCARDED, target=locked, data={"unit": locked.unit.code})
    return locked
