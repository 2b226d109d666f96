"""The documents a dossier must carry, by procedure, award and period; sending waits for them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from nominations import services
from nominations.documents.completeness import (
    MISSING_NAMED_AT_MOST,
    RULES,
    dossier_completeness,
    missing_message,
)
from nominations.errors import DomainError
from nominations.models import (
    AuthorityLevel,
    AwardKind,
    CommendationType,
    DocumentKind,
    Dossier,
    DossierStatus,
    RecipientKind,
)
from tests.factories import AwardFactory, create_dossier, nominee
from tests.nominations.test_documents import attach
from tests.workflows.helpers import attach_required_documents, management, nominee_form
from workflows.engine import open_step

pytestmark = pytest.mark.django_db

LETTER = DocumentKind.SUBMISSION_LETTER
REPORT = DocumentKind.ACHIEVEMENT_REPORT
MINUTES = DocumentKind.COUNCIL_MINUTES
INITIATIVE = DocumentKind.INITIATIVE_EVIDENCE
SUMMARY = DocumentKind.SHORT_SUMMARY
IN_2023 = datetime.date(2023, 6, 1)  # Law 2003, Decree 91/2017
IN_2026 = datetime.date(2026, 3, 1)  # Law 2022, Decree 152/2025


def title_award(code, name):
    return AwardFactory(
        code=code,
        name=name,
        kind=AwardKind.TITLE,
        recipient_kind=RecipientKind.INDIVIDUAL,
        levels=(AuthorityLevel.BASE, AuthorityLevel.GOVERNMENT),
    )


def dossier_of(world, *nominees, commendation_type=CommendationType.REGULAR) -> Dossier:
    dossier = create_dossier(
        clerk=world.clerk, unit=world.justice, authority=world.district, nominees=list(nominees)
    )
    Dossier.objects.filter(pk=dossier.pk).update(commendation_type=commendation_type)
    dossier.refresh_from_db()
    return dossier


def asked(dossier, on=None) -> list[tuple[str, str | None]]:
    return [
        (item.document, item.nominee.full_name if item.nominee else None)
        for item in dossier_completeness(dossier, on=on)
    ]


def test_a_regular_dossier_asks_the_letter_and_a_report_per_nominee(world):
    dossier = dossier_of(
        world,
        nominee("Nguyễn Văn An"),
        nominee("Trần Thị Bình"),
    )
    assert asked(dossier) == [
        (LETTER, None),
        (REPORT, "Nguyễn Văn An"),
        (REPORT, "Trần Thị Bình"),
    ]
    assert not any(item.present for item in dossier_completeness(dossier))


def test_a_sudden_act_asks_only_the_letter_and_a_short_summary(world):
    people = [nominee("Nguyễn Văn An"), nominee("Trần Thị Bình")]
    sudden = dossier_of(world, *people, commendation_type=CommendationType.SUDDEN)
    regular = dossier_of(world, *people)

    assert asked(sudden) == [(LETTER, None), (SUMMARY, None)]
    assert len(asked(sudden)) < len(asked(regular))
    attach(sudden, world.clerk, name="to-trinh.pdf")
    attach(sudden, world.clerk, name="tom-tat.pdf", kind=SUMMARY)
    services.dossier_send_to_head(actor=world.clerk, dossier=sudden)
    sudden.refresh_from_db()
    assert sudden.status == DossierStatus.AWAITING_HEAD


def test_voted_titles_add_the_council_minutes_and_the_initiative(world):
    base = title_award("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở")
    national = title_award("chien-si-thi-dua-toan-quoc", "Chiến sĩ thi đua toàn quốc")
    dossier = dossier_of(world, nominee("Nguyễn Văn An", award=base), nominee("Lê Văn Cường"))

    assert asked(dossier, on=IN_2023) == [
        (LETTER, None),
        (REPORT, "Nguyễn Văn An"),
        (REPORT, "Lê Văn Cường"),
        (MINUTES, None),
        (INITIATIVE, "Nguyễn Văn An"),
    ]
    # Under the 2022 law the base title's initiative is still asked, but marked unverified.
    by_kind = {item.document: item for item in dossier_completeness(dossier, on=IN_2026)}
    assert by_kind[INITIATIVE].verified is False
    assert by_kind[INITIATIVE].nominee.full_name == "Nguyễn Văn An"

    top = dossier_of(world, nominee("Phạm Thị Dung", award=national))
    minutes = next(i for i in dossier_completeness(top, on=IN_2023) if i.document == MINUTES)
    assert minutes.verified and "Điều 49" in minutes.source


def test_every_rule_has_a_period_and_a_source(world):
    for rule in RULES:
        start, end = rule.period
        assert rule.source.strip(), rule
        assert start is None or end is None or start <= end, rule
        assert rule.types, rule


def test_rules_are_those_in_force_when_the_dossier_was_sent(world):
    dossier = dossier_of(world, nominee("Nguyễn Văn An"))
    Dossier.objects.filter(pk=dossier.pk).update(
        submitted_at=datetime.datetime(2023, 5, 2, 9, tzinfo=datetime.UTC)
    )
    dossier.refresh_from_db()
    letter = dossier_completeness(dossier)[0]
    assert "Nghị định 91/2017" in letter.source and letter.verified


def test_sending_is_refused_while_a_document_is_missing_naming_each(world):
    dossier = dossier_of(world, nominee("Nguyễn Văn An"), nominee("Trần Thị Bình"))
    attach(dossier, world.clerk, kind=REPORT, nominee=dossier.nominees.get(position=2))

    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.dossier_send_to_head(actor=world.clerk, dossier=dossier)

    assert (
        refused.value.message == "Missing: submission letter; achievement report of Nguyễn Văn An."
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT
    assert not dossier.audit_entries.filter(action="dossier.sent_to_head").exists()

    attach_required_documents(dossier, world.clerk)
    services.dossier_send_to_head(actor=world.clerk, dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_HEAD


def test_a_long_list_of_missing_documents_is_cut_short(world):
    many = [nominee(f"Người số {n}") for n in range(MISSING_NAMED_AT_MOST + 5)]
    dossier = dossier_of(world, *many)
    with translation.override("en"):
        message = missing_message(dossier_completeness(dossier))
    assert message.startswith("Missing: submission letter; achievement report of Người số 0")
    assert message.endswith("; and 6 more.")


def test_the_prepare_page_names_what_is_missing_and_keeps_the_typed_text(world, login):
    dossier = dossier_of(world, nominee("Nguyễn Văn An"))
    client = login(world.clerk)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    data = {
        "title": "Tên hồ sơ vừa sửa",
        "commendation_type": "regular",
        "year": "2020",
        "action": "submit",
        **management(1),
        **nominee_form(0, "Nguyễn Văn An", world.award),
    }
    response = client.post(reverse("task_detail", args=[open_step(dossier, "prepare").pk]), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Missing: submission letter; achievement report of Nguyễn Văn An." in page
    assert "Tên hồ sơ vừa sửa" in page
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def test_a_nominees_documents_stay_with_them_when_the_draft_is_saved(world):
    dossier = dossier_of(world, nominee("Nguyễn Văn An"), nominee("Trần Thị Bình"))
    an, binh = dossier.nominees.order_by("position")
    report = attach(dossier, world.clerk, kind=REPORT, nominee=an, name="an.pdf")
    attach(dossier, world.clerk, kind=REPORT, nominee=binh, name="binh.pdf")

    def save(*names):
        services.dossier_update(
            actor=world.clerk,
            dossier=dossier,
            title=dossier.title,
            commendation_type=dossier.commendation_type,
            year=dossier.year,
            nominees=[nominee(name, summary="Sửa lại tóm tắt.") for name in names],
        )

    save("Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình")  # reordered, one more
    report.refresh_from_db()
    assert report.nominee_id == an.pk
    assert dossier.nominees.get(pk=an.pk).position == 2

    save("Lê Văn Cường", "Nguyễn Văn An")  # Bình is no longer proposed: her report goes
    assert list(dossier.attachments.values_list("original_name", flat=True)) == ["an.pdf"]
