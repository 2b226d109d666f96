"""What both benchmarks share: a dedicated PostgreSQL database, Django set-up, figures."""

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
    call_command("load_award_catalogue", verbosity=0)


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


_TABLE = re.compile(r'^(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.*?\bFROM\s+"(\w+)"|^(INSERT INTO|UPDATE)\s+"(\w+)"', re.S)


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
    """Every query run inside it, with the innermost project (or viewflow) frame that ran it."""

    def __init__(self):
        self.queries: list[tuple[str, str]] = []

    def __call__(self, execute, sql_text, params, many, context):
        self.queries.append((sql_text, _call_site()))
        return execute(sql_text, params, many, context)

    @contextmanager
    def capture(self):
        from django.db import connection

        with connection.execute_wrapper(self):
            yield self

    def by_kind(self) -> Counter:
        return Counter(query_kind(sql_text) for sql_text, _ in self.queries)

    def by_site(self) -> Counter:
        return Counter(site for _, site in self.queries)


def _call_site() -> str:
    frames = traceback.extract_stack()[:-2]
    for frame in reversed(frames):
        if frame.filename.startswith(PROJECT_DIRS):
            return f"{Path(frame.filename).relative_to(ROOT)}:{frame.lineno} {frame.name}"
    for frame in reversed(frames):
        if f"{os.sep}viewflow{os.sep}" in frame.filename:
            return f"viewflow/{frame.filename.split(os.sep + 'viewflow' + os.sep, 1)[1]}:{frame.lineno} {frame.name}"
    return "elsewhere"


def print_counter(title: str, counter: Counter, *, limit: int = 25) -> None:
    print(f"  {title}:")
    for key, count in counter.most_common(limit):
        print(f"    {count:4d}  {key}")
