"""Shared fixtures: a small world of units and people (one persona per role)."""

import os
from types import SimpleNamespace

import pytest
from django.db import connection

from nominations.models import AuthorityLevel, Council, CouncilPosition, UnitKind
from nominations.roles import Role
from tests.factories import (
    AuthorityFactory,
    AwardFactory,
    UnitFactory,
    UserFactory,
    council_procedure,
    grant,
    seat,
)

IN_CI = os.environ.get("CI") == "true"


def pytest_collection_modifyitems(config, items):
    """Tests that need PostgreSQL skip elsewhere, except in CI, where they must run."""
    if connection.vendor == "postgresql":
        return
    if IN_CI:
        raise pytest.UsageError("CI runs the tests on PostgreSQL: set DATABASE_URL")
    reason = "needs PostgreSQL: run `make test` with PostgreSQL up (DATABASE_URL)"
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Tests log in often; the production hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_attachments(settings, tmp_path):
    """Each test stores its attachments in its own folder, never in the tree's var/."""
    attachments = settings.STORAGES["attachments"]
    options = {**attachments.get("OPTIONS", {}), "location": tmp_path / "attachments"}
    settings.STORAGES = {**settings.STORAGES, "attachments": {**attachments, "OPTIONS": options}}


@pytest.fixture
def world(db):
    """A province above a district; two departments; one person per role."""
    province = AuthorityFactory(
        unit=UnitFactory(code="tinh", name="UBND tỉnh Hà Tĩnh", kind=UnitKind.PROVINCE),
        level=AuthorityLevel.PROVINCE,
        secretariat_unit=UnitFactory(code="ban-tdkt", name="Ban Thi đua - Khen thưởng tỉnh"),
        place_name="Hà Tĩnh",
    )
    district_unit = UnitFactory(
        code="huyen", name="UBND huyện Kỳ Anh", kind=UnitKind.DISTRICT, parent=province.unit
    )
    district = AuthorityFactory(
        unit=district_unit,
        parent=province,
        secretariat_unit=UnitFactory(code="noi-vu", name="Phòng Nội vụ", parent=district_unit),
    )
    justice = UnitFactory(code="tu-phap", name="Phòng Tư pháp", parent=district_unit)
    health = UnitFactory(code="y-te", name="Phòng Y tế", parent=district_unit)

    people = {
        "clerk": (justice, Role.UNIT_CLERK),
        "head": (justice, Role.UNIT_HEAD),
        "other_clerk": (health, Role.UNIT_CLERK),
        "other_head": (health, Role.UNIT_HEAD),
        "officer": (district.secretariat_unit, Role.SECRETARIAT_OFFICER),
        "member": (district_unit, Role.COUNCIL_MEMBER),
        "chair": (district_unit, Role.AUTHORITY_HEAD),
        "province_officer": (province.secretariat_unit, Role.SECRETARIAT_OFFICER),
        "province_chair": (province.unit, Role.AUTHORITY_HEAD),
    }
    users = {}
    for name, (unit, role) in people.items():
        users[name] = UserFactory(username=name)
        grant(users[name], unit, role)
    # The district's own proposals to the province are drafted by its secretariat officer
    # and approved by its chair, acting for the district as a proposing unit.
    grant(users["officer"], district_unit, Role.UNIT_CLERK)
    grant(users["chair"], district_unit, Role.UNIT_HEAD)
    # The district's council: its chair, the secretariat officer as secretary, one member.
    council = Council.objects.create(authority=district, name="Hội đồng Thi đua - Khen thưởng")
    council_procedure()
    seats = {
        "chair": seat(council, users["chair"], CouncilPosition.CHAIR),
        "officer": seat(council, users["officer"], CouncilPosition.SECRETARY),
        "member": seat(council, users["member"]),
    }
    return SimpleNamespace(
        province=province,
        district=district,
        justice=justice,
        health=health,
        award=AwardFactory(),
        council=council,
        seats=SimpleNamespace(**seats),
        outsider=UserFactory(username="outsider"),
        **users,
    )


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
