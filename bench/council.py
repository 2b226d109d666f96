"""A district council's session at full size: 30 members × 500 nominees.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua_bench \\
        .venv/bin/python -m bench.council [--units 100] [--nominees 5] [--members 30]
                                          [--repeat 10] [--reuse] [--profile]

Goals (the issue): each member's ballot submission ≤ 1 s of server time; the tally (close
and count) ≤ 1 s; the ballot page of 500 nominees ≤ 1 s with a fixed number of queries.

Its own database (thidua_bench_council; DATABASE_URL may also name it directly). Everything
goes through the real services and flows: a province authority above a district one (with
its secretariat and its council of `--members` seats appointed by `council_member_appoint`;
20 of the seats are heads of proposing units, so the ballot opening finds real recusals),
`--units` proposing units under the district, each with a clerk and a head, and one dossier
of `--nominees` nominees per unit (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Chiến sĩ thi
đua cấp tỉnh), created and started as tests/factories.create_dossier does, its sample
documents attached (nominations.documents.samples), then prepare → head_review →
secretariat_check as workflows/demo.py `_step` does (open_step, acting_on, the service,
execute). Ten more dossiers make a 50-nominee session, to show the ballot page's query count
does not grow with the agenda.

Then, with the sessions held in December 2020 (the NĐ 91 council procedure of the loaded
catalogue), workflows.council_script starts each session with its dossiers on the agenda and
opens the ballot to every member, and it measures:

1. GET council_ballot through django.test.Client (force_login) for a member: p50/p95 over
   `--repeat` GETs after three warm-ups, and the queries of one, at 500 and at 50 nominees;
2. every member's submission, `council_script.cast` (acting_on + voting.ballot_submit +
   activation.execute), each call timed: p50/p95/max, and its queries;
3. the close_ballot step (voting.council_session_close_ballot: open the box, count), timed
   with its queries; the minutes (results.council_minutes_generate: PDF and DOCX of 500
   lines, a worker's job) timed apart; the sign_minutes step timed with its queries.

Attachments and minutes go to a temporary folder removed at the end.
"""

import argparse
import cProfile
import datetime
import io
import os
import platform
import pstats
import shutil
import statistics
import tempfile
import time
from collections import Counter

from bench.common import QueryLog, fresh, percentile, print_counter, setup_django, stopwatch

GOAL_S = 1.0
SUFFIX = "_council"
BIG_HELD_ON = datetime.date(2020, 12, 15)
SMALL_HELD_ON = datetime.date(2020, 12, 10)
TERM_FROM = datetime.date(2020, 1, 1)
HEADS_ON_COUNCIL = 20  # seats held by heads of proposing units (recused on their own unit)
SMALL_DOSSIERS = 10

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Xuân", "Thu", "Hữu", "Quang", "Ngọc", "Thanh"]
GIVEN = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Khánh",
    "Lan", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo",
    "Thủy", "Trung", "Tuấn", "Vân", "Việt", "Yến",
]  # fmt: skip
UNIT_KINDS = [
    ("commune", "Ủy ban nhân dân xã Kỳ Thử {n}"),
    ("school", "Trường Tiểu học Kỳ Thử {n}"),
    ("department", "Phòng chuyên môn số {n}"),
    ("public_service", "Trung tâm dịch vụ công số {n}"),
]
# Per dossier: three Lao động tiên tiến, one Chiến sĩ thi đua cơ sở, and the fifth a
# provincial Chiến sĩ thi đua (proposed upwards) in every other dossier.
AWARDS = ["lao-dong-tien-tien", "chien-si-thi-dua-co-so", "chien-si-thi-dua-cap-tinh"]
ACHIEVEMENT = "Hoàn thành xuất sắc nhiệm vụ năm 2020; tích cực tham gia phong trào thi đua."


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100, help="dossiers of the big session")
    parser.add_argument("--nominees", type=int, default=5, help="nominees per dossier")
    parser.add_argument("--members", type=int, default=30, help="seats on the council")
    parser.add_argument("--repeat", type=int, default=10, help="timed GETs of the ballot page")
    parser.add_argument("--reuse", action="store_true", help="keep the bench database")
    parser.add_argument("--profile", action="store_true", help="cProfile each measured step")
    return parser.parse_args()


def database_suffix() -> str:
    """thidua_bench → thidua_bench_council; DATABASE_URL=.../thidua_bench_council is kept."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["NAME"].endswith(SUFFIX + "_bench"):  # bench.settings appended _bench to it
        db["NAME"] = db["NAME"].removesuffix("_bench")
    return "" if db["NAME"].endswith(SUFFIX) else SUFFIX


# --- the world ------------------------------------------------------------------------------


def person_name(n: int) -> str:
    return f"{FAMILY[n % 12]} {MIDDLE[(n // 12) % 10]} {GIVEN[(n // 120 + n * 7) % len(GIVEN)]}"


def user(username: str, n: int):
    from django.contrib.auth import get_user_model

    family_and_middle, _, given = person_name(n).rpartition(" ")
    return get_user_model().objects.update_or_create(
        username=username,
        defaults={
            "first_name": family_and_middle,
            "last_name": given,
            "email": f"{username}@example.invalid",
        },
    )[0]


def build_world(*, units: int, members: int) -> dict:
    """Province and district authorities, the council and its seats, the proposing units
    with a clerk and a head each (idempotent: a reused database keeps them)."""
    from nominations import services
    from nominations.council.services import council_member_appoint
    from nominations.models import (
        AuthorityLevel,
        AwardingAuthority,
        Council,
        CouncilMember,
        CouncilPosition,
        Unit,
        UnitKind,
    )
    from nominations.roles import Role

    def unit(code, name, kind, parent=None):
        return Unit.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": parent}
        )[0]

    def grant(person, where, role):
        services.membership_grant(actor=None, user=person, unit=where, role=role)

    province = unit("bench-tinh", "Ủy ban nhân dân tỉnh Thử Nghiệm", UnitKind.PROVINCE)
    board = unit("bench-ban-tdkt", "Ban Thi đua - Khen thưởng tỉnh", UnitKind.AGENCY, province)
    province_authority = AwardingAuthority.objects.update_or_create(
        unit=province,
        defaults={
            "name": province.name,
            "level": AuthorityLevel.PROVINCE,
            "secretariat_unit": board,
            "place_name": "Thử Nghiệm",
        },
    )[0]
    district = unit("bench-huyen", "Ủy ban nhân dân huyện Kỳ Thử", UnitKind.DISTRICT, province)
    secretariat = unit("bench-noi-vu", "Phòng Nội vụ huyện Kỳ Thử", UnitKind.DEPARTMENT, district)
    authority = AwardingAuthority.objects.update_or_create(
        unit=district,
        defaults={
            "name": district.name,
            "level": AuthorityLevel.DISTRICT,
            "parent": province_authority,
            "secretariat_unit": secretariat,
            "place_name": "Kỳ Thử",
        },
    )[0]
    council = Council.objects.update_or_create(
        authority=authority, defaults={"name": "Hội đồng Thi đua - Khen thưởng huyện Kỳ Thử"}
    )[0]

    proposing = []
    for i in range(units + SMALL_DOSSIERS):
        kind, name = UNIT_KINDS[i % len(UNIT_KINDS)]
        proposing.append(unit(f"bench-dv-{i:03d}", name.format(n=f"{i:03d}"), kind, district))

    officer = user("bench-officer", 1)
    grant(officer, secretariat, Role.SECRETARIAT_OFFICER)
    chair = user("bench-chair", 2)
    for role in (Role.AUTHORITY_HEAD, Role.COUNCIL_CHAIR):
        grant(chair, district, role)
    clerks, heads = [], []
    for i, where in enumerate(proposing):
        clerks.append(user(f"bench-clerk-{i:03d}", 1000 + i))
        grant(clerks[-1], where, Role.UNIT_CLERK)
        heads.append(user(f"bench-head-{i:03d}", 2000 + i))
        grant(heads[-1], where, Role.UNIT_HEAD)

    # The seats: the chair, the secretariat officer as secretary, heads of the first units,
    # and members from the mass organisations.
    seats = [(chair, CouncilPosition.CHAIR, "Chủ tịch UBND huyện")]
    seats.append((officer, CouncilPosition.SECRETARY, "Chuyên viên Phòng Nội vụ"))
    for i in range(min(HEADS_ON_COUNCIL, members - 2, len(heads))):
        seats.append((heads[i], CouncilPosition.MEMBER, f"Thủ trưởng {proposing[i].name}"))
    for n in range(members - len(seats)):
        seats.append(
            (user(f"bench-member-{n:02d}", 3000 + n), CouncilPosition.MEMBER, "Chủ tịch Hội")
        )
    seated = set(CouncilMember.objects.filter(council=council).values_list("user_id", flat=True))
    for person, position, title in seats:
        if person.pk not in seated:
            council_member_appoint(
                actor=None,
                council=council,
                user=person,
                position=position,
                title=title,
                valid_from=TERM_FROM,
            )
    return {
        "authority": authority,
        "council": council,
        "units": proposing,
        "clerks": clerks,
        "heads": heads,
        "officer": officer,
        "chair": chair,
    }


def nominee_inputs(dossier_index: int, per_dossier: int, awards: dict):
    from nominations.services import NomineeInput

    inputs = []
    for j in range(per_dossier):
        if j == per_dossier - 1 and dossier_index % 2 == 0:
            code = AWARDS[2]
        elif j == 3:
            code = AWARDS[1]
        else:
            code = AWARDS[0]
        inputs.append(
            NomineeInput(
                "individual",
                person_name(10_000 + dossier_index * per_dossier + j),
                awards[code],
                ACHIEVEMENT,
                job_title="Chuyên viên",
            )
        )
    return inputs


class Prep:
    """Time spent bringing the dossiers to the council, by phase."""

    phases = Counter()


def dossier_awaiting_council(world, i: int, per_dossier: int, awards: dict):
    """Create and start the dossier, attach its documents, then prepare → head_review →
    secretariat_check, each step as workflows/demo.py `_step` does it."""
    from django.db import transaction

    from nominations import services
    from nominations.documents.samples import attach_sample_documents
    from nominations.models import CommendationType
    from workflows.engine import acting_on, open_step
    from workflows.flows import NominationFlow

    clerk, head, officer = world["clerks"][i], world["heads"][i], world["officer"]
    started = time.perf_counter()
    with transaction.atomic():
        dossier = services.dossier_create(
            actor=fresh(clerk),
            authority=world["authority"],
            unit=world["units"][i],
            title="Đề nghị khen thưởng tổng kết phong trào thi đua năm 2020",
            commendation_type=CommendationType.REGULAR,
            year=2020,
            nominees=nominee_inputs(i, per_dossier, awards),
        )
        NominationFlow.start.run(dossier=dossier)
    dossier.refresh_from_db()
    Prep.phases["create + start"] += time.perf_counter() - started

    started = time.perf_counter()
    attach_sample_documents(actor=fresh(clerk), dossier=dossier)
    Prep.phases["attach documents"] += time.perf_counter() - started

    for name, actor, service in (
        ("prepare", clerk, services.dossier_send_to_head),
        ("head_review", head, services.dossier_head_approve),
        ("secretariat_check", officer, services.dossier_accept),
    ):
        started = time.perf_counter()
        actor = fresh(actor)
        task = open_step(dossier, name)
        with acting_on(task, actor) as activation:
            service(actor=actor, dossier=dossier)
            activation.execute()
        dossier.refresh_from_db()
        Prep.phases[name] += time.perf_counter() - started
    return dossier


def prepare_dossiers(world, *, units: int, per_dossier: int):
    from nominations.models import Award, DossierStatus

    awards = {a.code: a for a in Award.objects.filter(code__in=AWARDS)}
    started = time.perf_counter()
    dossiers = [
        dossier_awaiting_council(world, i, per_dossier, awards)
        for i in range(units + SMALL_DOSSIERS)
    ]
    seconds = time.perf_counter() - started
    assert all(d.status == DossierStatus.AWAITING_COUNCIL for d in dossiers)
    count = len(dossiers)
    print(
        f"brought {count} dossiers ({count * per_dossier} nominees) to the council through "
        f"the services and NominationFlow in {seconds:.1f} s ({seconds / count * 1000:.0f} ms "
        "a dossier):"
    )
    for phase, spent in Prep.phases.items():
        print(f"    {phase:20s} {spent:6.1f} s  ({spent / count * 1000:5.0f} ms a dossier)")
    return dossiers[:units], dossiers[units:]


# --- measuring ------------------------------------------------------------------------------


def stats(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "p50": statistics.median(ms),
        "p95": percentile(ms, 95),
        "max": max(ms),
        "min": min(ms),
    }


def open_session(world, dossiers, *, held_on, title):
    """start_session (agenda set, council convened) and open_ballot with everyone present."""
    from nominations.models import CouncilMember
    from workflows import council_script

    officer = world["officer"]
    with stopwatch() as started:
        session = council_script.start_session(
            officer=fresh(officer),
            council=world["council"],
            title=title,
            held_on=held_on,
            dossiers=dossiers,
        )
    members = list(
        CouncilMember.objects.active(held_on)
        .filter(council=world["council"])
        .select_related("user")
        .order_by("pk")
    )
    with stopwatch() as opened:
        council_script.open_ballot(session, officer=fresh(officer), present=members)
    session.refresh_from_db()
    print(
        f"session {session.pk}: {session.items.count()} nominees on the agenda; "
        f"start_session {started['seconds'] * 1000:.0f} ms, open_ballot "
        f"{opened['seconds'] * 1000:.0f} ms ({len(members)} present, "
        f"{session.items.filter(recusals__isnull=False).count()} recusals found)"
    )
    return session, members


def ballot_page(session, member, repeat: int) -> dict:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(member.user)
    url = reverse("council_ballot", args=[session.pk])
    sizes = []

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        sizes.append(len(response.content))

    for _ in range(3):
        get()
    seconds = []
    for _ in range(repeat):
        with stopwatch() as box:
            get()
        seconds.append(box["seconds"])
    with QueryLog().capture() as log:
        get()
    return {**stats(seconds), "queries": len(log), "bytes": sizes[-1], "log": log, "get": get}


def cast_all(session, members) -> dict:
    """Every member's ballot through council_script.cast, each call timed and counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workflows import council_script

    seconds, counts, middle = [], [], None
    for index, member in enumerate(members):
        fresh(member.user)
        with CaptureQueriesContext(connection) as captured, stopwatch() as box:
            council_script.cast(session, member)
        seconds.append(box["seconds"])
        counts.append(len(captured.captured_queries))
        if index == len(members) // 2:
            middle = [q["sql"] for q in captured.captured_queries]
    return {**stats(seconds), "counts": counts, "middle": middle, "seconds": seconds}


class SqlTimer:
    """Wall time spent inside the queries (round trips included), as an execute wrapper."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql_text, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def timed_step(run) -> dict:
    """One call, timed, then its queries (from the same call: the steps run once)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    log, sql = QueryLog(), SqlTimer()
    cpu = time.process_time()
    with (
        CaptureQueriesContext(connection) as captured,
        connection.execute_wrapper(sql),
        stopwatch() as box,
    ):
        run()
    cpu = time.process_time() - cpu
    log.statements = [q["sql"] for q in captured.captured_queries]
    return {
        "ms": box["seconds"] * 1000,
        "cpu_ms": cpu * 1000,  # this process's CPU (Python and driver), not the server's
        "sql_ms": sql.seconds * 1000,  # wall time inside the queries
        "queries": len(log),
        "log": log,
    }


def close_and_sign(world, session) -> dict:
    """close_and_sign of council_script, each of its three parts measured apart."""
    from nominations.council import results, voting
    from nominations.council.minutes import minutes_data
    from nominations.council.minutes_render import render_minutes_docx, render_minutes_pdf
    from workflows.council_script import step

    officer = fresh(world["officer"])
    close = timed_step(
        lambda: step(
            session,
            "close_ballot",
            officer,
            lambda: voting.council_session_close_ballot(actor=officer, session=session),
        )
    )
    session.refresh_from_db()
    # The parts of the minutes, read-only, before the real generation.
    with stopwatch() as read:
        data = minutes_data(session)
    with stopwatch() as pdf_box:
        pdf = render_minutes_pdf(data)
    with stopwatch() as docx_box:
        docx = render_minutes_docx(data)
    minutes = timed_step(lambda: results.council_minutes_generate(session_id=session.pk))
    session.refresh_from_db()
    assert session.minutes_pdf, "the minutes were not written"
    chair = fresh(world["chair"])
    sign = timed_step(
        lambda: step(
            session,
            "sign_minutes",
            chair,
            lambda: results.council_session_sign_minutes(actor=chair, session=session),
        )
    )
    session.refresh_from_db()
    return {
        "close": close,
        "minutes": minutes,
        "sign": sign,
        "parts": {
            "minutes_data": read["seconds"] * 1000,
            "render_minutes_pdf": pdf_box["seconds"] * 1000,
            "render_minutes_docx": docx_box["seconds"] * 1000,
        },
        "sizes": (len(pdf), len(docx), len(data.lines)),
    }


def check_outcome(session, dossiers) -> str:
    """The session closed and every dossier went on to the decision, as the flow does it."""
    from nominations.models import BallotParticipation, Dossier, DossierStatus, SessionStatus

    assert session.status == SessionStatus.CLOSED, session.status
    statuses = Counter(
        Dossier.objects.filter(pk__in=[d.pk for d in dossiers]).values_list("status", flat=True)
    )
    moved = statuses.get(DossierStatus.AWAITING_DECISION, 0)
    assert moved == len(dossiers), statuses
    return (
        f"{BallotParticipation.objects.filter(session=session).count()} ballots counted, "
        f"{session.items.filter(passed=True).count()} of {session.items.count()} nominees "
        f"passed, {moved} dossiers moved on to the decision"
    )


# --- profiling ------------------------------------------------------------------------------


def profiled(title: str, run, top: int = 15):
    profiler = cProfile.Profile()
    result = profiler.runcall(run)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    print(f"\ncProfile: {title} (cumulative, top {top})")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    print(f"cProfile: {title} (own time, top {top})")
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    print("\n".join(lines[start : start + top + 1]))
    return result


# --- the report -----------------------------------------------------------------------------


def verdict(ms: float) -> str:
    return "met" if ms <= GOAL_S * 1000 else "MISSED"


def report(pages, casts, closing, members: int, outcome: str) -> None:
    big, small = pages["big"], pages["small"]
    cpus = os.cpu_count()
    print(
        f"\nmachine: {cpus} cores ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, PostgreSQL on 127.0.0.1; load average "
        + " ".join(f"{load:.2f}" for load in os.getloadavg())
        + " (other work on the machine shows in the figures)"
    )
    print(outcome)
    header = f"{'measure':46s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s} {'queries':>8s}"
    print(f"\n{header}   target")
    rows = [
        (f"ballot page, {big['items']} nominees", big, big["queries"], "≤ 1000 ms, fixed queries"),
        (f"ballot page, {small['items']} nominees", small, small["queries"], "(same queries)"),
    ]
    for name, row, queries, target in rows:
        print(
            f"{name:46s} {row['p50']:8.1f} {row['p95']:8.1f} {row['max']:8.1f} "
            f"{queries:8d}   {target} — {verdict(row['p50'])} ({row['bytes'] / 1024:.0f} KiB)"
        )
    q = casts["counts"]
    queries = f"{min(q)}" if min(q) == max(q) else f"{min(q)}–{max(q)}"
    print(
        f"{f'ballot submission (cast), {members} members':46s} {casts['p50']:8.1f} "
        f"{casts['p95']:8.1f} {casts['max']:8.1f} {queries:>8s}   ≤ 1000 ms each — "
        f"{verdict(casts['max'])} (max)"
    )
    for key, name, target in (
        ("close", "close_ballot step (open the box + count)", "≤ 1000 ms"),
        ("minutes", "council_minutes_generate (PDF + DOCX)", "no target (worker)"),
        ("sign", "sign_minutes step (+ send_outcomes)", "no target"),
    ):
        row = closing[key]
        mark = verdict(row["ms"]) if key == "close" else ("≤ 1 s" if row["ms"] <= 1000 else "> 1 s")
        print(
            f"{name:46s} {row['ms']:8.1f} {'':>8s} {'':>8s} {row['queries']:8d}   {target} — {mark}"
        )
    print(
        "  (single calls, wall time; of it: "
        + "; ".join(
            f"{key} {row['cpu_ms']:.0f} ms Python CPU, {row['sql_ms']:.0f} ms in SQL"
            for key, row in ((k, closing[k]) for k in ("close", "minutes", "sign"))
        )
        + ")"
    )
    pdf, docx, lines = closing["sizes"]
    parts = ", ".join(f"{k} {v:.0f} ms" for k, v in closing["parts"].items())
    print(f"  minutes of {lines} lines, first render in the process (cold): {parts}")
    print(f"  PDF {pdf / 1024:.0f} KiB, DOCX {docx / 1024:.0f} KiB")
    first, last = casts["seconds"][0] * 1000, casts["seconds"][-1] * 1000
    print(f"  first ballot {first:.0f} ms, last {last:.0f} ms; queries per ballot: {q}")
    print(f"\nqueries of one ballot page ({big['items']} nominees):")
    print_counter("by statement and table", big["log"].by_kind())
    print_counter("by call site", big["log"].by_site())
    print("\nqueries of the middle member's submission:")
    log = QueryLog()
    log.statements = casts["middle"]
    print_counter("by statement and table", log.by_kind())
    print("\nqueries of the close_ballot step:")
    print_counter("by statement and table", closing["close"]["log"].by_kind())
    print("\nqueries of the sign_minutes step:")
    print_counter("by statement and table", closing["sign"]["log"].by_kind(), limit=15)


# --- main -----------------------------------------------------------------------------------


def run(args) -> None:
    setup_django(reuse=args.reuse, suffix=database_suffix())
    from django.core.management import call_command

    from nominations.models import CouncilProcedure

    call_command("load_award_catalogue", stdout=io.StringIO())  # as setup_django; idempotent
    assert CouncilProcedure.objects.exists(), "the catalogue has no council procedure"
    with stopwatch() as built:
        world = build_world(units=args.units, members=args.members)
    print(f"world (units, people, council of {args.members}) in {built['seconds']:.1f} s")
    big_dossiers, small_dossiers = prepare_dossiers(
        world, units=args.units, per_dossier=args.nominees
    )

    small, _ = open_session(
        world, small_dossiers, held_on=SMALL_HELD_ON, title="Phiên họp thử (50 đề nghị)"
    )
    session, members = open_session(
        world,
        big_dossiers,
        held_on=BIG_HELD_ON,
        title="Phiên họp xét khen thưởng tổng kết phong trào thi đua năm 2020",
    )
    # A member who heads a proposing unit (recused on its five nominees): the fuller page.
    voter = next(m for m in members if m.user.username.startswith("bench-head-"))
    pages = {
        "big": ballot_page(session, voter, args.repeat),
        "small": ballot_page(small, voter, args.repeat),
    }
    pages["big"]["items"] = session.items.count()
    pages["small"]["items"] = small.items.count()
    if args.profile:
        profiled("one GET of the ballot page (500 nominees)", pages["big"]["get"])

    if args.profile:  # the first member's ballot under the profiler, the others timed
        from workflows import council_script

        profiled("one ballot submission", lambda: council_script.cast(session, members[0]))
        casts = cast_all(session, members[1:])
    else:
        casts = cast_all(session, members)

    if args.profile:
        from nominations.council import voting
        from workflows.council_script import step

        officer = fresh(world["officer"])
        profiled(
            "the close_ballot step",
            lambda: step(
                session,
                "close_ballot",
                officer,
                lambda: voting.council_session_close_ballot(actor=officer, session=session),
            ),
        )
        session.refresh_from_db()
        closing = profile_rest(world, session)
    else:
        closing = close_and_sign(world, session)
    outcome = check_outcome(session, big_dossiers)
    if not args.profile:
        report(pages, casts, closing, len(members), outcome)
    else:
        print("\n" + outcome)
        print(
            f"ballot submissions (profiled run, 1 under cProfile): p50 {casts['p50']:.0f} ms, "
            f"max {casts['max']:.0f} ms"
        )


def profile_rest(world, session):
    from nominations.council import results
    from workflows.council_script import step

    profiled(
        "council_minutes_generate",
        lambda: results.council_minutes_generate(session_id=session.pk),
    )
    session.refresh_from_db()
    chair = fresh(world["chair"])
    profiled(
        "the sign_minutes step",
        lambda: step(
            session,
            "sign_minutes",
            chair,
            lambda: results.council_session_sign_minutes(actor=chair, session=session),
        ),
    )
    session.refresh_from_db()


def main() -> None:
    args = parse_args()
    attachments = tempfile.mkdtemp(prefix="thidua-bench-attachments-")
    os.environ["ATTACHMENTS_ROOT"] = attachments  # read by the settings, loaded just below
    try:
        run(args)
    finally:
        shutil.rmtree(attachments, ignore_errors=True)


if __name__ == "__main__":
    main()
