"""One nomination walks the whole chain through the pages, as each role in turn."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from nominations.documents.completeness import dossier_completeness
from nominations.documents.samples import minimal_pdf
from nominations.models import (
    AuditAction,
    Decision,
    DecisionOutcome,
    Dossier,
    DossierStatus,
    Notification,
)
from nominations.roles import Role
from tests.factories import provincial_award
from tests.workflows.helpers import dossier_at, management, nominee_form, session_through_pages
from workflows.engine import open_step

pytestmark = pytest.mark.django_db


def create_through_page(client, world, nominees):
    data = {
        "unit": world.justice.pk,
        "authority": world.district.pk,
        "title": "Đề nghị khen thưởng Chỉ thị 42-CT/TU",
        "commendation_type": "movement",
        "year": "2020",
        **management(len(nominees)),
    }
    for index, (name, award, kind) in enumerate(nominees):
        data.update(nominee_form(index, name, award, kind))
    return client.post(reverse("dossier_create"), data)


def step_url(dossier, name):
    return reverse("task_detail", args=[open_step(dossier, name).pk])


def upload_through_page(client, dossier, back, kind, nominee=None, name="tai-lieu.pdf"):
    """The panel's upload form on the prepare step: it comes back to that page."""
    url = reverse("attachment_upload", args=[dossier.pk]) + f"?next={back}"
    data = {
        "kind": kind,
        "nominee": nominee.pk if nominee else "",
        "file": SimpleUploadedFile(name, minimal_pdf(name), content_type="application/pdf"),
    }
    response = client.post(url, data)
    assert (response.status_code, response["Location"]) == (302, back)


def test_a_nomination_walks_from_draft_to_a_numbered_decision_and_upward(world, login):
    bang_khen = provincial_award()
    client = login(world.clerk)
    response = create_through_page(
        client,
        world,
        [("Nguyễn Văn An", world.award, "individual"), ("Phòng Tư pháp", bang_khen, "collective")],
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.status == DossierStatus.DRAFT

    # Sending it without its documents is refused, naming what is missing.
    data = {
        "title": dossier.title,
        "commendation_type": "movement",
        "year": "2020",
        "action": "submit",
        **management(2),
        **nominee_form(0, "Nguyễn Văn An", world.award),
        **nominee_form(1, "Phòng Tư pháp", bang_khen, "collective"),
    }
    refused = client.post(step_url(dossier, "prepare"), data)
    assert refused.status_code == 200
    assert "Nguyễn Văn An" in refused.context["form"].non_field_errors()[0]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT

    # The step's page offers one upload form per missing document, and one for any other.
    prepare_page = step_url(dossier, "prepare")
    required = dossier_completeness(dossier)
    assert len(required) == 3  # the letter, and an achievement report per nominee
    assert client.get(prepare_page).content.decode().count('type="file"') == len(required) + 1
    for item in required:
        name = f"{item.document}-{item.nominee.full_name if item.nominee else 'ho-so'}.pdf"
        upload_through_page(client, dossier, prepare_page, item.document, item.nominee, name)
    assert all(item.present for item in dossier_completeness(dossier))
    assert client.post(prepare_page, data).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_HEAD

    # The unit head sees it in the inbox and approves.
    client = login(world.head)
    assert dossier.title in client.get(reverse("inbox")).content.decode()
    client.post(step_url(dossier, "head_review"), {"outcome": "approve", "reason": ""})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED

    # The secretariat returns it once, with a reason; the unit revises and resubmits.
    client = login(world.officer)
    client.post(
        step_url(dossier, "secretariat_check"),
        {"outcome": "send_back", "reason": "Thiếu báo cáo thành tích."},
    )
    dossier.refresh_from_db()
    assert (dossier.status, dossier.round) == (DossierStatus.RETURNED, 2)
    client = login(world.clerk)
    client.post(step_url(dossier, "prepare"), data)  # the documents stayed with the nominees
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_HEAD
    client = login(world.head)
    client.post(step_url(dossier, "head_review"), {"outcome": "approve", "reason": ""})
    client = login(world.officer)
    client.post(step_url(dossier, "secretariat_check"), {"outcome": "approve", "reason": ""})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_COUNCIL

    # The council meets: every member votes for both; the provincial award is proposed upward.
    session = session_through_pages(world, login, [dossier])
    assert session.status == "closed"
    an, collective = dossier.nominees.order_by("position")
    assert (an.council_outcome, collective.council_outcome) == ("agreed", "propose_higher")
    assert dossier.attachments.filter(kind="council_minutes").exists()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_DECISION

    # The authority head awards one and forwards the other upward.
    client = login(world.chair)
    response = client.post(
        step_url(dossier, "decide"),
        {
            f"choice_{an.pk}": DecisionOutcome.AWARDED,
            f"note_{an.pk}": "",
            f"choice_{collective.pk}": DecisionOutcome.FORWARDED,
            f"note_{collective.pk}": "",
            "signer_title": "KT. Chủ tịch – Phó Chủ tịch",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    decision = Decision.objects.get()
    assert dossier.status == DossierStatus.CLOSED
    assert (decision.number, decision.authority) == (1, world.district)
    assert list(decision.awardees.values_list("full_name", flat=True)) == ["Nguyễn Văn An"]

    # The unit is notified; the public register shows the decision.
    assert Notification.objects.filter(recipient=world.clerk, event="decided").exists()
    public = client.get(reverse("public_decision", args=[decision.pk])).content.decode()
    assert "Nguyễn Văn An" in public and decision.reference in public

    # A linked dossier opened at the province, prepared by the district, with the lower result.
    upper = Dossier.objects.get(origin=dossier)
    assert (upper.authority, upper.unit) == (world.province, world.district.unit)
    assert upper.nominees.get().source_nominee == collective
    client = login(world.officer)
    assert upper.title in client.get(reverse("inbox")).content.decode()

    # Every round and step is on the record, with who and why.
    actions = list(dossier.audit_entries.values_list("action", flat=True))
    assert actions.count(AuditAction.DOSSIER_SENT_TO_HEAD) == 2
    returned = dossier.audit_entries.get(action=AuditAction.DOSSIER_RETURNED)
    assert (returned.actor, returned.reason) == (world.officer, "Thiếu báo cáo thành tích.")


def test_the_dossier_page_says_who_holds_it_and_by_when(world, login):
    from django.core.management import call_command

    call_command("load_processing_time_limits", verbosity=0)
    dossier = dossier_at(world, "secretariat_check")
    page = login(world.clerk).get(reverse("dossier_detail", args=[dossier.pk])).content.decode()
    # Waiting for the district's secretariat, with the working-day deadline of its register.
    with translation.override("vi"):
        assert f"{Role.SECRETARIAT_OFFICER.label} (Phòng Nội vụ)" in page
    assert 'class="deadline"' in page and f'<time datetime="{dossier.received_on.year}' in page
    # Taken by the officer: the page names them.
    login(world.officer).post(
        reverse("task_take", args=[open_step(dossier, "secretariat_check").pk])
    )
    page = login(world.clerk).get(reverse("dossier_detail", args=[dossier.pk])).content.decode()
    assert world.officer.get_full_name() in page
