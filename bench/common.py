"""What both benchmarks share: a dedicated PostgreSQL database, Django set-up, figures."""

import io
import os
import re
import statistics
import sys
import time
import traceback
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIRS = tuple(str(ROOT / name) + os.sep for name in ("nominations", "workflows", "bench"))
USAGE_URL = "postgresql://postgres@127.0.0.1:5432/thidua_bench"


def setup_django(*, reuse: bool) -> None:
    """Point Django at the bench settings, (re)create the bench database, migrate it."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        sys.exit(
            "bench: refusing to run on SQLite (or any database but PostgreSQL): the figures "
            f"would mean nothing. Run with DATABASE_URL={USAGE_URL}"
        )
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
    if not name.endswith("_bench"):  # bench.settings guarantees it; never drop anything else
        sys.exit(f"bench: database {name!r} does not end in _bench; refusing to touch it")
    params = {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and recreate:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    print(f"database {name} on {params['host'] or 'local socket'}: {'reused' if not recreate else 'recreated'}")


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
