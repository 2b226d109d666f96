"""A movement's dashboard at province size: 100 units × 50 targets × 24 reports each.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua_bench \\
        .venv/bin/python -m bench.movement [--units 100] [--targets 50] [--reports 24]
                                           [--repeat 20] [--reuse]

Its own database (thidua_bench_movement). Data are written with bulk_create: a province with
its secretariat, `--units` units taking part, a movement of `--targets` targets over ten tasks
(a lead unit each, every unit coordinating; one target in four to be reached by each unit),
three milestones, plans from four units in five (one in four of them late), and for every
(target, unit) `--reports` monthly reports, the last of every tenth pair a correction of the
one before. Then, for a clerk of a participating unit (the worst path: the participation check
runs), it times GET /movements/<code>/ through django.test.Client (p50 over --repeat GETs after
three warm-ups), counts its queries, and times the evaluation alone and the XLSX export.
The statuses are judged on 30/09/2020 (dashboard.today is set to it), inside the movement.
"""

import argparse
import time
from datetime import date
from decimal import Decimal

from bench.common import QueryLog, setup_django, stopwatch, summary_ms

GOAL_MS = 1000
AS_OF = date(2020, 9, 30)
CODE = "bench-province-movement"
BATCH = 5000
TASKS = 10


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--targets", type=int, default=50)
    parser.add_argument("--reports", type=int, default=24, help="per target and unit")
    parser.add_argument("--repeat", type=int, default=20, help="timed GETs of the page")
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run")
    return parser.parse_args()


# --- the data -------------------------------------------------------------------------------


def generate(*, units: int, targets: int, reports: int) -> None:
    from django.db import transaction

    from emulation.models import (
        Direction,
        ImplementationPlan,
        Measure,
        Milestone,
        MilestoneKind,
        Movement,
        MovementStatus,
        MovementTask,
        ProgressReport,
        Target,
        TargetScope,
    )
    from nominations.models import AuthorityLevel, AwardingAuthority, Unit, UnitKind

    started = time.perf_counter()
    with transaction.atomic():
        province = Unit.objects.create(
            code="bench-tinh", name="Ủy ban nhân dân tỉnh", kind=UnitKind.PROVINCE
        )
        board = Unit.objects.create(
            code="bench-ban-tdkt", name="Ban Thi đua - Khen thưởng tỉnh", parent=province
        )
        authority = AwardingAuthority.objects.create(
            unit=province,
            name=province.name,
            level=AuthorityLevel.PROVINCE,
            secretariat_unit=board,
            place_name="Hà Tĩnh",
        )
        members = Unit.objects.bulk_create(
            Unit(
                code=f"bench-unit-{i:03d}",
                name=f"Ủy ban nhân dân xã Thử Nghiệm {i:03d}",
                kind=UnitKind.COMMUNE if i % 3 else UnitKind.DEPARTMENT,
                parent=province,
            )
            for i in range(units)
        )
        movement = Movement.objects.create(
            authority=authority,
            code=CODE,
            title="Phong trào thi đua “Cả tỉnh chung sức xây dựng nông thôn mới” 2019–2020",
            legal_basis="Kế hoạch thử nghiệm hiệu năng",
            starts_on=date(2019, 1, 1),
            ends_on=date(2020, 12, 31),
            status=MovementStatus.LAUNCHED,
        )
        movement.participants.set(members)
        Milestone.objects.bulk_create(
            [
                Milestone(
                    movement=movement,
                    kind=MilestoneKind.PLANS_DUE,
                    title="Kế hoạch triển khai",
                    due_on=date(2019, 2, 28),
                ),
                Milestone(
                    movement=movement,
                    kind=MilestoneKind.INTERIM_REVIEW,
                    title="Sơ kết",
                    due_on=date(2019, 12, 31),
                ),
                Milestone(
                    movement=movement,
                    kind=MilestoneKind.FINAL_REVIEW,
                    title="Tổng kết",
                    due_on=date(2020, 12, 31),
                ),
            ]
        )
        ImplementationPlan.objects.bulk_create(
            ImplementationPlan(
                movement=movement,
                unit=unit,
                reference=f"{i}/KH",
                filed_on=date(2019, 3 if i % 4 == 0 else 2, 15),
            )
            for i, unit in enumerate(members)
            if i % 5
        )
        tasks = MovementTask.objects.bulk_create(
            MovementTask(movement=movement, number=n + 1, title=f"Nhiệm vụ thử số {n + 1}")
            for n in range(TASKS)
        )
        lead_through = MovementTask.lead_units.through
        lead_through.objects.bulk_create(
            lead_through(movementtask_id=task.pk, unit_id=members[n % units].pk)
            for n, task in enumerate(tasks)
        )
        coord_through = MovementTask.coordinating_units.through
        coord_through.objects.bulk_create(
            (
                coord_through(movementtask_id=task.pk, unit_id=unit.pk)
                for n, task in enumerate(tasks)
                for unit in members
                if unit.pk != members[n % units].pk
            ),
            batch_size=BATCH,
        )
        measures = [Measure.COUNT, Measure.KILOMETRES, Measure.PERCENT, Measure.CRITERIA]
        created = Target.objects.bulk_create(
            Target(
                task=tasks[i % TASKS],
                code=f"chi-tieu-{i:02d}",
                description=f"Chỉ tiêu thử số {i:02d}",
                measure=measures[i % 4],
                unit_label=["sản phẩm", "km", "%", "tiêu chí"][i % 4],
                direction=Direction.LESS_THAN if i % 7 == 6 else Direction.AT_LEAST,
                value=Decimal(["1200", "1000", "4.5", "19"][i % 4]),
                scope=TargetScope.EACH_UNIT if i % 4 == 3 else TargetScope.WHOLE,
                deadline=date(2020, 6, 30) if i % 5 == 0 else date(2020, 12, 31),
            )
            for i in range(targets)
        )
        scope_through = Target.scope_units.through
        scope_through.objects.bulk_create(
            (
                scope_through(target_id=target.pk, unit_id=unit.pk)
                for target in created
                if target.scope == TargetScope.EACH_UNIT
                for unit in members
            ),
            batch_size=BATCH,
        )

    # Month ends up to AS_OF: October 2018 to September 2020 for 24 reports.
    first = AS_OF.year * 12 + AS_OF.month - reports
    months = [((first + m) // 12, (first + m) % 12 + 1) for m in range(reports)]
    rows = []
    last = {}
    total = 0
    for t, target in enumerate(created):
        for u, unit in enumerate(members):
            for m, (year, month) in enumerate(months):
                value = Decimal((t + u + m) % 23) / (4 if target.measure == Measure.PERCENT else 1)
                rows.append(
                    ProgressReport(
                        target=target, unit=unit, value=value, as_of=date(year, month, 28)
                    )
                )
                if m == len(months) - 1 and (t * units + u) % 10 == 0:
                    last[len(rows) - 1] = rows[-1]
            if len(rows) >= BATCH:
                total += _flush(rows, last)
    total += _flush(rows, last)
    print(
        f"generated {units} units, {targets} targets, {total:,} reports "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _flush(rows, last) -> int:
    """Write the reports; the last of every tenth pair is then corrected by a new report."""
    from emulation.models import ProgressReport

    ProgressReport.objects.bulk_create(rows, batch_size=BATCH)
    corrections = [
        ProgressReport(
            target_id=r.target_id,
            unit_id=r.unit_id,
            value=r.value + 1,
            as_of=r.as_of,
            supersedes_id=r.pk,
            note="Sửa số liệu",
        )
        for r in last.values()
    ]
    ProgressReport.objects.bulk_create(corrections, batch_size=BATCH)
    count = len(rows) + len(corrections)
    rows.clear()
    last.clear()
    return count


def ensure(args) -> None:
    from emulation.models import Movement, ProgressReport

    movement = Movement.objects.filter(code=CODE).first()
    if args.reuse and movement is not None:
        print(f"reusing {ProgressReport.objects.count():,} reports")
        return
    if movement is not None:
        raise SystemExit("bench: the movement is already there; run without --reuse to recreate")
    generate(units=args.units, targets=args.targets, reports=args.reports)


def people():
    from django.contrib.auth import get_user_model

    from nominations import services
    from nominations.models import Unit
    from nominations.roles import Role

    User = get_user_model()
    clerk, _ = User.objects.get_or_create(username="bench-clerk")
    officer, _ = User.objects.get_or_create(username="bench-officer")
    if not clerk.memberships.exists():
        unit = Unit.objects.get(code="bench-unit-001")
        services.membership_grant(actor=None, user=clerk, unit=unit, role=Role.UNIT_CLERK)
        board = Unit.objects.get(code="bench-ban-tdkt")
        services.membership_grant(
            actor=None, user=officer, unit=board, role=Role.SECRETARIAT_OFFICER
        )
    return clerk, officer


# --- what is measured -----------------------------------------------------------------------


def timed(run, repeat: int) -> list[float]:
    for _ in range(3):
        run()
    seconds = []
    for _ in range(repeat):
        with stopwatch() as box:
            run()
        seconds.append(box["seconds"])
    return seconds


def main() -> None:
    args = parse_args()
    setup_django(reuse=args.reuse, suffix="_movement")
    from django.test import Client

    from emulation import dashboard
    from emulation.models import Movement, ProgressReport
    from emulation.selectors import movement_evaluation

    ensure(args)
    dashboard.today = lambda: AS_OF
    clerk, officer = people()
    movement = Movement.objects.get(code=CODE)
    url = f"/movements/{CODE}/"

    print(f"{ProgressReport.objects.filter(target__task__movement=movement).count():,} reports")
    results = {}
    for name, user in (("participant clerk", clerk), ("secretariat officer", officer)):
        client = Client()
        client.force_login(user)
        sizes = []

        def page(client=client, sizes=sizes):
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            sizes.append(len(response.content))

        seconds = timed(page, args.repeat)
        with QueryLog().capture() as log:
            page()
        results[name] = {**summary_ms(seconds), "queries": len(log), "bytes": sizes[-1]}
        if name == "participant clerk":
            kinds = dict(log.by_kind())

    evaluation = summary_ms(timed(lambda: movement_evaluation(movement, AS_OF), 5))
    client = Client()
    client.force_login(clerk)
    export = summary_ms(timed(lambda: client.get(url + "export.xlsx").content, 5))

    print(f"\n{'measure':34s} {'p50 ms':>8s} {'p95 ms':>8s} {'min ms':>8s} {'queries':>8s}")
    for name, row in results.items():
        print(
            f"{'page, ' + name:34s} {row['p50']:8.1f} {row['p95']:8.1f} {row['min']:8.1f} "
            f"{row['queries']:8d}   ({row['bytes'] / 1024:.0f} KiB of HTML)"
        )
    print(
        f"{'movement_evaluation alone':34s} {evaluation['p50']:8.1f} {evaluation['p95']:8.1f} "
        f"{evaluation['min']:8.1f}"
    )
    print(f"{'export.xlsx':34s} {export['p50']:8.1f} {export['p95']:8.1f} {export['min']:8.1f}")
    page = results["participant clerk"]
    print(
        f"\npage p50 {page['p50']:.0f} ms (goal ≤ {GOAL_MS} ms: "
        f"{'met' if page['p50'] <= GOAL_MS else 'MISSED'}); {page['queries']} queries"
    )
    print("queries of one page:", kinds)


if __name__ == "__main__":
    main()
