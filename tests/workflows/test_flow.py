"""How the flow routes steps between people."""

import datetime

import pytest

from nominations import services
from nominations.models import Membership
from nominations.roles import Role
from tests.factories import UserFactory, grant
from tests.workflows.helpers import complete, dossier_at
from workflows.engine import open_step

pytestmark = pytest.mark.django_db


def return_to_unit(world, dossier):
    complete(
        dossier,
        "head_review",
        world.head,
        lambda: services.dossier_head_send_back(actor=world.head, dossier=dossier, reason="Sửa"),
    )


def test_a_new_dossier_starts_in_its_authors_hands(world):
    dossier = dossier_at(world, "prepare")
    assert open_step(dossier, "prepare").owner == world.clerk


def test_a_returned_dossier_goes_back_to_whoever_prepared_it(world):
    colleague = UserFactory(username="colleague")
    grant(colleague, world.justice, Role.UNIT_CLERK)
    dossier = dossier_at(world, "head_review")
    return_to_unit(world, dossier)
    assert open_step(dossier, "prepare").owner == world.clerk


def test_when_the_preparer_has_left_the_unit_the_step_waits_for_a_colleague(world):
    dossier = dossier_at(world, "head_review")
    membership = Membership.objects.get(user=world.clerk, role=Role.UNIT_CLERK)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    services.membership_end(actor=None, membership=membership, last_day=yesterday)

    return_to_unit(world, dossier)

    task = open_step(dossier, "prepare")
    assert task.owner is None
    former_clerk = type(world.clerk).objects.get(pk=world.clerk.pk)  # as on their next request
    assert not former_clerk.has_perm("nominations.view_dossier", dossier)
    assert not former_clerk.groups.filter(name=Role.UNIT_CLERK).exists()
