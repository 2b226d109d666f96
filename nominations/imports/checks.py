"""Judging every row of a batch against the catalogue and the people already on record.

A list of nominees for a dossier is judged against the catalogue and the dossier's nominees:
each row becomes a nominee ("new") or is in error; the drafting service judges them once more
when they are applied.

Each row of an award history list ends in one state:
- "new": it will become an award record (for a person found, or created when nobody of that
  name is in the unit);
- "skip": the same person (or collective), award and year is already in the award history —
  a warning, the row is left out and does not block the rest (see `services`);
- "error": something must be corrected in the file or by hand; any such row blocks the apply.

Issues are stored as codes with parameters, and put into words only when shown: the report is
in the language of whoever reads it, not of whoever uploaded the file.
"""

import datetime
import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nominations.imports.access import units_below
from nominations.imports.columns import (
    AWARD,
    COLLECTIVE_NAME,
    DECISION_DATE,
    DECISION_REFERENCE,
    FULL_NAME,
    HISTORY,
    ISSUER,
    JOB_TITLE,
    KIND_NOMINEES,
    RECIPIENT_KIND,
    SUMMARY,
    UNIT,
    YEAR,
    field_set,
    heading_key,
)
from nominations.models import (
    Award,
    AwardRecord,
    Dossier,
    DossierStatus,
    Person,
    RecipientKind,
    RecordSource,
    Unit,
)
from nominations.services.drafting import MAX_NOMINEES_PER_DOSSIER
from nominations.text import normalize_text, search_key

ERROR = "error"
WARNING = "warning"

NEW, SKIP, FAILED = "new", "skip", "error"

FIRST_YEAR = 1945
MAX_SUMMARY_LENGTH = 4000  # as the nominee form (nominations.forms)
TEXT_LIMITS = {
    FULL_NAME: 255,
    DECISION_REFERENCE: 60,
    ISSUER: 255,
    COLLECTIVE_NAME: 255,
    JOB_TITLE: 255,
    SUMMARY: MAX_SUMMARY_LENGTH,
}

MESSAGES = {
    "field_not_mapped": gettext_lazy(
        "No column is chosen for “%(field)s”. Choose it in the column mapping."
    ),
    "fields_not_mapped": gettext_lazy(
        "No column is chosen for %(fields)s. Choose one in the column mapping."
    ),
    "no_rows": gettext_lazy("The list has no rows under its headings."),
    "formula": gettext_lazy(
        "The cell holds a formula (%(formula)s), not a value. Replace the formulas with their "
        "values (Copy, then Paste special → Values) and upload the file again."
    ),
    "unreadable_text": gettext_lazy(
        "The text contains characters that could not be read. Retype it in the file."
    ),
    "text_too_long": gettext_lazy("The text is longer than %(limit)s characters."),
    "empty_name": gettext_lazy("The name is empty."),
    "unknown_unit": gettext_lazy(
        "No unit named “%(value)s” in %(unit)s or its sub-units. Correct the name, or do not "
        "import this column: every row is then imported for %(unit)s."
    ),
    "ambiguous_unit": gettext_lazy(
        "Several units are named “%(value)s” (%(choices)s). Write the unit's code instead."
    ),
    "empty_award": gettext_lazy("The award is empty."),
    "unknown_award": gettext_lazy(
        "Unknown award “%(value)s”: it is neither the name nor the code of an award in the "
        "catalogue."
    ),
    "ambiguous_award": gettext_lazy(
        "“%(value)s” could be several awards (%(choices)s). Write the full name or the code."
    ),
    "collective_not_found": gettext_lazy(
        "“%(award)s” is awarded to collectives, and there is no unit named “%(value)s” in "
        "%(unit)s or its sub-units."
    ),
    "empty_year": gettext_lazy("The year is empty."),
    "year_not_number": gettext_lazy("The year “%(value)s” is not a number."),
    "year_out_of_range": gettext_lazy("The year %(value)s is not between %(low)s and %(high)s."),
    "date_unreadable": gettext_lazy(
        "The date “%(value)s” could not be read. Write it as day/month/year, e.g. 02/09/2020."
    ),
    "date_in_future": gettext_lazy("The date %(value)s is in the future."),
    "duplicate_row": gettext_lazy(
        "Same person, award and year as %(other)s: the list holds this line twice. "
        "Remove one of them."
    ),
    "ambiguous_person": gettext_lazy(
        "Ambiguous: %(count)s people named “%(value)s” in %(unit)s. Nothing is guessed: "
        "resolve it by hand."
    ),
    "similar_person": gettext_lazy(
        "Nobody is named exactly “%(value)s” in %(unit)s, but similar names exist (%(choices)s). "
        "Correct the spelling in the file, or resolve it by hand."
    ),
    "similar_in_list": gettext_lazy(
        "The list also spells this name “%(choices)s” in the same unit: one person spelled two "
        "ways, or two people? Correct the spelling in the file, or resolve it by hand."
    ),
    "already_recorded": gettext_lazy(
        "Already in the award history (%(source)s). This row will be skipped."
    ),
    # Nominee lists
    "no_dossier": gettext_lazy("The dossier of this list no longer exists."),
    "dossier_not_editable": gettext_lazy(
        "The dossier is now “%(status)s”: nominees can be added only while it is being drafted "
        "or after it was returned for revision."
    ),
    "too_many_nominees": gettext_lazy(
        "With these %(count)s rows the dossier would list %(total)s nominees: a dossier may list "
        "at most %(max)s. Split the list over several dossiers."
    ),
    "two_names": gettext_lazy(
        "Both a full name and a collective name are filled in: one row is one nominee. Keep "
        "one of them."
    ),
    "unknown_kind": gettext_lazy(
        "“%(value)s” is neither “Cá nhân” (individual) nor “Tập thể” (collective)."
    ),
    "award_not_in_use": gettext_lazy(
        "“%(award)s” is no longer in use in the catalogue: it cannot be proposed."
    ),
    "award_wrong_kind": gettext_lazy(
        "“%(award)s” is only awarded to: %(kind)s; this row proposes: %(row_kind)s."
    ),
    "award_wrong_kind_unstated": gettext_lazy(
        "“%(award)s” is only awarded to: %(kind)s; nothing in the row says it is a "
        "collective, so it is read as an individual. Fill in a “Cá nhân/Tập thể” column, or "
        "put the collectives' names in a “Tên tập thể” column."
    ),
    "empty_summary": gettext_lazy("The summary of achievements is empty."),
    "duplicate_nominee": gettext_lazy(
        "Same nominee as %(other)s: the list holds this name twice. Remove one of them."
    ),
    "already_nominated": gettext_lazy(
        "“%(value)s” is already a nominee of this dossier. Remove the row, or change that "
        "nominee in the dossier."
    ),
}

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_YEAR = re.compile(r"(?:nam\s*)?(\d+)(?:\.0+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][0-9:.]+)?")
_DMY_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_WORDS_DATE = re.compile(r"(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")


def full_key(text) -> str:
    """Comparison key of a name: no diacritics, case or punctuation ('Bộ, ngành' ~ 'bo nganh')."""
    return _NOT_WORD.sub(" ", search_key(str(text or ""))).strip()


def issue(level, code, *, row=None, column=None, headers=(), **params) -> dict:
    """An issue as stored on the batch: where (row of the file, column heading) and what."""
    return {
        "level": level,
        "code": code,
        "index": row["index"] if row else None,
        "line": row["line"] if row else None,
        "part": row.get("part") if row else None,
        "column": headers[column] if column is not None and column < len(headers) else "",
        "params": params,
    }


def location(line, part) -> str:
    if line is None:
        return _("Whole file")
    if part:
        return _("Table %(table)s, row %(row)s") % {"table": part, "row": line}
    return _("Row %(row)s") % {"row": line}


def describe(item: dict, fields=HISTORY) -> str:
    """The issue in words, in the reader's language (fields: the field set of the list)."""
    params = dict(item.get("params", {}))
    if "field" in params:
        params["field"] = fields.fields.get(params["field"], params["field"])
    if "fields" in params:
        params["fields"] = fields.group_label(tuple(params["fields"]))
    for name in ("kind", "row_kind"):
        if params.get(name) in RecipientKind.values:
            params[name] = RecipientKind(params[name]).label.lower()
    if params.get("status") in DossierStatus.values:
        params["status"] = DossierStatus(params["status"]).label
    if "source" in params:
        source = params["source"]
        params["source"] = RecordSource(source).label if source in RecordSource.values else source
        if params.get("reference"):
            params["source"] = _("%(source)s, decision %(reference)s") % params
    if "other" in params:
        params["other"] = location(params["other"]["line"], params["other"].get("part")).lower()
    return str(MESSAGES[item["code"]]) % params


def blocking(issues: list[dict]) -> list[dict]:
    return [i for i in issues if i["level"] == ERROR]


class _Catalogue:
    """Awards by code, by full name, and by name without its bracketed note."""

    def __init__(self):
        self.by_code, self.by_name, self.by_short = {}, defaultdict(list), defaultdict(list)
        for award in Award.objects.all():
            self.by_code[award.code.lower()] = award
            self.by_name[full_key(award.name)].append(award)
            self.by_short[heading_key(award.name)].append(award)

    def find(self, text) -> tuple[Award | None, list[Award]]:
        """(the award, []) when one matches; (None, candidates) otherwise."""
        code = str(text).strip().lower()
        if code in self.by_code:
            return self.by_code[code], []
        for candidates in (self.by_name.get(full_key(text)), self.by_short.get(heading_key(text))):
            if candidates:
                return (candidates[0], []) if len(candidates) == 1 else (None, candidates)
        return None, []


class _Units:
    """The batch's unit and its sub-units, found by code or by name."""

    def __init__(self, unit: Unit):
        self.home = unit
        self.units = list(Unit.objects.filter(pk__in=units_below([unit.pk])))
        self.by_code = {u.code.lower(): u for u in self.units}
        self.by_name = defaultdict(list)
        for u in self.units:
            self.by_name[full_key(u.name)].append(u)

    def find(self, text) -> tuple[Unit | None, list[Unit]]:
        code = str(text).strip().lower()
        if code in self.by_code:
            return self.by_code[code], []
        candidates = self.by_name.get(full_key(text), [])
        return (candidates[0], []) if len(candidates) == 1 else (None, candidates)


def _parse_year(text: str):
    match = _YEAR.fullmatch(search_key(text))
    return int(match.group(1)) if match else None


def _parse_date(text: str):
    """ISO (from a date cell), day/month/year, or "ngày 02 tháng 9 năm 2020"; None otherwise."""
    text = text.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DMY_DATE.fullmatch(text) or _WORDS_DATE.fullmatch(search_key(text)):
        day, month, year = match.groups()
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


class _Cells:
    """Reading a row's cells by field, each problem noted with the row and the column."""

    def __init__(self, columns: dict[str, int], headers: list[str]):
        self.columns, self.headers = columns, headers

    def _issue(self, issues, row, code, field_name=None, level=ERROR, **params):
        column = self.columns.get(field_name) if field_name else None
        issues.append(issue(level, code, row=row, column=column, headers=self.headers, **params))

    def _cell(self, row, field_name, issues):
        """The cell's text, or None when the column is not mapped or holds a formula."""
        index = self.columns.get(field_name)
        if index is None:
            return None
        formula = row.get("formulas", {}).get(str(index))
        if formula is not None:
            self._issue(issues, row, "formula", field_name, formula=formula)
            return None
        return row["cells"][index] if index < len(row["cells"]) else ""

    def _text(self, row, field_name, issues, multiline=False) -> str | None:
        raw = self._cell(row, field_name, issues)
        if raw is None:
            return None
        try:
            text = normalize_text(raw, multiline=multiline)
        except ValidationError:
            self._issue(issues, row, "unreadable_text", field_name)
            return None
        limit = TEXT_LIMITS.get(field_name)
        if limit and len(text) > limit:
            self._issue(issues, row, "text_too_long", field_name, limit=limit)
            return None
        return text


class _RowChecker(_Cells):
    def __init__(self, unit: Unit, columns: dict[str, int], headers: list[str]):
        super().__init__(columns, headers)
        self.unit = unit
        self.catalogue = _Catalogue()
        self.units = _Units(unit)
        self.today = timezone.localdate()

    def parse(self, row, issues) -> dict:
        """What the row says, field by field; its problems go to issues."""
        check = {"state": NEW, "unit": self.unit.pk, "unit_name": self.unit.name}
        name = self._text(row, FULL_NAME, issues)
        if name == "":
            self._issue(issues, row, "empty_name", FULL_NAME)
        check["full_name"] = name or ""

        unit_text = self._text(row, UNIT, issues)
        if unit_text:
            unit, candidates = self.units.find(unit_text)
            if unit:
                check["unit"], check["unit_name"] = unit.pk, unit.name
            elif candidates:
                check["unit"] = None
                choices = ", ".join(u.code for u in candidates)
                self._issue(issues, row, "ambiguous_unit", UNIT, value=unit_text, choices=choices)
            else:
                check["unit"] = None
                self._issue(issues, row, "unknown_unit", UNIT, value=unit_text, unit=self.unit.name)
        elif unit_text is None and UNIT in self.columns:
            check["unit"] = None  # a formula or unreadable text: the row already has an error

        award_text = self._text(row, AWARD, issues)
        check["award"] = None
        if award_text == "":
            self._issue(issues, row, "empty_award", AWARD)
        elif award_text:
            award, candidates = self.catalogue.find(award_text)
            if award:
                check["award"], check["award_name"] = award.pk, award.name
                check["collective"] = award.recipient_kind == RecipientKind.COLLECTIVE
            elif candidates:
                choices = "; ".join(a.name for a in candidates)
                self._issue(
                    issues, row, "ambiguous_award", AWARD, value=award_text, choices=choices
                )
            else:
                self._issue(issues, row, "unknown_award", AWARD, value=award_text)

        check["year"] = self._year(row, issues)
        check["decision_reference"] = self._text(row, DECISION_REFERENCE, issues) or ""
        check["decision_date"] = self._date(row, issues)
        check["issuer"] = self._text(row, ISSUER, issues) or ""
        return check

    def _year(self, row, issues):
        text = self._text(row, YEAR, issues)
        if text is None:
            return None
        if not text:
            self._issue(issues, row, "empty_year", YEAR)
            return None
        year = _parse_year(text)
        if year is None:
            self._issue(issues, row, "year_not_number", YEAR, value=text)
        elif not FIRST_YEAR <= year <= self.today.year:
            self._issue(
                issues,
                row,
                "year_out_of_range",
                YEAR,
                value=year,
                low=FIRST_YEAR,
                high=self.today.year,
            )
            return None
        return year

    def _date(self, row, issues):
        text = self._text(row, DECISION_DATE, issues)
        if not text:
            return None
        day = _parse_date(text)
        if day is None:
            self._issue(issues, row, "date_unreadable", DECISION_DATE, value=text)
            return None
        if day > self.today:
            self._issue(issues, row, "date_in_future", DECISION_DATE, value=f"{day:%d/%m/%Y}")
            return None
        return day.isoformat()

    def resolve_recipients(self, rows, checks, issues) -> None:
        """Find each row's person (within its unit) or collective; never guess between several."""
        wanted = [
            (row, check)
            for row, check in zip(rows, checks, strict=True)
            if check["full_name"] and check["award"] and check["unit"]
        ]
        people = defaultdict(list)
        person_rows = [(r, c) for r, c in wanted if not c.get("collective")]
        if person_rows:
            found = Person.objects.filter(
                unit_id__in={c["unit"] for _, c in person_rows},
                search_name__in={search_key(c["full_name"]) for _, c in person_rows},
            ).only("pk", "full_name", "unit_id", "search_name")
            for person in found:
                people[(person.unit_id, person.search_name)].append(person)
        for row, check in wanted:
            if check.get("collective"):
                self._resolve_collective(row, check, issues)
                continue
            candidates = people.get((check["unit"], search_key(check["full_name"])), [])
            wanted_name = check["full_name"].casefold()
            exact = [p for p in candidates if normalize_text(p.full_name).casefold() == wanted_name]
            params = {"value": check["full_name"], "unit": check["unit_name"]}
            if len(exact) == 1:
                check["person"] = exact[0].pk
            elif len(exact) > 1:
                self._issue(issues, row, "ambiguous_person", FULL_NAME, count=len(exact), **params)
            elif candidates:
                choices = ", ".join(sorted(p.full_name for p in candidates))
                self._issue(issues, row, "similar_person", FULL_NAME, choices=choices, **params)
            else:
                check["new_person"] = True
        self._new_names_spelled_alike(rows, checks, issues)

    def _new_names_spelled_alike(self, rows, checks, issues) -> None:
        """New people whose names differ only by diacritics or case: one person or two?"""
        spellings = defaultdict(set)
        for check in checks:
            if check.get("new_person"):
                spellings[(check["unit"], search_key(check["full_name"]))].add(check["full_name"])
        for row, check in zip(rows, checks, strict=True):
            if not check.get("new_person"):
                continue
            names = spellings[(check["unit"], search_key(check["full_name"]))]
            if len({n.casefold() for n in names}) > 1:
                others = sorted(n for n in names if n.casefold() != check["full_name"].casefold())
                self._issue(issues, row, "similar_in_list", FULL_NAME, choices="”, “".join(others))
                check["new_person"] = False

    def _resolve_collective(self, row, check, issues) -> None:
        unit, candidates = self.units.find(check["full_name"])
        if unit:
            check["recipient_unit"], check["unit"], check["unit_name"] = unit.pk, unit.pk, unit.name
        elif candidates:
            choices = ", ".join(u.code for u in candidates)
            self._issue(
                issues, row, "ambiguous_unit", FULL_NAME, value=check["full_name"], choices=choices
            )
        else:
            self._issue(
                issues,
                row,
                "collective_not_found",
                FULL_NAME,
                value=check["full_name"],
                award=check["award_name"],
                unit=self.unit.name,
            )


def _recipient_key(check):
    if check.get("recipient_unit"):
        return ("collective", check["recipient_unit"])
    if check.get("person"):
        return ("person", check["person"])
    return ("new", check["unit"], search_key(check["full_name"]))


def _find_duplicates(rows, checks, issues, columns, headers) -> None:
    seen = {}
    for row, check in zip(rows, checks, strict=True):
        if not (check["award"] and check["year"]) or not (
            check.get("person") or check.get("new_person") or check.get("recipient_unit")
        ):
            continue
        key = (_recipient_key(check), check["award"], check["year"])
        if key in seen:
            first = seen[key]
            issues.append(
                issue(
                    ERROR,
                    "duplicate_row",
                    row=row,
                    column=columns.get(FULL_NAME),
                    headers=headers,
                    other={"line": first["line"], "part": first.get("part")},
                )
            )
        else:
            seen[key] = row


def _find_recorded(rows, checks, issues, columns, headers) -> None:
    """The person (or collective), award and year already in the history: skipped rows."""
    known = [
        c
        for c in checks
        if c["award"] and c["year"] and (c.get("person") or c.get("recipient_unit"))
    ]
    if not known:
        return
    condition = Q(person_id__in={c["person"] for c in known if c.get("person")}) | Q(
        collective_id__in={c["recipient_unit"] for c in known if c.get("recipient_unit")}
    )
    recorded = {}
    records = AwardRecord.objects.filter(
        condition,
        award_id__in={c["award"] for c in known},
        year__in={c["year"] for c in known},
    ).only("person_id", "collective_id", "award_id", "year", "source", "decision_reference")
    for record in records:
        if record.person_id:
            recipient = ("person", record.person_id)
        else:
            recipient = ("collective", record.collective_id)
        recorded.setdefault((recipient, record.award_id, record.year), record)
    for row, check in zip(rows, checks, strict=True):
        if not (check["award"] and check["year"]):
            continue
        record = recorded.get((_recipient_key(check), check["award"], check["year"]))
        if record is not None:
            check["recorded"] = True
            issues.append(
                issue(
                    WARNING,
                    "already_recorded",
                    row=row,
                    column=columns.get(AWARD),
                    headers=headers,
                    source=record.source,
                    reference=record.decision_reference,
                )
            )


def check_batch(batch) -> None:
    """Judge the rows of the batch's chosen table with its mapping; fill errors and states."""
    fields = field_set(batch.kind)
    mapping = batch.mapping
    tables = mapping.get("tables", [])
    table = mapping.get("table", 0)
    headers = tables[table]["headers"] if table < len(tables) else []
    columns = {
        name: index
        for name, index in mapping.get("columns", {}).items()
        if name in fields.fields and isinstance(index, int) and 0 <= index < len(headers)
    }
    issues = [
        issue(ERROR, "field_not_mapped", field=group[0])
        if len(group) == 1
        else issue(ERROR, "fields_not_mapped", fields=list(group))
        for group in fields.missing(columns)
    ]
    rows = []
    for index, row in enumerate(batch.rows):
        row.pop("check", None)
        if row.get("table", 0) == table:
            row["index"] = index
            rows.append(row)
    if not rows:
        issues.append(issue(ERROR, "no_rows"))

    if batch.kind == KIND_NOMINEES:
        checks = _check_nominees(batch, rows, columns, headers, issues)
    else:
        checker = _RowChecker(batch.unit, columns, headers)
        checks = [checker.parse(row, issues) for row in rows]
        checker.resolve_recipients(rows, checks, issues)
        _find_duplicates(rows, checks, issues, columns, headers)
        _find_recorded(rows, checks, issues, columns, headers)

    failed = {i["index"] for i in issues if i["level"] == ERROR and i["index"] is not None}
    for row, check in zip(rows, checks, strict=True):
        if row["index"] in failed:
            check["state"] = FAILED
        elif check.pop("recorded", False):
            check["state"] = SKIP
        row["check"] = check
    issues.sort(key=lambda i: (i["index"] is not None, i["index"] or 0))
    batch.errors = issues


# --- Nominee lists -------------------------------------------------------------------------

_KIND_WORDS = {
    "ca nhan": RecipientKind.INDIVIDUAL,
    "cn": RecipientKind.INDIVIDUAL,
    "individual": RecipientKind.INDIVIDUAL,
    "tap the": RecipientKind.COLLECTIVE,
    "tt": RecipientKind.COLLECTIVE,
    "collective": RecipientKind.COLLECTIVE,
}


def nominee_key(recipient_kind: str, name: str) -> tuple[str, str]:
    """Two nominees are the same when of the same kind and name (diacritics count, not case)."""
    return recipient_kind, normalize_text(name).casefold()


class _NomineeChecker(_Cells):
    def __init__(self, columns: dict[str, int], headers: list[str]):
        super().__init__(columns, headers)
        self.catalogue = _Catalogue()

    def parse(self, row, issues) -> dict:
        """What the row proposes: one nominee; its problems go to issues."""
        check = {"state": NEW}
        before = len(issues)
        name = self._text(row, FULL_NAME, issues)
        collective = self._text(row, COLLECTIVE_NAME, issues)
        if name and collective:
            self._issue(issues, row, "two_names", COLLECTIVE_NAME)
        from_collective_column = bool(collective) and not name
        check["name_field"] = COLLECTIVE_NAME if from_collective_column else FULL_NAME
        check["full_name"] = name or collective or ""
        if not check["full_name"] and len(issues) == before:
            empty_in = FULL_NAME if FULL_NAME in self.columns else COLLECTIVE_NAME
            if empty_in in self.columns:
                self._issue(issues, row, "empty_name", empty_in)

        kind_text = self._text(row, RECIPIENT_KIND, issues)
        stated = _KIND_WORDS.get(full_key(kind_text)) if kind_text else None
        if kind_text and stated is None:
            self._issue(issues, row, "unknown_kind", RECIPIENT_KIND, value=kind_text)
        if stated:
            kind = stated
        elif from_collective_column:
            kind = RecipientKind.COLLECTIVE
        else:
            kind = RecipientKind.INDIVIDUAL
        check["recipient_kind"] = str(kind)
        check["kind_stated"] = bool(stated) or from_collective_column

        check["job_title"] = self._text(row, JOB_TITLE, issues) or ""
        check["award"] = self._award(row, check, issues)
        summary = self._text(row, SUMMARY, issues, multiline=True)
        if summary == "":
            self._issue(issues, row, "empty_summary", SUMMARY)
        check["summary"] = summary or ""
        return check

    def _award(self, row, check, issues):
        text = self._text(row, AWARD, issues)
        if text == "":
            self._issue(issues, row, "empty_award", AWARD)
        if not text:
            return None
        award, candidates = self.catalogue.find(text)
        if award is None and candidates:
            # "Bằng khen của Chủ tịch UBND tỉnh" names the individual's and the collective's:
            # the row's kind tells which one is meant.
            fitting = [
                a for a in candidates if a.recipient_kind == check["recipient_kind"] and a.is_active
            ]
            if len(fitting) == 1:
                award = fitting[0]
            else:
                choices = "; ".join(a.name for a in candidates)
                self._issue(issues, row, "ambiguous_award", AWARD, value=text, choices=choices)
                return None
        if award is None:
            self._issue(issues, row, "unknown_award", AWARD, value=text)
            return None
        check["award_name"] = award.name
        if not award.is_active:
            self._issue(issues, row, "award_not_in_use", AWARD, award=award.name)
            return None
        if award.recipient_kind != check["recipient_kind"]:
            code = "award_wrong_kind" if check["kind_stated"] else "award_wrong_kind_unstated"
            self._issue(
                issues,
                row,
                code,
                AWARD,
                award=award.name,
                kind=award.recipient_kind,
                row_kind=check["recipient_kind"],
            )
            return None
        return award.pk


def _check_nominees(batch, rows, columns, headers, issues) -> list[dict]:
    """Each row a nominee of the batch's dossier: not twice, not already in the dossier."""
    dossier = Dossier.objects.filter(pk=batch.mapping.get("dossier")).first()
    existing = []
    if dossier is None:
        issues.append(issue(ERROR, "no_dossier"))
    else:
        if not dossier.is_editable:
            issues.append(issue(ERROR, "dossier_not_editable", status=dossier.status))
        existing = list(dossier.nominees.values_list("recipient_kind", "full_name"))
    total = len(existing) + len(rows)
    if total > MAX_NOMINEES_PER_DOSSIER:
        issues.append(
            issue(
                ERROR,
                "too_many_nominees",
                count=len(rows),
                total=total,
                max=MAX_NOMINEES_PER_DOSSIER,
            )
        )
    checker = _NomineeChecker(columns, headers)
    checks = [checker.parse(row, issues) for row in rows]
    in_dossier = {nominee_key(kind, name) for kind, name in existing}
    seen = {}
    for row, check in zip(rows, checks, strict=True):
        if not check["full_name"]:
            continue
        key = nominee_key(check["recipient_kind"], check["full_name"])
        column = columns.get(check["name_field"])
        if key in in_dossier:
            issues.append(
                issue(
                    ERROR,
                    "already_nominated",
                    row=row,
                    column=column,
                    headers=headers,
                    value=check["full_name"],
                )
            )
        elif key in seen:
            first = seen[key]
            issues.append(
                issue(
                    ERROR,
                    "duplicate_nominee",
                    row=row,
                    column=column,
                    headers=headers,
                    other={"line": first["line"], "part": first.get("part")},
                )
            )
        else:
            seen[key] = row
    return checks
