"""Certificates printed per awardee from an issued decision, for the offices that see it."""

import io

from django.urls import reverse
from pypdf import PdfReader

from nominations import services
from nominations.models import DecisionOutcome
from tests.factories import nominee
from tests.workflows.helpers import complete, dossier_at


def _decided(world):
    dossier = dossier_at(
        world, "decide", nominees=[nominee("Nguyễn Văn An"), nominee("Lê Thị Bình")]
    )
    outcomes = {n.pk: (DecisionOutcome.AWARDED, "") for n in dossier.nominees.all()}
    complete(
        dossier,
        "decide",
        world.chair,
        lambda: services.dossier_decide(
            actor=world.chair, dossier=dossier, outcomes=outcomes, signer_title="Chủ tịch"
        ),
    )
    return dossier.decisions.get()


def _text(response):
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def test_one_page_per_awardee_with_the_name_award_and_decision(world, login):
    decision = _decided(world)
    response = login(world.clerk).get(reverse("decision_certificates", args=[decision.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader, pages = _text(response)
    assert len(pages) == 2
    for page, name in zip(pages, ("Nguyễn Văn An", "Lê Thị Bình"), strict=True):
        assert name in page and "Lao động tiên tiến" in page
        assert decision.reference in page and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # A4 landscape


def test_the_preprinted_form_gets_only_what_changes(world, login):
    decision = _decided(world)
    url = reverse("decision_certificates", args=[decision.pk]) + "?form=preprinted"
    _reader, pages = _text(login(world.officer).get(url))
    assert "Nguyễn Văn An" in pages[0] and decision.reference in pages[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in pages[0]


def test_outsiders_get_no_certificate(world, login, client):
    decision = _decided(world)
    url = reverse("decision_certificates", args=[decision.pk])
    for intruder in (world.other_clerk, world.outsider):
        assert login(intruder).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_a_deputy_signs_for_the_chair_on_behalf_of_the_committee_however_it_is_typed():
    from nominations.decision_document import signature_lines

    expected = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    committee = "Ủy ban nhân dân huyện Kỳ Anh"
    for typed in ("KT. Chủ tịch – Phó Chủ tịch", "KT. Chủ tịch / Phó Chủ tịch", "KT. Chủ tịch"):
        assert signature_lines(typed, committee, "Chủ tịch") == expected
