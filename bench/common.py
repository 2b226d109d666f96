"""What both benchmarks share: a dedicated PostgreSQL database, Django set-up, figures."""

import io
import os
import re
import statistics
import sys
import time
import traceback
import warnings
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIRS = tuple(str(ROOT / name) + os.sep for name in ("nominations", "workflows", "bench"))
USAGE_URL = "postgresql://postgres@127.0.0.1:5432/thidua_bench"


def setup_django(*, reuse: bool, suffix: str = "") -> None:
    """Point Django at the bench settings, (re)create the bench database, migrate it.

    `suffix` gives a benchmark its own database (thidua_bench_inbox), so that one benchmark
    does not drop the data another one generated.
    """
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    warnings.filterwarnings("ignore", message="No directory at")  # staticfiles not collected
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        sys.exit(
            "bench: refusing to run on SQLite (or any database but PostgreSQL): the figures "
            f"would mean nothing. Run with DATABASE_URL={USAGE_URL}"
        )
    db["NAME"] += suffix
    prepare_database(db, recreate=not reuse)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_award_catalogue", stdout=io.StringIO())


def prepare_database(db: dict, *, recreate: bool) -> None:
    import psycopg
    from psycopg import sql

    name = db["NAME"]
    if "_bench" not in name:  # bench.settings guarantees it; never drop anything else
        sys.exit(f"bench: database {name!r} is not a _bench database; refusing to touch it")
    params = {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        state = "reused"
        if exists and recreate:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists, state = None, "recreated"
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            state = "recreated" if state == "recreated" else "created"
    print(f"database {name} on {params['host'] or 'local socket'}: {state}")


def fresh(user):
    """Forget what a previous request cached on the user object (permissions, memberships)."""
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_thidua_access"):
        user.__dict__.pop(attr, None)
    return user


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "p50": statistics.median(ms),
        "p95": percentile(ms, 95),
        "min": min(ms),
    }


@contextmanager
def stopwatch():
    box = {}
    start = time.perf_counter()
    try:
        yield box
    finally:
        box["seconds"] = time.perf_counter() - start


def query_kind(sql_text: str) -> str:
    """'SELECT nominations_dossier', 'INSERT viewflow_task', 'SAVEPOINT'..."""
    text = sql_text.lstrip()
    verb = text.split(None, 1)[0].upper() if text else "?"
    if verb in ("INSERT", "UPDATE"):
        match = re.match(r'\w+(?:\s+INTO)?\s+"(\w+)"', text)
    elif verb in ("SELECT", "DELETE"):
        match = re.search(r'\bFROM\s+"(\w+)"', text)
    else:
        return verb
    return f"{verb} {match.group(1) if match else '?'}"


class QueryLog:
    """Every statement run inside `capture()` (as CaptureQueriesContext counts them, BEGIN and
    COMMIT included), and for each query the innermost project or viewflow frame that ran it.
    """

    def __init__(self):
        self.statements: list[str] = []
        self.sites: list[str] = []

    def __call__(self, execute, sql_text, params, many, context):
        self.sites.append(_call_site())
        return execute(sql_text, params, many, context)

    @contextmanager
    def capture(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(self):
            yield self
        self.statements = [query["sql"] for query in captured.captured_queries]

    def __len__(self) -> int:
        return len(self.statements)

    def by_kind(self) -> Counter:
        return Counter(query_kind(sql_text) for sql_text in self.statements)

    def by_site(self) -> Counter:
        return Counter(self.sites)

    def by_cause(self) -> Counter:
        """Queries grouped by what made them: engine rows, permission loads, audit, mail..."""
        kinds = [query_kind(s) for s in self.statements if s not in ("BEGIN", "COMMIT")]
        causes = Counter(_cause(kind, site) for kind, site in zip(kinds, self.sites, strict=True))
        causes["BEGIN/COMMIT"] = len(self.statements) - len(kinds)
        return causes


def _cause(kind: str, site: str) -> str:
    table = kind.partition(" ")[2]
    if "notifications.py" in site or table == "nominations_notification":
        return "notifications (recipients, get_or_create per person)"
    if "access.py" in site or table in ("nominations_membership", "auth_permission"):
        return "permission checks (membership and group-permission loads)"
    if table == "nominations_auditentry":
        return "audit rows"
    if kind in ("SAVEPOINT", "RELEASE"):
        return f"savepoints of nested atomic blocks ({site.split(':')[0]})"
    if table.startswith("viewflow_"):
        return "viewflow engine rows (lock, task/process reads and writes)"
    return "domain rows (dossier, nominees, decision, authority)"


def _call_site() -> str:
    """The innermost frame in our code or viewflow's; for viewflow's, also who called it."""
    frames = traceback.extract_stack()[:-2]
    ours = _innermost(frames, lambda name: name.startswith(PROJECT_DIRS))
    theirs = _innermost(frames, lambda name: _VIEWFLOW in name)
    if ours is None and theirs is None:
        return "elsewhere"
    if theirs is not None and (ours is None or theirs > ours):
        frame = frames[theirs]
        site = f"viewflow/{frame.filename.split(_VIEWFLOW, 1)[1]}:{frame.lineno} {frame.name}"
        return site + (f"  <- {_short(frames[ours])}" if ours is not None else "")
    return _short(frames[ours])


def _innermost(frames, wanted) -> int | None:
    return next((i for i in range(len(frames) - 1, -1, -1) if wanted(frames[i].filename)), None)


def _short(frame) -> str:
    return f"{Path(frame.filename).relative_to(ROOT)}:{frame.lineno} {frame.name}"


_VIEWFLOW = f"{os.sep}viewflow{os.sep}"


def print_counter(title: str, counter: Counter, *, limit: int = 25) -> None:
    print(f"  {title}:")
    for key, count in counter.most_common(limit):
        print(f"    {count:4d}  {key}")
