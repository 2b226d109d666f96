"""Nominees' personal data: masked unless needed, reads logged, kept only as long as needed."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from nominations.models import (
    AuditEntry,
    AwardRecord,
    Dossier,
    DossierStatus,
    Person,
    PersonalDataAccess,
    RecordSource,
)
from nominations.register.personal_data import mask_identity_number, person_view
from tests.nominations.test_register import received

pytestmark = pytest.mark.django_db

IDENTITY = "001085012345"
BORN = datetime.date(1985, 6, 15)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def make_person(unit, name="Nguyễn Thị Bình", identity=IDENTITY, born=BORN):
    return Person.objects.create(
        full_name=name, unit=unit, identity_number=identity, date_of_birth=born
    )


def name_in(dossier, person):
    dossier.nominees.update(person=person, full_name=person.full_name)
    return dossier


@pytest.fixture
def nominated(world):
    """A person of the justice department, named in a dossier the district received."""
    person = make_person(world.justice)
    name_in(received(world), person)
    AwardRecord.objects.create(
        person=person,
        award=world.award,
        year=2019,
        decision_reference="12/QĐ-UBND",
        issuer="UBND huyện Kỳ Anh",
        source=RecordSource.MANUAL,
    )
    return person


def page(client, person):
    return client.get(reverse("person_detail", args=[person.pk]), **EN)


def test_identity_numbers_keep_the_first_3_and_last_2_digits():
    assert mask_identity_number("001085012345") == "001•••••••45"
    assert mask_identity_number("123456789") == "123••••89"
    assert mask_identity_number("12345") == "•••••"
    assert mask_identity_number("") == ""


def test_an_outsider_to_the_person_sees_a_masked_record_and_nothing_is_logged(
    world, login, nominated
):
    # The council member may read the dossier, but does not need the identity data.
    response = page(login(world.member), nominated)
    assert response.status_code == 200
    html = response.content.decode()
    assert IDENTITY not in html and "001•••••••45" in html
    assert "15/06/1985" not in html and "1985" in html
    assert "Lao động tiên tiến" in html and "12/QĐ-UBND" in html  # award history
    assert not PersonalDataAccess.objects.exists()
    view = response.context["person"]
    assert view.masked and view.date_of_birth is None and view.birth_year == 1985


@pytest.mark.parametrize("who", ["clerk", "head"])
def test_the_persons_own_unit_sees_the_full_record_without_a_log_row(world, login, nominated, who):
    html = page(login(getattr(world, who)), nominated).content.decode()
    assert IDENTITY in html and "15/06/1985" in html
    assert not PersonalDataAccess.objects.exists()


def test_the_own_unit_sees_its_people_even_when_no_dossier_names_them(world, login):
    person = make_person(world.justice, name="Trần Văn Cường")
    assert page(login(world.clerk), person).status_code == 200
    assert page(login(world.other_clerk), person).status_code == 404


def test_the_receiving_secretariat_sees_the_full_record_and_the_read_is_logged(
    world, login, nominated
):
    html = page(login(world.officer), nominated).content.decode()
    assert IDENTITY in html and "15/06/1985" in html
    access = PersonalDataAccess.objects.get()
    assert (access.person, access.reader, access.purpose) == (
        nominated,
        world.officer,
        "person_page",
    )
    page(login(world.officer), nominated)
    assert PersonalDataAccess.objects.count() == 2  # every read


def test_a_higher_secretariat_needs_a_dossier_of_its_own(world, login, nominated):
    # The province received nothing naming the person yet.
    assert page(login(world.province_officer), nominated).status_code == 404
    name_in(received(world, authority=world.province), nominated)
    html = page(login(world.province_officer), nominated).content.decode()
    assert IDENTITY in html
    assert PersonalDataAccess.objects.filter(reader=world.province_officer).count() == 1


@pytest.mark.parametrize("who", ["other_clerk", "other_head", "outsider"])
def test_people_with_no_link_to_the_person_get_404(world, login, nominated, who):
    assert page(login(getattr(world, who)), nominated).status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_a_draft_does_not_open_the_person_to_the_secretariat(world, login):
    from tests.factories import create_dossier

    person = make_person(world.justice)
    name_in(create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district), person)
    assert page(login(world.officer), person).status_code == 404


def test_a_superuser_may_look_but_sees_the_masked_record(world, login, nominated):
    from tests.factories import UserFactory

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    view = person_view(nominated, admin, purpose="test")
    assert view.masked and not view.logged


def test_anonymous_visitors_are_sent_to_log_in(client, nominated):
    assert page(client, nominated).status_code == 302


# --- retention --------------------------------------------------------------------------------


def age_dossier(dossier, *, years):
    """Move a dossier and its whole history back in time, and close it."""
    then = timezone.now() - datetime.timedelta(days=365 * years + 30)
    Dossier.objects.filter(pk=dossier.pk).update(
        created_at=then, status=DossierStatus.CLOSED, received_on=then.date()
    )
    AuditEntry.objects.filter(dossier=dossier).update(at=then)


@pytest.fixture
def people(world):
    old = make_person(world.justice, name="Lê Văn Cũ")
    age_dossier(name_in(received(world), old), years=11)
    recent = make_person(world.justice, name="Phạm Thị Mới", identity="001190000001")
    name_in(received(world), recent)
    open_but_old = make_person(world.justice, name="Hoàng Văn Treo", identity="001190000002")
    stale = name_in(received(world), open_but_old)
    Dossier.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=365 * 12)
    )
    AuditEntry.objects.filter(dossier=stale).update(
        at=timezone.now() - datetime.timedelta(days=365 * 12)
    )
    undated = make_person(world.justice, name="Vũ Văn Chưa", identity="001190000003")
    return {"old": old, "recent": recent, "open_but_old": open_but_old, "undated": undated}


def test_purge_blanks_only_records_without_activity_for_the_retention_period(people, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 10
    out = StringIO()
    call_command("purge_personal_data", stdout=out)

    for person in people.values():
        person.refresh_from_db()
    assert people["old"].identity_number == "" and people["old"].date_of_birth is None
    assert people["old"].full_name == "Lê Văn Cũ"  # the public record stays
    assert people["recent"].identity_number == "001190000001"
    assert people["open_but_old"].identity_number == "001190000002"  # its dossier is open
    assert people["undated"].identity_number == "001190000003"
    assert "1 people" in out.getvalue() and "1 people hold personal data" in out.getvalue()


def test_a_recent_award_record_keeps_the_data(world, people, settings):
    AwardRecord.objects.create(
        person=people["old"],
        award=world.award,
        year=timezone.localdate().year - 1,
        source=RecordSource.IMPORT,
    )
    call_command("purge_personal_data", stdout=StringIO())
    people["old"].refresh_from_db()
    assert people["old"].identity_number == IDENTITY


def test_a_longer_retention_period_keeps_the_old_record(people):
    call_command("purge_personal_data", "--years", "12", stdout=StringIO())
    people["old"].refresh_from_db()
    assert people["old"].identity_number == IDENTITY


def test_dry_run_changes_nothing(people):
    before = list(Person.objects.order_by("pk").values_list("identity_number", "date_of_birth"))
    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    after = list(Person.objects.order_by("pk").values_list("identity_number", "date_of_birth"))
    assert after == before
    assert "would blank" in out.getvalue() and str(people["old"].pk) in out.getvalue()
