"""The eligibility engine at 100,000 people and 1,000,000 award-history rows.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua_bench \\
        .venv/bin/python -m bench.eligibility [--people 100000] [--records 1000000]
                                              [--dossiers 500] [--repeat 3] [--reuse]

Its own database (thidua_bench_eligibility), so that the other benchmarks keep their data.
People, award history, registrations, discipline and initiatives are written with COPY
(psycopg); units of 100 people under one district (1,000 of them); dossiers of the year 2020, 20
nominees each, drafted in the first units (titles, a collective, a form of commendation, and
names nobody bears), linked by `link_nominees` as drafting does. Then `evaluate_nominees` on
the first 1,000 nominees and on all of them, timed, its queries counted: the count must not
grow with the nominees. Goal: 10,000 nominees in at most 10 s.
"""

import argparse
import random
import statistics
import time
from collections import Counter

from bench.common import print_counter, query_kind, setup_django

GOAL_SECONDS = 10.0
PEOPLE_PER_UNIT = 100
YEAR = 2020
FIRST_YEAR = 2010
NOMINEES_PER_DOSSIER = 20
FAMILY = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Thu"]
GIVEN = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh",
    "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhung", "Phong", "Phúc",
    "Phương", "Quang", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Trang", "Trung", "Tuấn",
    "Tùng", "Vân", "Việt", "Vinh", "Yến",
]  # fmt: skip
# What each dossier proposes, in order: 20 nominees.
DOSSIER_MIX = (
    ["lao-dong-tien-tien"] * 12
    + ["chien-si-thi-dua-co-so"] * 3
    + ["chien-si-thi-dua-cap-tinh", "chien-si-thi-dua-toan-quoc", "bang-khen-tinh-ca-nhan"]
    + ["stranger", "collective"]
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--dossiers", type=int, default=500, help="20 nominees each")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each size")
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run")
    return parser.parse_args()


# --- data ---------------------------------------------------------------------------------------


def copy_rows(model, columns: list[str], rows) -> int:
    """COPY rows into the model's table; its other columns take their Python default."""
    from django.db import connection

    rest = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.attname not in columns
    ]
    constants = [field.get_db_prep_save(field.get_default(), connection) for field in rest]
    names = ", ".join(f'"{name}"' for name in [*columns, *(field.column for field in rest)])
    count = 0
    with connection.cursor() as cursor:
        statement = f'COPY "{model._meta.db_table}" ({names}) FROM STDIN'
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row((*row, *constants))
                count += 1
    return count


def generate(*, people: int, records: int, dossiers: int) -> None:
    from django.db import connection, transaction

    from nominations.eligibility import link_nominees
    from nominations.models import (
        AuthorityLevel,
        Award,
        AwardingAuthority,
        AwardRecord,
        DisciplineLevel,
        DisciplineRecord,
        Dossier,
        EmulationRegistration,
        Initiative,
        InitiativeLevel,
        Nominee,
        Person,
        RecipientKind,
        RecordSource,
        Unit,
        UnitKind,
    )
    from nominations.text import search_key

    rng = random.Random(2020)
    started = time.perf_counter()
    with transaction.atomic():
        district = Unit.objects.create(code="huyen", name="UBND huyện", kind=UnitKind.DISTRICT)
        secretariat = Unit.objects.create(
            code="noi-vu", name="Phòng Nội vụ", kind=UnitKind.DEPARTMENT, parent=district
        )
        authority = AwardingAuthority.objects.create(
            unit=district,
            name="UBND huyện",
            level=AuthorityLevel.DISTRICT,
            secretariat_unit=secretariat,
            place_name="Huyện",
        )
        units = Unit.objects.bulk_create(
            Unit(
                code=f"don-vi-{index}",
                name=f"Đơn vị số {index}",
                search_name=search_key(f"Đơn vị số {index}"),
                kind=UnitKind.DEPARTMENT,
                parent=district,
            )
            for index in range(max(1, people // PEOPLE_PER_UNIT))
        )

        def names():
            for index in range(people):
                name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                yield (name, search_key(name), units[index % len(units)].pk)

        copy_rows(Person, ["full_name", "search_name", "unit_id"], names())
        persons = list(Person.objects.order_by("pk").values_list("pk", "unit_id", "full_name"))
        elapsed = time.perf_counter() - started
        print(f"  {len(persons):,} people in {len(units):,} units ({elapsed:.1f} s)")

        award = dict(Award.objects.values_list("code", "pk"))

        def history():
            """About ten rows a person over 2010-2020, the last people without any."""
            written = 0
            for pk, _unit, _name in persons:
                for year in range(FIRST_YEAR, YEAR + 1):
                    for code, chance in (
                        ("lao-dong-tien-tien", 0.75),
                        ("chien-si-thi-dua-co-so", 0.12),
                        ("giay-khen-ca-nhan", 0.04),
                        ("chien-si-thi-dua-cap-tinh", 0.005),
                    ):
                        if written < records and rng.random() < chance:
                            written += 1
                            yield (pk, award[code], year, f"{year}/QĐ-UBND", RecordSource.IMPORT)

        count = copy_rows(
            AwardRecord,
            ["person_id", "award_id", "year", "decision_reference", "source"],
            history(),
        )
        print(f"  {count:,} award records ({time.perf_counter() - started:.1f} s)")

        def registrations():
            for year in (YEAR - 1, YEAR):
                for pk, unit_id, _name in persons:
                    if rng.random() < 0.9:
                        yield (unit_id, year, pk, f"{year}-01-15")
                for unit in units:
                    yield (unit.pk, year, None, f"{year}-01-15")

        count = copy_rows(
            EmulationRegistration,
            ["unit_id", "year", "person_id", "registered_on"],
            registrations(),
        )
        levels = DisciplineLevel.values
        discipline = copy_rows(
            DisciplineRecord,
            ["person_id", "year", "level"],
            ((pk, YEAR, rng.choice(levels)) for pk, _u, _n in persons if rng.random() < 0.01),
        )

        def initiatives():
            for pk, _unit, _name in persons:
                draw = rng.random()
                if draw < 0.002:
                    yield (pk, "Sáng kiến toàn quốc", InitiativeLevel.NATIONAL, YEAR - 1)
                elif draw < 0.02:
                    yield (pk, "Sáng kiến cấp tỉnh", InitiativeLevel.PROVINCE, YEAR - 2)
                elif draw < 0.12:
                    yield (pk, "Sáng kiến cơ sở", InitiativeLevel.BASE, YEAR)

        initiative_count = copy_rows(
            Initiative, ["person_id", "title", "level", "year"], initiatives()
        )
        print(
            f"  {count:,} registrations, {discipline:,} discipline records, "
            f"{initiative_count:,} initiatives ({time.perf_counter() - started:.1f} s)"
        )

        drafted = Dossier.objects.bulk_create(
            Dossier(
                authority=authority,
                unit=units[index],
                title=f"Đề nghị khen thưởng năm {YEAR}",
                commendation_type="regular",
                year=YEAR,
            )
            for index in range(min(dossiers, len(units)))
        )
        by_unit = {}
        for _pk, unit_id, name in persons:
            by_unit.setdefault(unit_id, []).append(name)
        nominees = []
        for dossier in drafted:
            staff = rng.sample(by_unit[dossier.unit_id], NOMINEES_PER_DOSSIER)
            for position, (code, name) in enumerate(zip(DOSSIER_MIX, staff, strict=True), 1):
                kind = RecipientKind.INDIVIDUAL
                if code == "collective":
                    code, name = "tap-the-lao-dong-tien-tien", dossier.unit.name
                    kind = RecipientKind.COLLECTIVE
                elif code == "stranger":
                    code, name = "lao-dong-tien-tien", f"Người ngoài {dossier.pk}"
                nominees.append(
                    Nominee(
                        dossier=dossier,
                        position=position,
                        recipient_kind=kind,
                        full_name=name,
                        search_name=search_key(name),
                        award_id=award[code],
                        achievement_summary="Hoàn thành xuất sắc nhiệm vụ.",
                    )
                )
        Nominee.objects.bulk_create(nominees, batch_size=5000)
        linking = time.perf_counter()
        linked = sum(link_nominees(dossier=dossier) for dossier in drafted)
        print(
            f"  {len(drafted):,} dossiers, {len(nominees):,} nominees, {linked:,} linked by "
            f"link_nominees in {time.perf_counter() - linking:.1f} s (the others: namesakes "
            "or nobody of that name)"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"generated in {time.perf_counter() - started:.1f} s")


def ensure(args) -> None:
    from nominations.models import Nominee, Person

    if args.reuse and Person.objects.count() == args.people and Nominee.objects.exists():
        print(f"reusing {args.people:,} people")
        return
    if Person.objects.exists():
        raise SystemExit("bench: the database holds other data; run without --reuse")
    generate(people=args.people, records=args.records, dossiers=args.dossiers)


# --- what is measured ---------------------------------------------------------------------------


def measure(dossier_count: int, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nominations.eligibility import Status, evaluate_nominees
    from nominations.models import Dossier, Nominee

    dossiers = Dossier.objects.order_by("pk").values("pk")[:dossier_count]
    nominees = Nominee.objects.filter(dossier__in=dossiers)
    seconds = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            evaluation = evaluate_nominees(nominees, YEAR)
            seconds.append(time.perf_counter() - start)
    queries = captured.captured_queries
    statuses = [f.status for result in evaluation.nominees.values() for f in result.findings]
    statuses += [f.status for findings in evaluation.units.values() for f in findings]
    return {
        "nominees": len(evaluation.nominees),
        "p50": statistics.median(seconds),
        "min": min(seconds),
        "queries": len(queries),
        "sql": sum(float(query["time"]) for query in queries),
        "kinds": Counter(query_kind(query["sql"]) for query in queries),
        "findings": {str(status.label): statuses.count(status) for status in Status},
        "units": len(evaluation.units),
    }


def main() -> None:
    args = parse_args()
    setup_django(reuse=args.reuse, suffix="_eligibility")
    ensure(args)
    print(f"\nevaluate_nominees(…, {YEAR}): {args.repeat} runs each")
    print(f"  {'nominees':>9s} {'p50 s':>7s} {'min s':>7s} {'SQL s':>7s} {'queries':>8s}  findings")
    results = []
    for count in sorted({min(50, args.dossiers), args.dossiers}):
        result = measure(count, args.repeat)
        results.append(result)
        print(
            f"  {result['nominees']:>9,} {result['p50']:>7.2f} {result['min']:>7.2f} "
            f"{result['sql']:>7.2f} {result['queries']:>8d}  {result['findings']} "
            f"(+ quotas of {result['units']} units)"
        )
    print_counter("queries of the largest run", results[-1]["kinds"])
    largest = results[-1]
    same = len({result["queries"] for result in results}) == 1
    ok = largest["p50"] <= GOAL_SECONDS and same
    print(
        f"\ngoal: {largest['nominees']:,} nominees in ≤ {GOAL_SECONDS:.0f} s with a query count "
        f"that does not grow: {largest['p50']:.2f} s, queries "
        f"{' = '.join(str(result['queries']) for result in results)} → "
        f"{'met' if ok else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
