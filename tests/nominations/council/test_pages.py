"""The council's pages: who sees what, the ballot page's marks kept, nothing lost on refusal."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nominations.models import BallotDraft, BallotParticipation, CouncilSession
from tests.factories import nominee
from tests.workflows.helpers import convene, dossier_at
from workflows import council_script

OUTSIDERS = ["clerk", "other_head", "outsider", "province_officer", "province_chair"]


@pytest.mark.parametrize("intruder", OUTSIDERS)
def test_people_outside_the_council_get_404_on_every_session_page(
    world, login, voting_session, intruder
):
    client = login(getattr(world, intruder))
    absent = world.seats.member
    for url in (
        reverse("council_session_detail", args=[voting_session.pk]),
        reverse("council_ballot", args=[voting_session.pk]),
        reverse("council_written_ballot", args=[voting_session.pk, absent.pk]),
        reverse("council_minutes_download", args=[voting_session.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("council_recusal_add", args=[voting_session.pk]), {})
    assert response.status_code == 404
    assert client.get(reverse("council_session_create")).status_code == 404
    assert (
        str(voting_session.title)
        not in client.get(reverse("council_session_list")).content.decode()
    )


def test_a_member_reads_the_session_but_cannot_run_its_steps(world, login, voting_session):
    client = login(world.member)
    page = client.get(reverse("council_session_detail", args=[voting_session.pk])).content.decode()
    assert "Nguyễn Văn An" in page and reverse("council_ballot", args=[voting_session.pk]) in page
    assert client.get(reverse("council_session_create")).status_code == 404
    # Insiders who may read but not run the session are refused, not misled.
    written = reverse("council_written_ballot", args=[voting_session.pk, world.seats.chair.pk])
    assert client.get(written).status_code == 403
    response = client.post(reverse("council_recusal_add", args=[voting_session.pk]), {})
    assert response.status_code == 403
    assert not voting_session.items.filter(recusals__isnull=False).exists()


def test_the_ballot_page_keeps_marks_then_submits_once(world, login, voting_session):
    client = login(world.member)
    url = reverse("council_ballot", args=[voting_session.pk])
    first, second = voting_session.items.order_by("position")
    response = client.post(
        url, {"action": "save", f"mark-{first.pk}": "disagree"}, HTTP_ACCEPT="application/json"
    )
    assert json.loads(response.content) == {"saved": True, "marked": 1}
    page = client.get(url).content.decode()
    assert 'value="disagree" checked' in page
    # An incomplete ballot is refused with a message; the marks stay.
    response = client.post(url, {"action": "submit", f"mark-{first.pk}": "agree"}, follow=True)
    assert not BallotParticipation.objects.exists()
    assert BallotDraft.objects.get().marks == {str(first.pk): "agree"}
    assert response.status_code == 200
    marks = {f"mark-{first.pk}": "agree", f"mark-{second.pk}": "abstain"}
    client.post(url, {"action": "submit", **marks})
    assert BallotParticipation.objects.filter(member=world.seats.member).count() == 1
    # A second submit (a double click, a replayed form) changes nothing and says why.
    response = client.post(url, {"action": "submit", **marks}, follow=True)
    assert response.status_code == 200 and BallotParticipation.objects.count() == 1
    assert not BallotDraft.objects.exists()


def test_malformed_marks_are_refused_without_an_error_page(world, login, voting_session):
    client = login(world.member)
    url = reverse("council_ballot", args=[voting_session.pk])
    first = voting_session.items.order_by("position").first()
    for value in ("yes", "agree\u0000", "Đồng ý", "x" * 5000):
        response = client.post(
            url, {"action": "save", f"mark-{first.pk}": value}, HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 409
    assert not BallotDraft.objects.exists()


def _ballot_page_queries(client, session):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("council_ballot", args=[session.pk])).status_code == 200
    return len(queries)


def test_the_ballot_page_costs_the_same_queries_for_two_nominees_or_twelve(world, login):
    counts = []
    for size in (2, 12):
        dossier = dossier_at(
            world, "council_review", nominees=[nominee(f"Người {i}") for i in range(size)]
        )
        session = convene(world, [dossier], title=f"Phiên {size}")
        council_script.open_ballot(
            session, officer=world.officer, present=[world.seats.member, world.seats.chair]
        )
        counts.append(
            _ballot_page_queries(login(world.member), CouncilSession.objects.get(pk=session.pk))
        )
    assert counts[0] == counts[1]


def test_the_session_list_is_searched_without_diacritics_and_filtered_by_status(
    world, login, voting_session
):
    client = login(world.officer)
    listed = client.get(reverse("council_session_list"), {"q": "phien hop xet"}).content.decode()
    assert voting_session.title in listed
    missing = client.get(reverse("council_session_list"), {"q": "tong ket nam"}).content.decode()
    assert voting_session.title not in missing
    closed = client.get(reverse("council_session_list"), {"status": "closed"}).content.decode()
    assert voting_session.title not in closed
    voting_now = client.get(reverse("council_session_list"), {"status": "voting"}).content.decode()
    assert voting_session.title in voting_now
