"""Completed chains per second: NominationFlow with our services vs a bare viewflow flow.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua_bench \\
        .venv/bin/python -m bench.transitions [--chains 200] [--warmup 10] [--reuse] [--profile]

Ours: create the dossier and start the process (as tests/factories.create_dossier), then
prepare → head_review → secretariat_check → council_review → decide, each step as
workflows/demo.py `_step` does it (open_step, acting_on, the service, activation.execute()).
Bare: bench.flows.BareFlow, same five human steps, assign → start → execute per step under
`task.activation()`. Bare+services: the bare flow calling the same services on a dossier
(our domain work without our flow integration), to split the gap between the two.
All use select_for_update_lock, on the same database, interleaved block by block.
Each step starts from a fresh user object (nothing cached), as a new request would.
Sending a dossier needs its documents: a small generated PDF is attached for each required
one right after the dossier is created; that time and those queries are left out of the
figures (`untimed`), and the files go to a temporary folder removed at the end.
"""

import argparse
import cProfile
import os
import pstats
import shutil
import tempfile
import time

from bench.common import QueryLog, fresh, print_counter, setup_django

GOAL = 0.8
ROUND = 25  # chains per block; the three kinds alternate block by block


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", type=int, default=200, help="timed chains of each kind")
    parser.add_argument("--warmup", type=int, default=10, help="untimed chains of each kind")
    parser.add_argument("--reuse", action="store_true", help="keep the bench database")
    parser.add_argument("--profile", action="store_true", help="cProfile 20 of our chains")
    return parser.parse_args()


# --- the world ------------------------------------------------------------------------------


def build_world():
    """One district authority, one proposing unit, one person per acting role (idempotent)."""
    from django.contrib.auth import get_user_model

    from nominations import services
    from nominations.models import AuthorityLevel, Award, AwardingAuthority, Unit, UnitKind
    from nominations.roles import Role

    def unit(code, name, kind, parent=None):
        return Unit.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": parent}
        )[0]

    district = unit("bench-huyen", "UBND huyện Bench", UnitKind.DISTRICT)
    secretariat = unit("bench-noi-vu", "Phòng Nội vụ Bench", UnitKind.DEPARTMENT, district)
    justice = unit("bench-tu-phap", "Phòng Tư pháp Bench", UnitKind.DEPARTMENT, district)
    authority = AwardingAuthority.objects.update_or_create(
        unit=district,
        defaults={
            "name": district.name,
            "level": AuthorityLevel.DISTRICT,
            "secretariat_unit": secretariat,
            "place_name": "Bench",
        },
    )[0]
    roles = {
        "clerk": (justice, Role.UNIT_CLERK),
        "head": (justice, Role.UNIT_HEAD),
        "officer": (secretariat, Role.SECRETARIAT_OFFICER),
        "chair": (district, Role.AUTHORITY_HEAD),
    }
    people = {}
    for name, (where, role) in roles.items():
        user = get_user_model().objects.get_or_create(username=f"bench-{name}")[0]
        services.membership_grant(actor=None, user=user, unit=where, role=role)
        people[name] = user
    award = Award.objects.get(code="lao-dong-tien-tien")
    return {"authority": authority, "unit": justice, "award": award, **people}


# --- one chain of each kind -----------------------------------------------------------------


class Untimed:
    """What attaching the documents costs: taken out of the times and query counts."""

    seconds = 0.0
    queries = 0


def attach_documents(world, dossier) -> None:
    from django.db import connection

    from nominations.documents.samples import attach_sample_documents

    started, before = time.perf_counter(), len(connection.queries_log)
    attach_sample_documents(actor=fresh(world["clerk"]), dossier=dossier)
    Untimed.seconds += time.perf_counter() - started
    # The log only grows while queries are captured (queries_of); elsewhere this adds 0.
    Untimed.queries += len(connection.queries_log) - before


def new_dossier(world, *, start_flow: bool):
    """services.dossier_create (and NominationFlow.start), as tests/factories.create_dossier."""
    from django.db import transaction

    from nominations import services
    from nominations.models import CommendationType
    from nominations.services import NomineeInput
    from workflows.flows import NominationFlow

    nominee = NomineeInput("individual", "Nguyễn Văn An", world["award"], "Hoàn thành tốt.")
    with transaction.atomic():
        dossier = services.dossier_create(
            actor=fresh(world["clerk"]),
            authority=world["authority"],
            unit=world["unit"],
            title="Đề nghị khen thưởng năm 2020",
            commendation_type=CommendationType.REGULAR,
            year=2020,
            nominees=[nominee],
        )
        if start_flow:
            NominationFlow.start.run(dossier=dossier)
    attach_documents(world, dossier)
    return dossier


def steps(dossier):
    """(step, actor, work) for the five steps; work(user) calls the step's service."""
    from nominations import services
    from nominations.models import CouncilOutcome, DecisionOutcome

    def outcomes(value):  # what the step's form posts: one outcome per nominee
        return {pk: (value, "") for pk in dossier.nominees.values_list("pk", flat=True)}

    def call(service, **kwargs):
        return lambda user, **more: service(actor=user, dossier=dossier, **kwargs, **more)

    return [
        ("prepare", "clerk", call(services.dossier_send_to_head), None),
        ("head_review", "head", call(services.dossier_head_approve), None),
        ("secretariat_check", "officer", call(services.dossier_accept), None),
        (
            "council_review",
            "officer",
            call(services.dossier_record_council_outcome),
            lambda: outcomes(CouncilOutcome.AGREED),
        ),
        (
            "decide",
            "chair",
            call(services.dossier_decide, signer_title="Chủ tịch"),
            lambda: outcomes(DecisionOutcome.AWARDED),
        ),
    ]


def our_chain(world) -> None:
    """Each step as workflows/demo.py `_step`: open_step, acting_on, service, execute."""
    from workflows.engine import acting_on, open_step

    dossier = new_dossier(world, start_flow=True)
    for name, actor, work, form in steps(dossier):
        user = fresh(world[actor])
        task = open_step(dossier, name)
        posted = {"outcomes": form()} if form else {}
        with acting_on(task, user) as activation:
            work(user, **posted)
            activation.execute()
        dossier.refresh_from_db()


def bare_chain(world, *, dossier=None) -> None:
    """BareFlow: per step, the stock assign → start → execute under task.activation()."""
    from django.db import transaction
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from bench.flows import BareFlow

    with transaction.atomic():
        process = BareFlow.start.run()
    for name, actor, work, form in steps(dossier):
        user = fresh(world[actor])
        posted = {"outcomes": form()} if dossier and form else {}
        task = Task.objects.get(process_id=process.pk, status=STATUS.NEW)
        with task.activation() as activation:
            node = task.flow_task
            assert node.name == name and node.can_assign(user, task)
            activation.assign(user)
            assert node.can_execute(user, task)
            activation.start(None)
            if dossier is not None:
                work(user, **posted)
            activation.execute()


def bare_services_chain(world) -> None:
    """The bare flow doing our domain work: the same services on a dossier, no integration."""
    bare_chain(world, dossier=new_dossier(world, start_flow=False))


CHAINS = {"ours": our_chain, "bare": bare_chain, "bare+services": bare_services_chain}


# --- measuring ------------------------------------------------------------------------------


def timed(chain, world, count: int) -> float:
    untimed = Untimed.seconds
    start = time.perf_counter()
    for _ in range(count):
        chain(world)
    return time.perf_counter() - start - (Untimed.seconds - untimed)


def race(world, chains: int) -> dict[str, float]:
    """Chains per second of each kind, alternating blocks so that drift hits all alike."""
    spent = dict.fromkeys(CHAINS, 0.0)
    done = 0
    while done < chains:
        block = min(ROUND, chains - done)
        for kind, chain in CHAINS.items():
            spent[kind] += timed(chain, world, block)
        done += block
    return {kind: chains / seconds for kind, seconds in spent.items()}


def queries_of(chain, world) -> QueryLog:
    """The queries of one chain, less those that attached the documents (listed apart)."""
    untimed = Untimed.queries
    with QueryLog().capture() as log:
        chain(world)
    log.untimed = Untimed.queries - untimed
    return log


def check_chains_closed() -> None:
    from viewflow.workflow.models import Process
    from viewflow.workflow.status import PROCESS

    from nominations.models import Dossier, DossierStatus

    open_ours = Dossier.objects.exclude(status=DossierStatus.CLOSED).count()
    open_processes = Process.objects.exclude(status=PROCESS.DONE).count()
    assert open_ours == 0 and open_processes == 0, (open_ours, open_processes)


def profile(world, chains: int = 20) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(timed, our_chain, world, chains)
    stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
    print(f"\ncProfile of {chains} of our chains (cumulative, top 30):")
    stats.print_stats(30)


def report(rates: dict[str, float], logs: dict[str, QueryLog], chains: int) -> None:
    print(f"\nchains timed: {chains} of each kind (blocks of {ROUND}, alternating)")
    for kind in CHAINS:
        log = logs[kind]
        counted = len(log) - log.untimed
        print(f"  {kind:14s} {rates[kind]:7.1f} chains/s  {counted:4d} queries/chain")
    attached = max(log.untimed for log in logs.values())
    print(f"  (not counted: attaching the documents, {attached} queries a dossier; the")
    print("   breakdowns below include them)")
    ratio = rates["ours"] / rates["bare"]
    verdict = "meets" if ratio >= GOAL else "MISSES"
    print(f"  ratio ours/bare: {ratio:.2f} ({verdict} the goal of ≥ {GOAL}×)")
    print(f"  ratio ours/bare+services: {rates['ours'] / rates['bare+services']:.2f}")
    for kind in CHAINS:
        print(f"\nqueries of one {kind} chain:")
        print_counter("by cause", logs[kind].by_cause())
        print_counter("by statement and table", logs[kind].by_kind())
        print_counter("by call site (innermost project or viewflow frame)", logs[kind].by_site())


def main() -> None:
    args = parse_args()
    attachments = tempfile.mkdtemp(prefix="thidua-bench-attachments-")
    os.environ["ATTACHMENTS_ROOT"] = attachments  # read by the settings, loaded just below
    try:
        run(args)
    finally:
        shutil.rmtree(attachments, ignore_errors=True)


def run(args) -> None:
    setup_django(reuse=args.reuse)
    world = build_world()
    for _ in range(args.warmup):
        for chain in CHAINS.values():
            chain(world)
    rates = race(world, args.chains)
    logs = {kind: queries_of(chain, world) for kind, chain in CHAINS.items()}
    check_chains_closed()
    report(rates, logs, args.chains)
    if args.profile:
        profile(world)


if __name__ == "__main__":
    main()
