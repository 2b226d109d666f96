"""Every change to an import batch: upload, choose the table, map the columns, apply, discard.

One transaction each, with its audit row. The apply is all or nothing: the batch is re-read
under a row lock, its rows judged again against today's records, and only a batch with no
error left writes anything. A second apply of the same batch (a double click, two tabs) finds
it applied and changes nothing.

Rows already in the award history (same person or collective, award and year) are skipped with
a warning rather than blocking: units re-send overlapping lists, and the same file imported
twice must not double anyone's history nor force the user to edit the file. A record made by
our own decision is never overwritten by a paper copy.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nominations.errors import DomainError, NotAllowed, StepOutOfOrder
from nominations.imports import readers
from nominations.imports.access import may_import_for
from nominations.imports.checks import NEW, SKIP, blocking, check_batch
from nominations.imports.columns import FIELDS, guess_columns
from nominations.models import (
    AuditAction,
    AwardRecord,
    ImportBatch,
    ImportStatus,
    Person,
    RecordSource,
    Unit,
)
from nominations.services._base import audit
from nominations.text import normalize_text, search_key

KIND_AWARD_HISTORY = "award_history"

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


def _require_importer(actor, unit_id: int) -> None:
    if not may_import_for(actor, unit_id):
        raise NotAllowed(_("You may not import lists for this unit."))


def _lock_open(actor, batch: ImportBatch) -> ImportBatch:
    locked = ImportBatch.objects.select_for_update().select_related("unit").get(pk=batch.pk)
    _require_importer(actor, locked.unit_id)
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


def _best_table(tables) -> int:
    """The table whose headings we recognise best; the first one on a tie."""
    scores = [(len(guess_columns(t.headers)), len(t.rows) > 0) for t in tables]
    return max(range(len(tables)), key=lambda i: (scores[i], -i))


def import_upload(*, actor, unit: Unit, file_name: str, stream, kind=KIND_AWARD_HISTORY):
    """Read the file (type by content, within the limits) and keep it as a checked batch."""
    _require_importer(actor, unit.pk)
    data = readers.read_limited(stream)
    read = readers.read_file(data)
    if not any(table.rows for table in read.tables):
        raise readers.ImportFileError(
            _("The file holds no list: no row was found under a row of headings.")
        )
    chosen = _best_table(read.tables)
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
                "format": read.format,
                "encoding": read.encoding,
                "tables": [table.describe() for table in read.tables],
                "table": chosen,
                "columns": guess_columns(read.tables[chosen].headers),
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
        locked.mapping["columns"] = guess_columns(tables[table]["headers"])
        check_batch(locked)
        locked.save(update_fields=["mapping", "rows", "errors"])
        audit(actor=actor, action=MAPPED, target=locked, data={"table": table})
    return locked


def import_map_columns(*, actor, batch: ImportBatch, columns: dict[str, int]) -> ImportBatch:
    """Set which column holds which field, then judge every row again."""
    with transaction.atomic():
        locked = _lock_open(actor, batch)
        headers = locked.mapping["tables"][locked.mapping.get("table", 0)]["headers"]
        unknown = set(columns) - set(FIELDS)
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


def import_apply(*, actor, batch: ImportBatch) -> ApplyResult:
    """All rows or none: refused while any row is in error, and applied once only."""
    with transaction.atomic():
        locked = _lock_open(actor, batch)
        _lock_units_of(locked)
        check_batch(locked)  # the records may have changed since the preview
        errors = blocking(locked.errors)
        if errors:
            locked.save(update_fields=["rows", "errors"])
            result = None
        else:
            result = _write_records(locked)
            locked.status = ImportStatus.APPLIED
            locked.applied_at = timezone.now()
            locked.save(update_fields=["rows", "errors", "status", "applied_at"])
            audit(
                actor=actor,
                action=APPLIED,
                target=locked,
                data={
                    "unit": locked.unit.code,
                    "records": result.created,
                    "skipped": result.skipped,
                    "people_created": result.people_created,
                },
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
