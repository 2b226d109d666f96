"""Every page of the chain checks the dossier itself, not only the person's role."""

import pytest
from django.urls import reverse

from nominations.models import DossierStatus
from tests.workflows.helpers import dossier_at
from workflows.engine import open_step

pytestmark = pytest.mark.django_db

STEPS = ["prepare", "head_review", "secretariat_check", "council_review", "decide"]


def task_urls(task):
    return [
        reverse("task_detail", args=[task.pk]),
        reverse("task_take", args=[task.pk]),
        reverse("task_release", args=[task.pk]),
    ]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("intruder", ["other_clerk", "other_head", "outsider"])
def test_another_units_people_get_404_on_every_page_of_the_chain(world, login, step, intruder):
    dossier = dossier_at(world, step)
    client = login(getattr(world, intruder))
    task = open_step(dossier, step)

    assert client.get(reverse("dossier_detail", args=[dossier.pk])).status_code == 404
    for url in task_urls(task):
        assert client.get(url).status_code in (404, 405)
        assert client.post(url, {"outcome": "approve"}).status_code == 404
    dossier.refresh_from_db()
    assert open_step(dossier, step) == task  # nothing moved


@pytest.mark.parametrize("step", STEPS)
def test_another_unit_sees_nothing_of_the_dossier_in_lists_or_counts(world, login, step):
    dossier = dossier_at(world, step)
    client = login(world.other_head)
    for url in (reverse("inbox"), reverse("dossier_list"), reverse("notification_list")):
        page = client.get(url).content.decode()
        assert dossier.title not in page
    assert 'class="badge"' not in client.get(reverse("inbox")).content.decode()


def test_the_authority_side_does_not_see_a_draft_before_it_is_submitted(world, login):
    dossier = dossier_at(world, "head_review")
    for person in (world.officer, world.member, world.chair):
        response = login(person).get(reverse("dossier_detail", args=[dossier.pk]))
        assert response.status_code == 404


def test_a_clerk_cannot_approve_the_dossier(world, login):
    dossier = dossier_at(world, "head_review")
    task = open_step(dossier, "head_review")
    client = login(world.clerk)

    response = client.post(reverse("task_detail", args=[task.pk]), {"outcome": "approve"})

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_HEAD
    assert client.post(reverse("task_take", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert task.owner is None


def test_a_council_member_sees_the_dossier_but_cannot_edit_it(world, login):
    dossier = dossier_at(world, "council_review")
    client = login(world.member)
    assert client.get(reverse("dossier_detail", args=[dossier.pk])).status_code == 200

    # The council's wait is nobody's page: only a signed session ends it.
    task = open_step(dossier, "council_review")
    response = client.post(reverse("task_detail", args=[task.pk]), {})
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_COUNCIL
    assert dossier.nominees.get().council_outcome == "pending"


def test_a_unit_head_elsewhere_holds_the_permission_but_not_on_this_dossier(world):
    dossier = dossier_at(world, "head_review")
    assert world.other_head.has_perm("nominations.approve_dossier")  # model-wide, via group
    assert not world.other_head.has_perm("nominations.approve_dossier", dossier)
    assert world.head.has_perm("nominations.approve_dossier", dossier)


def test_inbox_offers_each_step_to_the_right_people_only(world, login):
    at_head = dossier_at(world, "head_review")
    at_check = dossier_at(world, "secretariat_check")
    approve = reverse("task_take", args=[open_step(at_head, "head_review").pk])
    check = reverse("task_take", args=[open_step(at_check, "secretariat_check").pk])
    head_inbox = login(world.head).get(reverse("inbox")).content.decode()
    officer_inbox = login(world.officer).get(reverse("inbox")).content.decode()
    assert approve in head_inbox and check not in head_inbox
    assert check in officer_inbox and approve not in officer_inbox


def test_anonymous_visitors_are_sent_to_log_in(world, client):
    dossier = dossier_at(world, "head_review")
    response = client.get(reverse("dossier_detail", args=[dossier.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_inbox_is_searched_without_diacritics(world, login):
    at_head = dossier_at(world, "head_review")
    client = login(world.head)
    found = client.get(reverse("inbox"), {"q": "de nghi khen thuong"}).content.decode()
    assert at_head.title in found
    assert at_head.title not in client.get(reverse("inbox"), {"q": "không có"}).content.decode()
