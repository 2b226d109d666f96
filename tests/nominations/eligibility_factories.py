"""What the eligibility engine reads: people, their award history, registrations, discipline and
initiatives; dossiers drafted for a year, and their findings by rule."""

import datetime

import factory

from nominations import services
from nominations.catalogue import AWARDS
from nominations.eligibility import evaluate_dossier
from nominations.models import (
    AwardRecord,
    CommendationType,
    DisciplineRecord,
    EmulationRegistration,
    Initiative,
    Person,
    RecordSource,
)
from tests.factories import AwardFactory, UnitFactory, nominee

LDTT = "lao-dong-tien-tien"
CSTDCS = "chien-si-thi-dua-co-so"
CSTD_PROVINCE = "chien-si-thi-dua-cap-tinh"
CSTD_NATIONAL = "chien-si-thi-dua-toan-quoc"
TTLDTT = "tap-the-lao-dong-tien-tien"
BANG_KHEN = "bang-khen-tinh-ca-nhan"

_CATALOGUE = {code: (name, kind, recipient) for code, name, kind, recipient, *_rest in AWARDS}


def award(code):
    name, kind, recipient = _CATALOGUE[code]
    return AwardFactory(code=code, name=name, kind=kind, recipient_kind=recipient)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Trần Văn Số {n}")
    unit = factory.SubFactory(UnitFactory)


def holds(person, code, *years, reference=""):
    AwardRecord.objects.bulk_create(
        AwardRecord(
            person=person,
            award=award(code),
            year=year,
            decision_reference=reference,
            source=RecordSource.IMPORT,
        )
        for year in years
    )


def registered(person=None, *, unit=None, year=2020):
    return EmulationRegistration.objects.create(
        unit=unit or person.unit,
        person=person,
        year=year,
        registered_on=datetime.date(year, 1, 15),
    )


def disciplined(person, level, *, year=2020):
    return DisciplineRecord.objects.create(person=person, year=year, level=level)


def initiative(person, level, *, year=2020, title="Số hóa sổ hộ tịch"):
    return Initiative.objects.create(person=person, level=level, year=year, title=title)


def propose(name, code):
    return nominee(name, award=award(code))


def draft(clerk, unit, authority, *nominees, year=2020):
    """A dossier drafted by the unit's clerk for the achievements of `year`."""
    return services.dossier_create(
        actor=clerk,
        authority=authority,
        unit=unit,
        title=f"Đề nghị khen thưởng năm {year}",
        commendation_type=CommendationType.REGULAR,
        year=year,
        nominees=list(nominees),
    )


def conditions(dossier, name):
    """The findings on the named nominee, by rule (the code before its period)."""
    result = next(r for r in evaluate_dossier(dossier).nominees.values() if r.full_name == name)
    return {finding.rule.split("/")[0]: finding for finding in result.findings}


def quota(dossier):
    findings = evaluate_dossier(dossier).units.get(dossier.unit_id, [])
    return next(finding for finding in findings if finding.rule.startswith("cstdcs-quota"))
