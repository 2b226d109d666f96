"""The notification chain through a real Celery worker on Redis, as in production.

The worker is another process: it reads the committed test database (PostgreSQL) and
writes its mail to files. `make test` exports TEST_REDIS_URL when Redis answers; in CI
Redis must be there, so a missing TEST_REDIS_URL fails there instead of skipping.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.urls import reverse

from config.celery import app
from nominations.models import DossierStatus, Notification, NotificationEvent
from nominations.tasks import (
    deliver_notifications,
    deliver_pending_notifications,
)
from tests.conftest import IN_CI
from tests.factories import create_dossier
from tests.workflows.helpers import attach_required_documents, management, nominee_form
from workflows.engine import open_step

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
DEAD_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
WORKER_READY_TIMEOUT = 30
DELIVERY_TIMEOUT = 20
SWITCHED_CONF = ("broker_url", "task_always_eager", "task_default_queue")
MAIL_SEPARATOR = b"-" * 79 + b"\n"  # what Django's file backend writes after each mail


def require_redis():
    reason = "needs Redis: set TEST_REDIS_URL (`make test` does it when Redis answers)"
    if not TEST_REDIS_URL:
        if IN_CI:
            pytest.fail(f"CI must run the worker tests: {reason}", pytrace=False)
        pytest.skip(reason)
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"TEST_REDIS_URL={TEST_REDIS_URL} does not answer: {error}", pytrace=False)


def worker_database_url() -> str:
    """The URL of pytest-django's test database, for the worker process."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    credentials = f"{quote(db['USER'] or '', safe='')}{password}@"
    address = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgresql://{credentials}{address}/{db['NAME']}"


def point_celery_at(broker_url: str, **conf) -> None:
    """Send this process's tasks to `broker_url`, dropping the pools cached for the old one."""
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.update(broker_url=broker_url, **conf)


def forget_queue(queue: str) -> None:
    """Delete the queue and the bindings kombu leaves in the test Redis."""
    client = redis.Redis.from_url(TEST_REDIS_URL)
    if keys := list(client.scan_iter(match=f"*{queue}*")):
        client.delete(*keys)


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


@dataclass
class Worker:
    process: subprocess.Popen
    node: str
    log: Path
    mailbox: Path

    def answers_ping(self) -> bool:
        assert self.process.poll() is None, f"the worker exited:\n{self.log.read_text()}"
        return bool(app.control.ping(destination=[self.node], timeout=0.5))

    def deliveries_run(self) -> int:
        stats = app.control.inspect(destination=[self.node], timeout=1).stats() or {}
        totals = stats.get(self.node, {}).get("total", {})
        return totals.get(deliver_notifications.name, 0)

    def wait_for_deliveries(self, count: int) -> None:
        what = f"the worker to run {count} deliveries"
        wait_for(lambda: self.deliveries_run() >= count, timeout=DELIVERY_TIMEOUT, what=what)
        assert self.deliveries_run() == count

    def mails_to(self, address: str) -> list:
        found = []
        for path in sorted(self.mailbox.glob("*.log")):
            for raw in filter(bytes.strip, path.read_bytes().split(MAIL_SEPARATOR)):
                message = message_from_bytes(raw, policy=policy.default)
                if message["To"] == address:
                    found.append(message)
        return found


@contextmanager
def celery_worker(broker_url: str, tmp_path: Path):
    """A real `celery worker` on its own queue, and this process sending to it via Redis."""
    queue = f"thidua-test-{uuid.uuid4().hex[:8]}"
    mailbox, log = tmp_path / "mail", tmp_path / "worker.log"
    mailbox.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": broker_url,
        "CELERY_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mailbox),
        "PYTHONUNBUFFERED": "1",
    }
    node = f"{queue}@localhost"
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo"]
    command += ["--concurrency=1", "-Q", queue, "-n", node, "--loglevel=INFO"]
    command += ["--without-mingle", "--without-gossip"]
    saved = {key: app.conf[key] for key in SWITCHED_CONF}
    point_celery_at(broker_url, task_always_eager=False, task_default_queue=queue)
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=django_settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    running = Worker(process, node, log, mailbox)
    try:
        wait_for(running.answers_ping, timeout=WORKER_READY_TIMEOUT, what="the worker to start")
        yield running
    finally:
        stop(process)
        point_celery_at(**saved)
        if broker_url == TEST_REDIS_URL:
            forget_queue(queue)
        # pytest shows this only when the test fails.
        print(f"--- celery worker log ({node}) ---\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def worker(transactional_db, tmp_path):
    require_redis()
    with celery_worker(TEST_REDIS_URL, tmp_path) as running:
        yield running


class PrivateRedis:
    """A Redis server of the test's own, on a free port, that the test stops and starts.

    The shared Redis of the machine is never stopped: other suites may be using it.
    """

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_for(self.answers, timeout=10, what=f"redis-server on port {self.port}")

    def answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.url, socket_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        stop(self.process)
        assert not self.answers()


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        if IN_CI:
            pytest.fail("CI must run the Redis restart test: redis-server is missing")
        pytest.skip("needs the redis-server program")
    server = PrivateRedis()
    server.start()
    yield server
    if server.answers():
        server.stop()


def send_to_head_through_page(client, world, dossier):
    """The clerk sends the dossier to the unit head on the prepare step's page."""
    client.force_login(world.clerk)
    data = {
        "title": dossier.title,
        "commendation_type": dossier.commendation_type,
        "year": str(dossier.year),
        "action": "submit",
        **management(1),
        **nominee_form(0, "Nguyễn Văn An", world.award),
    }
    return client.post(reverse("task_detail", args=[open_step(dossier, "prepare").pk]), data)


def wait_until_emailed(notification: Notification) -> Notification:
    def emailed():
        notification.refresh_from_db()
        return notification.emailed_at is not None

    wait_for(emailed, timeout=DELIVERY_TIMEOUT, what=f"notification {notification.pk} e-mailed")
    return notification


def awaiting_approval_of(world, dossier) -> Notification:
    return Notification.objects.get(
        recipient=world.head, dossier=dossier, event=NotificationEvent.AWAITING_APPROVAL
    )


@pytest.fixture
def dossier(world):
    dossier = create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)
    attach_required_documents(dossier, world.clerk)
    return dossier


def test_the_unit_head_is_mailed_by_the_worker_after_the_clerk_submits(
    worker, world, dossier, client
):
    response = send_to_head_through_page(client, world, dossier)

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_HEAD
    notification = awaiting_approval_of(world, dossier)  # in-app, written with the step
    wait_until_emailed(notification)
    worker.wait_for_deliveries(1)  # on commit, once, through the queue
    assert mail.outbox == []  # not sent in this process: the worker sent it
    [message] = worker.mails_to(world.head.email)
    assert dossier.title in message["Subject"]
    assert dossier.title in message.get_content()


def test_a_redelivered_notification_is_not_mailed_twice(worker, world, dossier, client):
    send_to_head_through_page(client, world, dossier)
    notification = wait_until_emailed(awaiting_approval_of(world, dossier))
    first_sent_at = notification.emailed_at

    deliver_notifications.delay([notification.key])
    deliver_notifications.delay([notification.key])
    worker.wait_for_deliveries(3)

    assert len(worker.mails_to(world.head.email)) == 1
    notification.refresh_from_db()
    assert notification.emailed_at == first_sent_at


def test_a_step_commits_with_the_broker_down_and_the_sweep_mails_later(
    worker, world, dossier, client, settings, caplog
):
    point_celery_at(DEAD_BROKER_URL)
    started = time.monotonic()

    response = send_to_head_through_page(client, world, dossier)

    assert time.monotonic() - started < 10, "publishing to a dead broker must fail fast"
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_HEAD
    notification = awaiting_approval_of(world, dossier)
    assert notification.emailed_at is None
    assert "the sweep will retry" in caplog.text

    point_celery_at(TEST_REDIS_URL)
    settings.NOTIFICATION_RETRY_AFTER_MINUTES = 0
    assert deliver_pending_notifications() == 1

    wait_until_emailed(notification)
    [message] = worker.mails_to(world.head.email)
    assert dossier.title in message.get_content()


def test_with_redis_stopped_the_step_commits_and_the_mail_goes_once_redis_is_back(
    private_redis, transactional_db, tmp_path, world, dossier, client, settings
):
    """The outbox: the notification row commits with the step; Redis restarted empty (no
    persistence) has lost nothing that matters, because the sweep queues what is pending."""
    with celery_worker(private_redis.url, tmp_path) as worker:
        private_redis.stop()

        response = send_to_head_through_page(client, world, dossier)

        assert response.status_code == 302
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.AWAITING_HEAD
        notification = awaiting_approval_of(world, dossier)
        assert notification.emailed_at is None

        private_redis.start()
        wait_for(worker.answers_ping, timeout=WORKER_READY_TIMEOUT, what="the worker to reconnect")
        settings.NOTIFICATION_RETRY_AFTER_MINUTES = 0
        assert deliver_pending_notifications() == 1
        wait_until_emailed(notification)
        assert deliver_pending_notifications() == 0  # the sweep finds nothing left to send

        [message] = worker.mails_to(world.head.email)
        assert dossier.title in message.get_content()
