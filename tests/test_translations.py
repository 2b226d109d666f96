"""The Vietnamese catalogue is complete, and the compiled .mo matches the .po."""

import ast
import gettext
from pathlib import Path

LC_MESSAGES = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (list), fuzzy.

    Entries are separated by blank lines; a keyword's value may continue on following
    lines made only of a quoted string. Obsolete entries (#~) are skipped.
    """
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}, "fuzzy": False}
        where = None  # (dict, key) that a continuation line extends
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["fuzzy"] |= "fuzzy" in [f.strip() for f in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                target, key = where
                target[key] += ast.literal_eval(line)
            else:
                keyword, value = line.split(" ", 1)
                where = (entry["msgstr"] if keyword.startswith("msgstr") else entry, keyword)
                where[0][keyword] = ast.literal_eval(value)
        if entry["msgid"] is not None:
            entry["msgstr"] = [entry["msgstr"][k] for k in sorted(entry["msgstr"])]
            entries.append(entry)
    return entries


def label(entry: dict) -> str:
    return repr(entry["msgid"]) + (f" (context {entry['msgctxt']!r})" if entry["msgctxt"] else "")


def test_every_entry_is_translated_and_not_fuzzy():
    entries = [e for e in parse_po(PO_FILE) if e["msgid"] != ""]
    assert entries, f"no entries found in {PO_FILE}"
    bad = [
        label(e) + (" is fuzzy" if e["fuzzy"] else " has an empty msgstr")
        for e in entries
        if e["fuzzy"] or not e["msgstr"] or not all(e["msgstr"])
    ]
    assert not bad, "Untranslated entries in django.po:\n" + "\n".join(bad)


def test_compiled_catalogue_matches_the_po():
    with MO_FILE.open("rb") as fp:
        mo = gettext.GNUTranslations(fp)
    stale = []
    for e in parse_po(PO_FILE):
        if e["msgid"] == "":
            continue
        ctx, msgid, plural = e["msgctxt"], e["msgid"], e["msgid_plural"]
        if plural is None:
            got = mo.pgettext(ctx, msgid) if ctx else mo.gettext(msgid)
        else:  # Vietnamese has one plural form: msgstr[0]
            got = mo.npgettext(ctx, msgid, plural, 1) if ctx else mo.ngettext(msgid, plural, 1)
        if got != e["msgstr"][0]:
            stale.append(f"{label(e)}: .mo has {got!r}, .po has {e['msgstr'][0]!r}")
    assert not stale, "django.mo is out of date; run compilemessages:\n" + "\n".join(stale)


def test_strings_are_marked_with_names_makemessages_finds():
    """makemessages only sees _(), gettext(), gettext_lazy(), ngettext()…: an alias such as
    `gettext_lazy as _lazy` leaves its strings out of the catalogue, silently untranslated."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    alias = re.compile(r"import (?:\w*gettext\w*) as (?!_\b)\w+")
    offenders = [
        str(path.relative_to(root))
        for app in ("config", "nominations", "workflows", "emulation")
        for path in (root / app).rglob("*.py")
        if alias.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
