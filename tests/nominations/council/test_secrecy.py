"""Nobody, the administrator included, can tell how a member voted.

By construction: the stored ballot has no field that could point to a member. By
observation: two sessions where two members swap their votes look the same on every page.
"""

import re

import pytest
from django.contrib import admin
from django.db import models, transaction
from django.urls import reverse

from nominations.models import BallotMark, BallotParticipation, SealedBallot
from tests.factories import UserFactory
from tests.nominations.council.conftest import HELD_ON
from workflows import council_script


@pytest.mark.parametrize("model", [BallotMark, SealedBallot])
def test_a_stored_ballot_has_no_field_that_could_identify_its_member(model):
    # Shared by every ballot of the session: nothing ties a mark to its member or its ballot.
    allowed_relations = {"session", "item"}
    for field in model._meta.get_fields():
        if field.is_relation:
            assert field.name in allowed_relations, f"{model.__name__}.{field.name} links out"
            continue
        assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField), (
            f"{model.__name__}.{field.name} is a time that could be matched with the vote"
        )
        assert not isinstance(
            field, models.AutoField | models.BigAutoField | models.IntegerField
        ), f"{model.__name__}.{field.name} is a sequence that could follow the voting order"
    assert isinstance(model._meta.pk, models.UUIDField)
    assert not model._meta.ordering  # no order that the writer could choose


def test_the_participation_record_says_only_that_the_member_voted():
    names = {f.name for f in BallotParticipation._meta.get_fields()}
    assert names == {"id", "session", "member", "kind"}


def test_no_ballot_model_is_on_the_admin_site():
    assert BallotMark not in admin.site._registry and SealedBallot not in admin.site._registry


def _pages(session, dossier):
    """Every page that concerns the session, its dossier, the lists and the admin site."""
    urls = [
        reverse("council_session_detail", args=[session.pk]),
        reverse("council_session_list"),
        reverse("dossier_detail", args=[dossier.pk]),
        reverse("inbox"),
        reverse("notification_list"),
        reverse("admin:index"),
    ]
    for model in admin.site._registry:
        opts = model._meta
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            )
    return urls


def _normalise(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>", html)
    return re.sub(r"\d+", "#", html)  # ids, sequences and times move between the two runs


def _run_and_look(world, client, dissenter, awaiting):
    """A session where `dissenter` disagrees on the first nominee and everyone else agrees;
    returns what each person sees on every page."""
    first = awaiting.nominees.order_by("position").first()

    def voter(member, item):
        return "disagree" if member == dissenter and item.nominee_id == first.pk else "agree"

    session = council_script.run_session(
        officer=world.officer,
        council=world.council,
        dossiers=[awaiting],
        held_on=HELD_ON,
        voter=voter,
    )
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    seen = {}
    for person in (world.officer, world.chair, world.member, superuser):
        client.force_login(person)
        for index, url in enumerate(_pages(session, awaiting)):
            response = client.get(url)
            assert response.status_code in (200, 302), url
            seen[(person.username, index, _normalise(url))] = _normalise(response.content.decode())
    client.logout()
    return seen


def test_swapping_who_disagreed_changes_nothing_anyone_can_see(world, client):
    from tests.workflows.helpers import dossier_at

    seen = []
    for dissenter in (world.seats.member, world.seats.chair):
        with transaction.atomic():  # each run from the same starting point
            seen.append(
                _run_and_look(world, client, dissenter, dossier_at(world, "council_review"))
            )
            transaction.set_rollback(True)
    when_member_dissents, when_chair_dissents = seen
    assert when_member_dissents.keys() == when_chair_dissents.keys()
    for key, page in when_member_dissents.items():
        assert page == when_chair_dissents[key], f"{key} tells who disagreed"
    # The pages do show the count itself, so the test would see a leak.
    assert any("Không đồng ý" in p or "Disagree" in p for p in when_member_dissents.values())
