"""10,000 notifications e-mailed through one real Celery worker on Redis.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua_bench \\
    REDIS_URL=redis://127.0.0.1:6379/14 \\
        .venv/bin/python -m bench.notifications [--notifications 10000] [--per-message 1]

Goal: all of them mailed within 60 s.

Its own database (thidua_bench_notifications): 1,000 people with an e-mail address, 200
dossiers of one district, and `--notifications` pending Notification rows (the outbox), one
tenth of the people having muted one event. A `celery worker` is started as production runs it
(config.settings, the prefork pool on this machine's cores, its own queue on REDIS_URL) and
writes the mail with Django's file backend into a temporary directory. The bench then queues
the deliveries as the application does after commit — `deliver_notifications(keys)`, one
message per event, `--per-message` notifications in each (1 is the worst case: the beat
sweep's one message per notification) — and times from the first publish until the last
row's `emailed_at` is set. It prints the publish time, the total, the rate, and checks that
every row went out exactly once (the mail files hold one message per row that was not muted).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.common import ROOT, setup_django

GOAL_S = 60.0
PEOPLE = 1000
DOSSIERS = 200
MAIL_SEPARATOR = b"-" * 79 + b"\n"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=10_000)
    parser.add_argument("--per-message", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 2)
    return parser.parse_args()


def generate(count: int) -> list[str]:
    """People, dossiers and `count` pending notifications; returns their keys in order."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from nominations.models import (
        AuthorityLevel,
        AwardingAuthority,
        CommendationType,
        Dossier,
        DossierStatus,
        Notification,
        NotificationEvent,
        NotificationSetting,
        Unit,
        UnitKind,
    )

    started = time.perf_counter()
    with transaction.atomic():
        district_unit = Unit.objects.create(
            code="bench-n-huyen", name="UBND huyện Kỳ Anh", kind=UnitKind.DISTRICT
        )
        district = AwardingAuthority.objects.create(
            unit=district_unit,
            name=district_unit.name,
            level=AuthorityLevel.DISTRICT,
            secretariat_unit=Unit.objects.create(
                code="bench-n-noi-vu", name="Phòng Nội vụ", parent=district_unit
            ),
            place_name="Kỳ Anh",
        )
        dossiers = Dossier.objects.bulk_create(
            Dossier(
                authority=district,
                unit=district_unit,
                title=f"Đề nghị khen thưởng tổng kết năm học, đợt {i + 1:03d}",
                commendation_type=CommendationType.REGULAR,
                year=2026,
                status=DossierStatus.SUBMITTED,
            )
            for i in range(DOSSIERS)
        )
        User = get_user_model()
        people = User.objects.bulk_create(
            User(
                username=f"bench-n-{i:04d}",
                first_name="Thử",
                last_name=f"Nguyễn Văn {i:04d}",
                email=f"nguoi.{i:04d}@kyanh.example.vn",
            )
            for i in range(PEOPLE)
        )
        NotificationSetting.objects.bulk_create(
            NotificationSetting(user=person, muted_events=[NotificationEvent.ACCEPTED])
            for person in people[::10]
        )
        events = list(NotificationEvent)
        rows = [
            Notification(
                key=f"bench:{i}",
                recipient=people[i % PEOPLE],
                event=events[i % len(events)],
                dossier=dossiers[i % DOSSIERS],
            )
            for i in range(count)
        ]
        Notification.objects.bulk_create(rows, batch_size=5000)
    print(f"data: generated in {time.perf_counter() - started:.1f} s ({count} notifications)")
    return [row.key for row in rows]


def start_worker(database_url: str, broker_url: str, queue: str, mailbox: Path, concurrency):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": broker_url,
        "CELERY_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mailbox),
        "LOG_LEVEL": "WARNING",
        "DEBUG": "0",
    }
    node = f"{queue}@localhost"
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-n", node]
    command += [f"--concurrency={concurrency}", "--loglevel=WARNING"]
    command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    log = (mailbox.parent / "worker.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, node


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    sys.exit(f"bench: timed out after {timeout} s waiting for {what}")


def main():
    args = parse_args()
    broker_url = os.environ.get("REDIS_URL")
    if not broker_url:
        sys.exit(
            "bench: set REDIS_URL (e.g. redis://127.0.0.1:6379/14): the point is a real broker"
        )
    setup_django(reuse=False, suffix="_notifications")
    from django.conf import settings
    from django.db import connection

    from config.celery import app
    from nominations.models import Notification, NotificationSetting
    from nominations.tasks import deliver_notifications

    keys = generate(args.notifications)
    db = settings.DATABASES["default"]
    database_url = f"postgresql://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
    database_url += f"{db['PORT'] or 5432}/{db['NAME']}"
    connection.close()

    queue = f"bench-notifications-{uuid.uuid4().hex[:8]}"
    app.conf.update(broker_url=broker_url, task_always_eager=False, task_default_queue=queue)
    with tempfile.TemporaryDirectory() as tmp:
        mailbox = Path(tmp) / "mail"
        mailbox.mkdir()
        process, node = start_worker(database_url, broker_url, queue, mailbox, args.concurrency)
        try:
            wait_for(
                lambda: app.control.ping(destination=[node], timeout=0.5),
                timeout=60,
                what="the worker",
            )
            pending = Notification.objects.filter(emailed_at__isnull=True)
            started = time.perf_counter()
            with app.producer_or_acquire() as producer:
                for i in range(0, len(keys), args.per_message):
                    deliver_notifications.apply_async(
                        (keys[i : i + args.per_message],), producer=producer
                    )
            published = time.perf_counter() - started
            wait_for(lambda: not pending.exists(), timeout=600, what="every mail")
            total = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=30)
        mails = sum(
            len(list(filter(bytes.strip, path.read_bytes().split(MAIL_SEPARATOR))))
            for path in mailbox.glob("*.log")
        )
    muted_people = set(NotificationSetting.objects.values_list("user_id", flat=True))
    expected = (
        Notification.objects.exclude(recipient_id__in=muted_people, event="accepted")
        .filter(key__startswith="bench:")
        .count()
    )
    messages = -(-len(keys) // args.per_message)
    print(
        f"worker: prefork, {args.concurrency} processes; {messages} messages of "
        f"{args.per_message} notification(s)"
    )
    print(f"publish: {published:.1f} s")
    print(
        f"all mailed: {total:.1f} s ({len(keys) / total:.0f} notifications/s); "
        f"goal ≤ {GOAL_S:.0f} s: {'met' if total <= GOAL_S else 'NOT met'}"
    )
    print(f"mails written: {mails}, expected {expected} (muted ones are marked, not mailed)")
    if mails != expected:
        sys.exit("bench: a notification was mailed twice or not at all")


if __name__ == "__main__":
    main()
