"""Bulk data for bench.inbox: rows as NominationFlow and our services would have left them.

Not through the services (100,000 dossiers one by one would take an hour): bulk_create in
batches, with each task's owner_permission set the way viewflow's ViewActivation.create sets
it (the node's permission, and the dossier as owner_permission_obj). The `previous` links
between tasks, nominees, audit rows and notifications are not written: the inbox reads none.
"""

import random
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from nominations.models import (
    AuthorityLevel,
    AwardingAuthority,
    Dossier,
    DossierStatus,
    Membership,
    Unit,
    UnitKind,
)
from nominations.roles import Role
from nominations.text import search_key
from workflows.flows import NominationFlow

AUTHORITIES = 5
BATCH = 5000
# Where the dossiers stand (the open step, or closed), and how many of them.
STAGES = [
    ("prepare", DossierStatus.DRAFT, 0.15),
    ("head_review", DossierStatus.AWAITING_HEAD, 0.08),
    ("secretariat_check", DossierStatus.SUBMITTED, 0.10),
    ("council_review", DossierStatus.AWAITING_COUNCIL, 0.10),
    ("decide", DossierStatus.AWAITING_DECISION, 0.05),
    (None, DossierStatus.CLOSED, 0.52),
]
PATH = [
    "start", "prepare", "head_review", "approved_by_head", "secretariat_check",
    "accepted_by_secretariat", "council_review", "decide", "forwarded_upward", "closed",
]  # fmt: skip
ACTOR = {  # who did each human step: a role of the unit or of the authority
    "prepare": "clerk",
    "head_review": "head",
    "secretariat_check": "officer",
    "council_review": "officer",
    "decide": "chair",
}


def ensure(*, processes: int, units: int, reuse: bool) -> dict:
    """Generate the data unless --reuse finds them already there; return the three personas."""
    if reuse and Dossier.objects.count() == processes and Unit.objects.count() == units:
        print(f"reusing {processes:,} processes over {units} units")
    else:
        if Dossier.objects.exists():
            raise SystemExit("bench: the database holds other data; run without --reuse")
        generate(processes=processes, units=units)
    users = get_user_model().objects.filter(username__in=["u0-clerk", "a0-officer", "a0-member"])
    by_name = {u.username: u for u in users}
    return {
        "clerk": by_name["u0-clerk"],
        "officer": by_name["a0-officer"],
        "member": by_name["a0-member"],
    }


def generate(*, processes: int, units: int) -> None:
    started = time.perf_counter()
    rng = random.Random(42)
    with transaction.atomic():
        authorities, proposing = create_organisation(units)
        people = create_people(authorities, proposing)
    organised = time.perf_counter()
    tasks = 0
    for first in range(0, processes, BATCH):
        with transaction.atomic():
            tasks += create_batch(min(BATCH, processes - first), rng, proposing, people)
    written = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum would have done by then
    done = time.perf_counter()
    print(
        f"generated {units} units, {len(authorities)} authorities, {len(people)} people, "
        f"{processes:,} dossiers and processes, {tasks:,} tasks in {done - started:.1f} s "
        f"(organisation {organised - started:.1f} s, dossiers and tasks "
        f"{written - organised:.1f} s, VACUUM ANALYZE {done - written:.1f} s)"
    )


def _units(specs) -> list[Unit]:
    return Unit.objects.bulk_create(
        Unit(code=code, name=name, kind=kind, parent=parent, search_name=search_key(name))
        for code, name, kind, parent in specs
    )


def create_organisation(units: int):
    """Per authority: its district unit, its secretariat, and its share of proposing units."""
    per_authority = units // AUTHORITIES - 2
    if per_authority < 1:
        raise SystemExit(f"bench: --units must be at least {3 * AUTHORITIES}")
    districts = _units(
        (f"a{a}", f"UBND huyện Bench {a}", UnitKind.DISTRICT, None) for a in range(AUTHORITIES)
    )
    secretariats = _units(
        (f"a{a}-noi-vu", f"Phòng Nội vụ huyện {a}", UnitKind.DEPARTMENT, d)
        for a, d in enumerate(districts)
    )
    authorities = AwardingAuthority.objects.bulk_create(
        AwardingAuthority(
            unit=d,
            name=d.name,
            level=AuthorityLevel.DISTRICT,
            secretariat_unit=s,
            place_name=d.name,
        )
        for d, s in zip(districts, secretariats, strict=True)
    )
    specs = [
        (f"u{a * per_authority + i}", f"Đơn vị {a}-{i}", UnitKind.COMMUNE, d)
        for a, d in enumerate(districts)
        for i in range(per_authority)
    ]
    proposing = _units(specs)
    index_of = {d.pk: a for a, d in enumerate(districts)}
    for unit in proposing:  # plain attributes: Unit.authority is a reverse one-to-one
        unit.bench_index = index_of[unit.parent_id]
        unit.bench_authority = authorities[unit.bench_index]
    return authorities, proposing


def create_people(authorities, proposing) -> dict[str, object]:
    """A clerk and a head per unit; an officer, a council member and a head per authority."""
    roles = []  # (username, unit, role)
    for unit in proposing:
        roles += [(f"{unit.code}-clerk", unit, Role.UNIT_CLERK)]
        roles += [(f"{unit.code}-head", unit, Role.UNIT_HEAD)]
    for index, authority in enumerate(authorities):
        roles += [(f"a{index}-officer", authority.secretariat_unit, Role.SECRETARIAT_OFFICER)]
        roles += [(f"a{index}-member", authority.unit, Role.COUNCIL_MEMBER)]
        roles += [(f"a{index}-chair", authority.unit, Role.AUTHORITY_HEAD)]
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=name, password="!", email=f"{name}@example.invalid") for name, _, _ in roles
    )
    Membership.objects.bulk_create(
        Membership(user=user, unit=unit, role=role)
        for user, (_, unit, role) in zip(users, roles, strict=True)
    )
    groups = {g.name: g.pk for g in Group.objects.all()}
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=groups[role])
        for user, (_, _, role) in zip(users, roles, strict=True)
    )
    return {user.username: user for user in users}


def create_batch(size: int, rng, proposing, people) -> int:
    """One batch: processes, then their dossiers, then each process's tasks."""
    now = timezone.now()
    rows = []
    for _ in range(size):
        unit = rng.choice(proposing)
        step, status = _stage(rng)
        created = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        rows.append((unit, step, status, created))
    processes = Process.objects.bulk_create(
        Process(
            flow_class=NominationFlow,
            status=PROCESS.DONE if step is None else PROCESS.NEW,
            created=created,
            finished=created + timedelta(days=30) if step is None else None,
        )
        for _, step, _, created in rows
    )
    dossiers = Dossier.objects.bulk_create(
        _dossier(unit, status, created, process, people)
        for (unit, _, status, created), process in zip(rows, processes, strict=True)
    )
    tasks = []
    for (unit, step, _, created), dossier in zip(rows, dossiers, strict=True):
        tasks += _tasks(dossier, unit, step, created, people, rng)
    Task.objects.bulk_create(tasks, batch_size=BATCH)
    return len(tasks)


def _stage(rng):
    pick, total = rng.random(), 0.0
    for step, status, share in STAGES:
        total += share
        if pick < total:
            return step, status
    return STAGES[-1][:2]


def _dossier(unit, status, created, process, people) -> Dossier:
    submitted = status not in (DossierStatus.DRAFT, DossierStatus.AWAITING_HEAD)
    title = f"Đề nghị khen thưởng {unit.name} năm {created.year}"
    return Dossier(
        authority=unit.bench_authority,
        unit=unit,
        title=title,
        commendation_type="regular",
        year=created.year,
        status=status,
        process=process,
        created_by=people[f"{unit.code}-clerk"],
        created_at=created,
        submitted_at=created + timedelta(days=2) if submitted else None,
        search_text=search_key(title),
    )


def _actor(name: str, unit, people):
    role = ACTOR[name]
    if role in ("clerk", "head"):
        return people[f"{unit.code}-{role}"]
    return people[f"a{unit.bench_index}-{role}"]


def _tasks(dossier, unit, step, created, people, rng) -> list[Task]:
    """The finished tasks of the path up to the open step, and the open step itself."""
    flow = NominationFlow.instance
    dossier_type = ContentType.objects.get_for_model(Dossier)
    done_until = len(PATH) if step is None else PATH.index(step)
    tasks = []
    for position, name in enumerate(PATH[: done_until + 1]):
        node = flow.node(name)
        at = created + timedelta(hours=position * 6)
        is_open = position == done_until and step is not None
        task = Task(
            process_id=dossier.process_id,
            flow_task=node,
            flow_task_type=node.task_type,
            status=STATUS.DONE,
            created=at,
            finished=None if is_open else at + timedelta(hours=1),
        )
        if name in ACTOR:
            task.owner_permission = node.permission
            task.owner_permission_content_type = dossier_type
            task.owner_permission_obj_pk = str(dossier.pk)
            task.owner = _actor(name, unit, people)
        if is_open:
            # A prepare step is assigned to its preparer (previous_preparer) unless they left;
            # of the other steps, some were taken and not yet finished.
            held = rng.random() < (0.9 if name == "prepare" else 0.05)
            task.status = STATUS.ASSIGNED if held else STATUS.NEW
            task.owner = task.owner if held else None
        tasks.append(task)
    return tasks
