"""Two people acting at the same moment, on PostgreSQL's row locks."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from nominations.models import Decision, DecisionOutcome, DossierStatus
from nominations.roles import Role
from tests.factories import UserFactory, grant
from tests.workflows.helpers import dossier_at
from workflows.engine import open_step

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def post_at_once(requests):
    """POST each (user, url, data) from its own thread and connection, released together."""
    barrier = threading.Barrier(len(requests))
    responses = [None] * len(requests)

    def run(index, user, url, data):
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            responses[index] = client.post(url, data, follow=True)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, *request)) for i, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def test_two_heads_approving_at_once_move_the_dossier_once(world):
    deputy = UserFactory(username="deputy")
    grant(deputy, world.justice, Role.UNIT_HEAD)
    dossier = dossier_at(world, "head_review")
    url = reverse("task_detail", args=[open_step(dossier, "head_review").pk])
    data = {"outcome": "approve", "reason": ""}

    responses = post_at_once([(world.head, url, data), (deputy, url, data)])

    assert [r.status_code for r in responses] == [200, 200]  # both end on a page, no 500
    pages = [r.content.decode() for r in responses]
    assert sum("msg-success" in page for page in pages) == 1
    assert sum("msg-warning" in page for page in pages) == 1
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.audit_entries.filter(action="dossier.approved_by_head").count() == 1
    assert open_step(dossier, "secretariat_check") is not None
    assert dossier.process.task_set.filter(flow_task_type="HUMAN").count() == 3


def test_two_decisions_issued_at_once_get_consecutive_numbers(world):
    first, second = dossier_at(world, "decide"), dossier_at(world, "decide")
    requests = []
    for dossier in (first, second):
        nominee = dossier.nominees.get()
        url = reverse("task_detail", args=[open_step(dossier, "decide").pk])
        data = {
            f"choice_{nominee.pk}": DecisionOutcome.AWARDED,
            f"note_{nominee.pk}": "",
            "signer_title": "Chủ tịch",
        }
        requests.append((world.chair, url, data))

    responses = post_at_once(requests)

    assert all("msg-success" in r.content.decode() for r in responses)
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    assert numbers == [1, 2]
