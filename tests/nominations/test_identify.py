"""Saying who a nominee is from the eligibility panel: choosing among namesakes, adding a person
not yet on record, correcting a link; who may, at which step, and what a forged form gets.

A council member (who may read the dossier) posting gets 403: they know the dossier exists;
someone who may not read it gets 404, as everywhere.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from nominations.eligibility import Status
from nominations.eligibility.identify import nominee_identify
from nominations.errors import DomainError, NotAllowed, StepOutOfOrder
from nominations.models import AuditAction, AuditEntry, Person
from tests.factories import create_dossier
from tests.nominations.eligibility_factories import (
    CSTDCS,
    LDTT,
    PersonFactory,
    conditions,
    holds,
    propose,
)
from tests.workflows.helpers import dossier_at

pytestmark = pytest.mark.django_db

NHUNG = "Nguyễn Thị Hồng Nhung"


@pytest.fixture
def english(login):
    def as_user(user):
        client = login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return as_user


def drafted(world, name=NHUNG, code=CSTDCS):
    return create_dossier(
        clerk=world.clerk,
        unit=world.justice,
        authority=world.district,
        nominees=[propose(name, code)],
    )


def identify(client, dossier, choice, *, nominee=None, next_url=None):
    nominee = nominee or dossier.nominees.get()
    data = {"person": choice}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("nominee_identify", args=[dossier.pk, nominee.pk]), data)


def messages_of(client, response) -> list[str]:
    return [str(m) for m in client.get(response["Location"]).context["messages"]]


def panel(client, dossier) -> str:
    page = client.get(reverse("dossier_detail", args=[dossier.pk])).content.decode()
    anchor = page.find('id="eligibility"')
    return page[page.rfind("<section", 0, anchor) : page.find("</section>", anchor)]


@pytest.fixture
def namesakes(world):
    """Two people of the justice department named Nhung; the second holds last year's title."""
    first = PersonFactory(
        full_name=NHUNG,
        unit=world.justice,
        job_title="Chuyên viên",
        date_of_birth=datetime.date(1985, 3, 2),
    )
    second = PersonFactory(full_name=NHUNG, unit=world.justice, job_title="Văn thư")
    holds(second, LDTT, 2020)
    return first, second


# --- choosing, adding, correcting -------------------------------------------------------------


def test_choosing_one_of_two_namesakes_links_them_and_the_conditions_read_their_record(
    world, english, namesakes
):
    first, second = namesakes
    dossier = drafted(world)
    assert conditions(dossier, NHUNG)["identity"].reason.startswith("2 ")
    client = english(world.clerk)
    html = panel(client, dossier)
    # Both offered, told apart by position and the year of birth only (the masked form).
    assert f'value="{first.pk}"' in html and f'value="{second.pk}"' in html
    assert "Chuyên viên" in html and "Văn thư" in html and "1985" in html
    assert "02/03/1985" not in html and 'value="new"' not in html  # an exact namesake exists
    assert "<fieldset>" in html and "<legend>" in html and 'for="identify-' in html

    response = identify(client, dossier, str(second.pk))

    assert response.status_code == 302
    assert dossier.nominees.get().person_id == second.pk
    found = conditions(dossier, NHUNG)
    assert "identity" not in found
    assert found["cstdcs-holds-ldtt"].status == Status.MET  # read from the chosen one's history
    assert messages_of(client, response) == [
        f"The nominee {NHUNG} is now linked to their record in Phòng Tư pháp."
    ]


def test_a_person_not_on_record_is_added_to_the_unit_and_linked(world, english):
    dossier = drafted(world)
    assert conditions(dossier, NHUNG)["identity"].status == Status.UNKNOWN
    client = english(world.clerk)
    assert 'value="new"' in panel(client, dossier)

    identify(client, dossier, "new")

    person = Person.objects.get(full_name=NHUNG)
    assert person.unit == world.justice
    assert dossier.nominees.get().person_id == person.pk
    assert "identity" not in conditions(dossier, NHUNG)
    assert "Linked to the record of" in panel(client, dossier)


def test_adding_a_namesake_of_someone_on_record_is_refused_they_must_choose(
    world, english, namesakes
):
    dossier = drafted(world)
    client = english(world.clerk)
    response = identify(client, dossier, "new")
    assert dossier.nominees.get().person_id is None
    assert Person.objects.filter(full_name=NHUNG).count() == 2
    [message] = messages_of(client, response)
    assert "already on record" in message
    # The service refuses it too, not only the form.
    with translation.override("en"), pytest.raises(DomainError, match="already on record"):
        nominee_identify(actor=world.clerk, nominee=dossier.nominees.get(), create=True)


def test_a_name_with_other_diacritics_is_offered_but_does_not_stop_adding(world, english):
    an = PersonFactory(full_name="Nguyễn Văn Ân", unit=world.justice)
    dossier = drafted(world, "Nguyễn Văn An")
    html = panel(english(world.clerk), dossier)
    assert f'value="{an.pk}"' in html and 'value="new"' in html


def test_a_wrong_link_is_corrected(world, english):
    first = PersonFactory(full_name=NHUNG, unit=world.justice)
    dossier = drafted(world)
    assert dossier.nominees.get().person_id == first.pk  # linked by the name: the only one
    second = PersonFactory(full_name=NHUNG, unit=world.justice, job_title="Văn thư")
    client = english(world.clerk)
    assert "Not this person?" in panel(client, dossier)

    identify(client, dossier, str(second.pk))

    assert dossier.nominees.get().person_id == second.pk
    entry = AuditEntry.objects.filter(dossier=dossier).latest("pk")
    assert entry.data["previous"] == first.pk


def test_the_audit_row_says_who_identified_whom(world, english, namesakes):
    first, _second = namesakes
    dossier = drafted(world)
    identify(english(world.clerk), dossier, str(first.pk))
    entry = AuditEntry.objects.filter(dossier=dossier).latest("pk")
    assert entry.action == AuditAction.DOSSIER_UPDATED
    assert entry.actor == world.clerk
    nominee = dossier.nominees.get()
    assert entry.data["change"] == "nominee_identified"
    assert (entry.data["nominee"], entry.data["person"]) == (nominee.pk, first.pk)


# --- forged forms -----------------------------------------------------------------------------


def test_a_person_of_another_unit_or_another_name_is_refused(world, english, namesakes):
    elsewhere = PersonFactory(full_name=NHUNG, unit=world.health)
    other_name = PersonFactory(full_name="Lê Văn Cường", unit=world.justice)
    dossier = drafted(world)
    client = english(world.clerk)
    for forged in (elsewhere, other_name):
        response = identify(client, dossier, str(forged.pk))
        assert response.status_code == 302
        assert dossier.nominees.get().person_id is None
        [message] = messages_of(client, response)
        assert "choose from the list" in message
    for junk in ("", "999999999", "9" * 40, "²", "1 OR 1=1"):
        identify(client, dossier, junk)
        assert dossier.nominees.get().person_id is None
    assert not AuditEntry.objects.filter(data__change="nominee_identified").exists()


def test_next_is_followed_only_within_the_site(world, english):
    dossier = drafted(world)
    client = english(world.clerk)
    back = identify(client, dossier, "new", next_url="/inbox/?page=2")
    assert back["Location"] == "/inbox/?page=2#eligibility"
    PersonFactory(full_name="Lê Văn Cường", unit=world.justice)
    away = identify(client, dossier, "new", next_url="https://evil.example/")
    assert away["Location"] == reverse("dossier_detail", args=[dossier.pk]) + "#eligibility"


# --- who may, and when --------------------------------------------------------------------------


def test_a_clerk_of_another_unit_gets_404(world, login, namesakes):
    dossier = drafted(world)
    assert identify(login(world.other_clerk), dossier, str(namesakes[0].pk)).status_code == 404
    assert dossier.nominees.get().person_id is None


def test_get_is_not_allowed(world, login):
    dossier = drafted(world)
    url = reverse("nominee_identify", args=[dossier.pk, dossier.nominees.get().pk])
    assert login(world.clerk).get(url).status_code == 405


def test_a_council_member_who_may_read_the_dossier_cannot_post(world, login, namesakes):
    dossier = dossier_at(world, "secretariat_check", nominees=[propose(NHUNG, CSTDCS)])
    client = login(world.member)
    assert client.get(reverse("dossier_detail", args=[dossier.pk])).status_code == 200
    assert identify(client, dossier, str(namesakes[0].pk)).status_code == 403
    assert dossier.nominees.get().person_id is None
    with pytest.raises(NotAllowed):
        nominee_identify(actor=world.member, nominee=dossier.nominees.get(), create=True)


def test_once_sent_the_clerk_is_refused_but_the_secretariat_may_at_the_check_step(
    world, english, namesakes
):
    first, _second = namesakes
    dossier = dossier_at(world, "secretariat_check", nominees=[propose(NHUNG, CSTDCS)])
    clerk = english(world.clerk)
    response = identify(clerk, dossier, str(first.pk))
    assert dossier.nominees.get().person_id is None
    [message] = messages_of(clerk, response)
    assert "not open" in message

    identify(english(world.officer), dossier, str(first.pk))
    assert dossier.nominees.get().person_id == first.pk


def test_the_form_shows_only_to_those_who_may_act(world, english, namesakes):
    draft = drafted(world)
    sent = dossier_at(world, "secretariat_check", nominees=[propose(NHUNG, CSTDCS)])
    action = 'action="/dossiers/{}/nominees/'
    shown = [
        (world.clerk, draft, True),
        (world.head, draft, False),
        (world.clerk, sent, False),
        (world.head, sent, False),
        (world.member, sent, False),
        (world.chair, sent, False),
        (world.officer, sent, True),
    ]
    for user, dossier, expected in shown:
        html = panel(english(user), dossier)
        assert 'id="eligibility"' in html, user
        assert (action.format(dossier.pk) in html) is expected, user


def test_a_closed_dossier_is_refused_to_the_secretariat(world, namesakes):
    dossier = dossier_at(world, "secretariat_check", nominees=[propose(NHUNG, CSTDCS)])
    dossier.status = "closed"
    dossier.save(update_fields=["status"])
    with pytest.raises(StepOutOfOrder):
        nominee_identify(actor=world.officer, nominee=dossier.nominees.get(), create=True)
