"""The organisation tree keeps its history across reorganisations."""

import datetime

import pytest
from django.urls import reverse

from nominations.errors import DomainError
from nominations.models import AuthorityLevel, Unit, UnitKind
from nominations.roles import Role
from nominations.services import authorities_for_unit
from tests.factories import AuthorityFactory, UnitFactory, UserFactory, create_dossier, grant

pytestmark = pytest.mark.django_db

MERGER = datetime.date(2025, 6, 30)


def test_a_merged_unit_still_shows_on_its_old_dossiers(world, login):
    dossier = create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)
    successor = UnitFactory(name="Phòng Tư pháp (sau sáp nhập)")
    Unit.objects.filter(pk=world.justice.pk).update(valid_until=MERGER, successor=successor)

    page = login(world.clerk).get(reverse("dossier_detail", args=[dossier.pk]))

    assert page.status_code == 200
    assert "Phòng Tư pháp" in page.content.decode()
    assert Unit.objects.active_on(datetime.date(2020, 9, 2)).filter(pk=world.justice.pk).exists()
    assert not Unit.objects.active_on(datetime.date(2026, 1, 1)).filter(pk=world.justice.pk)


def test_a_unit_that_no_longer_exists_drafts_no_new_dossier(world):
    successor = UnitFactory(name="Phòng Tư pháp (sau sáp nhập)")
    Unit.objects.filter(pk=world.justice.pk).update(valid_until=MERGER, successor=successor)
    world.justice.refresh_from_db()
    with pytest.raises(DomainError, match="sau sáp nhập"):
        create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)


def test_any_depth_works_province_to_commune_without_a_district():
    """After 2025 a commune answers directly to the province; the tree does not care."""
    province = AuthorityFactory(
        unit=UnitFactory(name="UBND tỉnh Hà Tĩnh", kind=UnitKind.PROVINCE),
        level=AuthorityLevel.PROVINCE,
    )
    commune_unit = UnitFactory(name="UBND xã Kỳ Anh", kind=UnitKind.COMMUNE, parent=province.unit)
    commune = AuthorityFactory(unit=commune_unit, level=AuthorityLevel.BASE, parent=province)
    school = UnitFactory(name="Trường Tiểu học Kỳ Anh", kind=UnitKind.SCHOOL, parent=commune_unit)

    assert authorities_for_unit(school) == [commune, province]
    clerk = UserFactory()
    grant(clerk, school, Role.UNIT_CLERK)
    dossier = create_dossier(clerk=clerk, unit=school, authority=commune)
    assert dossier.authority == commune
