"""Our inbox page beside viewflow's stock queue, at 100,000 processes over 500 units.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua_bench \\
        .venv/bin/python -m bench.inbox [--processes 100000] [--units 500] [--quick]
                                        [--repeat 30] [--reuse] [--explain]

Its own database (thidua_bench_inbox), so that bench.transitions does not drop its data.
Data are written with bulk_create (bench/inbox_data.py): units under five district
authorities, a clerk and a head per unit, an officer, a council member and a head per
authority, and per dossier its process and its task history as NominationFlow leaves it.
Then for a unit clerk, a secretariat officer and a council member:
- ours: GET /inbox/ through the test client (the whole page: session, menu counts, template);
- ours, querysets only: the two lists' counts and first pages, as the view evaluates them;
- stock: what viewflow's FlowQueueListView evaluates for the same user (user_queue, the
  filter's step choices, count, first page of 25 with title and brief), without rendering;
- stock + options: the same plus the queryset of its process filter's <select> options.
"""

import argparse
import time

from bench.common import QueryLog, fresh, setup_django, summary_ms

GOAL_RATIO = 0.5
GOAL_QUERIES = 12
PAGE = 25
PERSONAS = ("clerk", "officer", "member")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="5,000 processes")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each measure")
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the lists")
    args = parser.parse_args()
    if args.quick:
        args.processes = 5_000
    return args


# --- what is measured -----------------------------------------------------------------------


def our_page(client) -> int:
    response = client.get("/inbox/")
    assert response.status_code == 200, response.status_code
    return len(response.content)


def our_querysets(user) -> int:
    """The inbox view's two lists, evaluated as the page does (count, then the rows shown)."""
    from django.core.paginator import Paginator

    from workflows.selectors import held_tasks, takeable_tasks

    user = fresh(user)
    cells = []
    for queryset in (held_tasks(user), takeable_tasks(user)):
        page = Paginator(queryset, PAGE).get_page(1)
        for task in page.object_list:
            dossier = task.process.dossier
            cells += [dossier.title, dossier.unit.name, task.flow_task.task_title, task.created]
        cells.append(page.paginator.count)
    return len(cells)


def stock_queryset(user):
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from workflows.flows import NominationFlow

    return (
        Task.objects.all()
        .select_related("process")
        .user_queue(user, flow_class=NominationFlow)
        .filter(status=STATUS.NEW)
        .order_by("-created")
    )


def stock_queue(user, *, with_options=False) -> int:
    """FlowQueueListView's evaluation: queryset, filter choices, count, first page's cells."""
    from django.core.paginator import Paginator
    from viewflow.workflow.flow.views.filters import get_queryset_flow_task_choices
    from viewflow.workflow.models import Process

    user = fresh(user)
    queryset = stock_queryset(user)
    get_queryset_flow_task_choices(queryset)  # FlowUserTaskListFilter.__init__
    if with_options:  # the process filter's ModelChoiceFilter, rendered as a <select>
        len(list(Process.objects.filter(pk__in=queryset.values("process"))))
    page = Paginator(queryset, PAGE).get_page(1)
    cells = [(t.process_id, t.pk, t.title, t.brief, t.created) for t in page.object_list]
    return page.paginator.count + len(cells)


def measure(runs: dict, repeat: int) -> dict:
    """Warm up, time `repeat` rounds (one run of each measure per round, so that load from
    elsewhere hits all alike), then count one run's queries of each."""
    seconds = {label: [] for label in runs}
    for round_ in range(3 + repeat):
        for label, run in runs.items():
            start = time.perf_counter()
            run()
            if round_ >= 3:
                seconds[label].append(time.perf_counter() - start)
    figures = {}
    for label, run in runs.items():
        with QueryLog().capture() as log:
            run()
        figures[label] = {**summary_ms(seconds[label]), "queries": len(log), "log": log}
    return figures


def measure_persona(user, repeat: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(user)
    runs = {
        "ours (page)": lambda: our_page(client),
        "ours (querysets)": lambda: our_querysets(user),
        "stock queue": lambda: stock_queue(user),
        "stock + options": lambda: stock_queue(user, with_options=True),
    }
    return measure(runs, repeat)


# --- reporting ------------------------------------------------------------------------------


def report_persona(name: str, user, figures: dict) -> None:
    from workflows.selectors import held_tasks, takeable_tasks

    user = fresh(user)
    sizes = (
        f"held {held_tasks(user).count()}, takeable {takeable_tasks(user).count()}, "
        f"stock queue {stock_queryset(fresh(user)).count()}"
    )
    print(f"\n{name} ({user.username}): {sizes}")
    print(f"  {'measure':18s} {'p50 ms':>8s} {'p95 ms':>8s} {'min ms':>8s} {'queries':>8s}")
    for label, row in figures.items():
        print(
            f"  {label:18s} {row['p50']:8.1f} {row['p95']:8.1f} {row['min']:8.1f} "
            f"{row['queries']:8d}"
        )
    page, stock = figures["ours (page)"], figures["stock queue"]
    ratio = page["p50"] / stock["p50"]
    like = figures["ours (querysets)"]["p50"] / stock["p50"]
    print(
        f"  p50 ours page / stock: {ratio:.2f} (goal ≤ {GOAL_RATIO}: "
        f"{'met' if ratio <= GOAL_RATIO else 'MISSED'}); querysets / stock: {like:.2f}; "
        f"page queries {page['queries']} (goal ≤ {GOAL_QUERIES}: "
        f"{'met' if page['queries'] <= GOAL_QUERIES else 'MISSED'})"
    )
    print("  queries of one page:", dict(page["log"].by_kind()))


def explain(figures: dict) -> None:
    """EXPLAIN ANALYZE of the task queries our page and the stock queue ran (as captured)."""
    from django.db import connection

    for label in ("ours (page)", "stock queue"):
        statements = dict.fromkeys(figures[label]["log"].statements)  # in order, once each
        for statement in statements:
            if '"viewflow_task"' not in statement:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            shown = "SELECT …" + statement[statement.find(" FROM ") :]
            print(f"\nEXPLAIN ANALYZE, {label}:\n{shown}\n{plan}")


def main() -> None:
    args = parse_args()
    setup_django(reuse=args.reuse, suffix="_inbox")
    from bench import inbox_data

    personas = inbox_data.ensure(processes=args.processes, units=args.units, reuse=args.reuse)
    for name in PERSONAS:
        figures = measure_persona(personas[name], args.repeat)
        report_persona(name, personas[name], figures)
        if args.explain and name == "officer":
            explain(figures)


if __name__ == "__main__":
    main()
