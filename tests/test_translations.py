"""The Vietnamese catalogues are complete, and their compiled .mo files match the .po.

Two catalogues: ours (`locale`, written by `makemessages`) and viewflow's strings
(`locale_viewflow`, kept by hand: viewflow ships no Vietnamese, and `makemessages
--no-obsolete` over our code would drop its msgids from ours). Both are in LOCALE_PATHS,
ours first, so ours wins where both translate a msgid.
"""

import ast
import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import viewflow
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
LC_MESSAGES = ROOT / "locale" / "vi" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
VIEWFLOW_LC_MESSAGES = ROOT / "locale_viewflow" / "vi" / "LC_MESSAGES"
VIEWFLOW_PO_FILE = VIEWFLOW_LC_MESSAGES / "django.po"
VIEWFLOW_PACKAGE = Path(viewflow.__file__).resolve().parent
# viewflow's own catalogues (de, fr, ru...): every msgid they list must be in ours
VIEWFLOW_CATALOGUES = sorted((VIEWFLOW_PACKAGE / "locale").glob("*/LC_MESSAGES/*.po"))

CATALOGUES = pytest.mark.parametrize(
    "po_file", [PO_FILE, VIEWFLOW_PO_FILE], ids=["locale", "locale_viewflow"]
)


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


def key(entry: dict) -> tuple:
    return entry["msgctxt"], entry["msgid"], entry["msgid_plural"]


@CATALOGUES
def test_every_entry_is_translated_and_not_fuzzy(po_file):
    entries = [e for e in parse_po(po_file) if e["msgid"] != ""]
    assert entries, f"no entries found in {po_file}"
    bad = [
        label(e) + (" is fuzzy" if e["fuzzy"] else " has an empty msgstr")
        for e in entries
        if e["fuzzy"] or not e["msgstr"] or not all(e["msgstr"])
    ]
    assert not bad, f"Untranslated entries in {po_file}:\n" + "\n".join(bad)


@CATALOGUES
def test_compiled_catalogue_matches_the_po(po_file):
    with po_file.with_suffix(".mo").open("rb") as fp:
        mo = gettext.GNUTranslations(fp)
    stale = []
    for e in parse_po(po_file):
        if e["msgid"] == "":
            continue
        ctx, msgid, plural = e["msgctxt"], e["msgid"], e["msgid_plural"]
        if plural is None:
            got = mo.pgettext(ctx, msgid) if ctx else mo.gettext(msgid)
        else:  # Vietnamese has one plural form: msgstr[0]
            got = mo.npgettext(ctx, msgid, plural, 1) if ctx else mo.ngettext(msgid, plural, 1)
        if got != e["msgstr"][0]:
            stale.append(f"{label(e)}: .mo has {got!r}, .po has {e['msgstr'][0]!r}")
    assert not stale, f"{po_file.with_suffix('.mo')} is out of date; run `make messages`:\n" + (
        "\n".join(stale)
    )


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


def test_viewflow_catalogue_comes_after_ours_in_locale_paths():
    """Django merges LOCALE_PATHS so that the first listed wins, and `makemessages` writes to
    the first: ours must come first, viewflow's second."""
    paths = [Path(p).resolve() for p in settings.LOCALE_PATHS]
    assert paths[:2] == [ROOT / "locale", ROOT / "locale_viewflow"]


def test_viewflow_catalogue_has_every_msgid_of_viewflows_own_catalogues():
    """A viewflow upgrade whose catalogues list new strings fails here until we translate them."""
    assert VIEWFLOW_CATALOGUES, f"no catalogue found under {VIEWFLOW_PACKAGE / 'locale'}"
    missing = {}  # label -> the languages of viewflow's catalogues that list it
    for po in VIEWFLOW_CATALOGUES:
        mine = VIEWFLOW_LC_MESSAGES / po.name  # django.po, or djangojs.po for JS strings
        assert mine.exists(), f"viewflow has {po.name} catalogues: translate them in {mine}"
        ours = {key(e) for e in parse_po(mine)}
        for e in parse_po(po):
            if e["msgid"] != "" and key(e) not in ours:
                missing.setdefault(f"{label(e)} in {po.name}", []).append(po.parts[-3])
    assert not missing, "Translate in locale_viewflow/vi (listed by viewflow's catalogues):\n" + (
        "\n".join(f"{msg} ({', '.join(langs)})" for msg, langs in sorted(missing.items()))
    )


EXTRACT_VIEWFLOW_MSGIDS = """
import django
from django.conf import settings
from django.core.management import call_command

settings.configure(USE_I18N=True, INSTALLED_APPS=[])
django.setup()
call_command("makemessages", locale=["vi"], verbosity=0)
"""


@pytest.mark.skipif(
    not (shutil.which("xgettext") and shutil.which("msguniq")), reason="needs GNU gettext"
)
def test_viewflow_catalogue_has_every_msgid_of_viewflows_source(tmp_path):
    """viewflow's own catalogues lag its code (2.4.0's miss 19 of its strings): extract the
    msgids from the installed viewflow, as `makemessages` would, in a copy of its code."""
    copy = tmp_path / "viewflow"
    shutil.copytree(
        VIEWFLOW_PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("static", "locale", "__pycache__", "*.pyc", "*.mo"),
    )
    (copy / "locale").mkdir()
    subprocess.run([sys.executable, "-c", EXTRACT_VIEWFLOW_MSGIDS], cwd=copy, check=True)
    source = [e for e in parse_po(copy / "locale/vi/LC_MESSAGES/django.po") if e["msgid"] != ""]
    assert len(source) > 100, "makemessages found too few strings in viewflow's code"
    ours = {key(e) for e in parse_po(VIEWFLOW_PO_FILE)}
    missing = sorted(label(e) for e in source if key(e) not in ours)
    assert not missing, "Translate in locale_viewflow/vi:\n" + "\n".join(missing)


def test_viewflow_strings_come_out_in_vietnamese():
    """The catalogue is loaded through LOCALE_PATHS: viewflow's own labels are Vietnamese."""
    from viewflow.workflow.flow.views.list import FlowInboxListView, FlowQueueListView
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import PROCESS, STATUS

    with translation.override("vi"):
        assert str(STATUS.DONE.label) == "Hoàn thành"
        assert str(STATUS.NEW.label) == "Mới"
        assert str(STATUS.ASSIGNED.label) == "Đã giao"
        assert str(STATUS.STARTED.label) == "Đang thực hiện"
        assert str(PROCESS.CANCELED.label) == "Đã hủy"
        assert str(FlowInboxListView.title) == "Việc của tôi"
        assert str(FlowQueueListView.title) == "Việc chờ nhận"
        assert str(Task._meta.get_field("owner").verbose_name) == "Người thực hiện"
        assert translation.gettext("Unassign") == "Trả lại việc"


def test_our_catalogue_wins_where_both_translate_a_msgid():
    theirs = {key(e): e["msgstr"][0] for e in parse_po(VIEWFLOW_PO_FILE)}
    both = [
        e
        for e in parse_po(PO_FILE)
        if e["msgid"] != "" and e["msgid_plural"] is None and key(e) in theirs
    ]
    if not both:
        pytest.skip("no msgid is translated in both catalogues")
    with translation.override("vi"):
        got = {
            label(e): translation.pgettext(e["msgctxt"], e["msgid"])
            if e["msgctxt"]
            else translation.gettext(e["msgid"])
            for e in both
        }
    assert got == {label(e): e["msgstr"][0] for e in both}
