"""Drafting a dossier: bad input is refused with a clear message and nothing is lost."""

import unicodedata

import pytest
from django.urls import reverse
from django.utils import translation

from nominations import services
from nominations.errors import DomainError, NotAllowed, StepOutOfOrder
from nominations.models import Dossier, DossierStatus, RecipientKind
from tests.factories import AwardFactory, create_dossier, nominee
from tests.workflows.helpers import attach_required_documents

pytestmark = pytest.mark.django_db

NFC_NAME = "Nguyễn Thị Hồng Nhung"
NFD_NAME = unicodedata.normalize("NFD", NFC_NAME)


def create_form(world, **nominee_fields):
    data = {
        "unit": world.justice.pk,
        "authority": world.district.pk,
        "title": "Đề nghị khen thưởng năm 2020",
        "commendation_type": "regular",
        "year": "2020",
        "nominees-TOTAL_FORMS": "1",
        "nominees-INITIAL_FORMS": "0",
        "nominees-MIN_NUM_FORMS": "0",
        "nominees-MAX_NUM_FORMS": "1000",
    }
    fields = {
        "recipient_kind": "individual",
        "full_name": "Nguyễn Văn An",
        "award": world.award.pk,
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ.",
        **nominee_fields,
    }
    data.update({f"nominees-0-{k}": v for k, v in fields.items()})
    return data


def test_a_dossier_without_nominees_is_refused_and_the_typed_title_kept(world, login):
    data = create_form(world, full_name="", achievement_summary="", award="")
    response = login(world.clerk).post(reverse("dossier_create"), data)
    assert response.status_code == 200
    assert not Dossier.objects.exists()
    assert "Đề nghị khen thưởng năm 2020" in response.content.decode()
    with pytest.raises(DomainError):
        services.dossier_create(
            actor=world.clerk,
            authority=world.district,
            unit=world.justice,
            title="Hồ sơ trống",
            commendation_type="regular",
            year=2020,
            nominees=[],
        )


def test_an_unknown_award_is_refused(world, login):
    response = login(world.clerk).post(reverse("dossier_create"), create_form(world, award="99999"))
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["award"]
    assert not Dossier.objects.exists()


def test_an_award_withdrawn_from_the_catalogue_is_refused(world):
    retired = AwardFactory(code="retired", name="Danh hiệu cũ", is_active=False)
    with pytest.raises(DomainError):
        create_dossier(
            clerk=world.clerk,
            unit=world.justice,
            authority=world.district,
            nominees=[nominee(award=retired)],
        )


def test_an_individual_award_cannot_go_to_a_collective(world):
    with translation.override("en"), pytest.raises(DomainError, match="Nominee 1"):
        create_dossier(
            clerk=world.clerk,
            unit=world.justice,
            authority=world.district,
            nominees=[nominee("Phòng Tư pháp", recipient_kind=RecipientKind.COLLECTIVE)],
        )


def test_names_typed_in_nfd_are_stored_in_nfc_and_found_either_way(world, login):
    login(world.clerk).post(reverse("dossier_create"), create_form(world, full_name=NFD_NAME))
    stored = Dossier.objects.get().nominees.get().full_name
    assert stored == NFC_NAME and unicodedata.is_normalized("NFC", stored)

    client = login(world.clerk)
    for query in (NFC_NAME, NFD_NAME, "nguyen thi hong nhung", "HỒNG NHUNG"):
        page = client.get(reverse("dossier_list"), {"q": query}).content.decode()
        assert "Đề nghị khen thưởng năm 2020" in page, query
    page = client.get(reverse("dossier_list"), {"q": "Trần Văn Bình"}).content.decode()
    assert "Đề nghị khen thưởng năm 2020" not in page


@pytest.mark.parametrize("bad", ["Nguy\ufffdn Văn An", "Nguyễn\x00 Văn An"])
def test_malformed_text_is_refused_or_cleaned(world, login, bad):
    response = login(world.clerk).post(reverse("dossier_create"), create_form(world, full_name=bad))
    if "\ufffd" in bad:
        assert response.status_code == 200
        assert "full_name" in response.context["formset"].forms[0].errors
        assert not Dossier.objects.exists()
    else:
        assert Dossier.objects.get().nominees.get().full_name == "Nguyễn Văn An"


def test_an_oversized_title_is_refused(world, login):
    data = create_form(world)
    data["title"] = "Đ" * 301
    response = login(world.clerk).post(reverse("dossier_create"), data)
    assert response.status_code == 200 and "title" in response.context["form"].errors


def test_a_clerk_cannot_draft_for_another_unit(world, login):
    data = create_form(world)
    data["unit"] = world.health.pk
    response = login(world.clerk).post(reverse("dossier_create"), data)
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    with pytest.raises(NotAllowed):
        create_dossier(clerk=world.clerk, unit=world.health, authority=world.district)


def test_people_who_draft_for_no_unit_cannot_open_the_new_dossier_page(world, login):
    assert login(world.member).get(reverse("dossier_create")).status_code == 404


def test_a_double_submitted_form_moves_the_dossier_once(world, login):
    dossier = create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)
    attach_required_documents(dossier, world.clerk)
    task = dossier.process.task_set.get(flow_task_type="HUMAN")
    data = {
        "title": dossier.title,
        "commendation_type": "regular",
        "year": "2020",
        "action": "submit",
        **{k: v for k, v in create_form(world).items() if k.startswith("nominees-")},
    }
    client = login(world.clerk)
    first = client.post(reverse("task_detail", args=[task.pk]), data)
    second = client.post(reverse("task_detail", args=[task.pk]), data, follow=True)

    assert first.status_code == 302
    assert "already done" in second.content.decode() or "đã được" in second.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_HEAD
    assert dossier.audit_entries.filter(action="dossier.sent_to_head").count() == 1


def test_a_step_out_of_order_is_refused_by_the_service(world):
    dossier = create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)
    attach_required_documents(dossier, world.clerk)
    services.dossier_send_to_head(actor=world.clerk, dossier=dossier)
    services.dossier_head_approve(actor=world.head, dossier=dossier)
    with pytest.raises(StepOutOfOrder):
        services.dossier_head_approve(actor=world.head, dossier=dossier)
    with pytest.raises(StepOutOfOrder):
        services.dossier_decide(actor=world.chair, dossier=dossier, outcomes={}, signer_title="")


def test_sending_back_needs_a_reason(world):
    dossier = create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)
    attach_required_documents(dossier, world.clerk)
    services.dossier_send_to_head(actor=world.clerk, dossier=dossier)
    with translation.override("en"), pytest.raises(DomainError, match="reason"):
        services.dossier_head_send_back(actor=world.head, dossier=dossier, reason="   ")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_HEAD
