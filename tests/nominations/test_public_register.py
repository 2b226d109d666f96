"""The public register: decisions found without diacritics, and awardees per year drawn."""

from django.urls import reverse

from nominations import services
from nominations.models import DecisionOutcome
from tests.factories import AwardFactory
from tests.workflows.helpers import complete, dossier_at


def _decide(world, dossier):
    outcomes = {n.pk: (DecisionOutcome.AWARDED, "") for n in dossier.nominees.all()}
    complete(
        dossier,
        "decide",
        world.chair,
        lambda: services.dossier_decide(
            actor=world.chair, dossier=dossier, outcomes=outcomes, signer_title="Chủ tịch"
        ),
    )


def test_an_awardee_is_found_without_diacritics_and_counted_in_the_years_chart(world, client):
    dossier = dossier_at(world, "decide")
    _decide(world, dossier)
    page = client.get(reverse("public_decisions"), {"q": "nguyen van an"}).content.decode()
    assert "/QĐ-UBND" in page
    # The chart's figures say it in words and in its table: one awardee in the decision's year.
    decision = dossier.decisions.get()
    assert f'<th scope="row">{decision.year}</th><td>1</td>' in page
    assert 'role="img"' in page
    nothing = client.get(reverse("public_decisions"), {"q": "tran thi"}).content.decode()
    assert decision.reference not in nothing


def test_the_register_is_filtered_by_unit_and_award_and_pages_keep_the_filters(world, client):
    dossier = dossier_at(world, "decide")
    _decide(world, dossier)
    decision = dossier.decisions.get()
    url = reverse("public_decisions")
    assert decision.reference in client.get(url, {"unit": "tu phap"}).content.decode()
    assert decision.reference not in client.get(url, {"unit": "y te"}).content.decode()
    assert decision.reference in client.get(url, {"award": world.award.pk}).content.decode()
    other = AwardFactory(code="giay-khen-ca-nhan", name="Giấy khen")
    assert decision.reference not in client.get(url, {"award": other.pk}).content.decode()
    assert decision.reference in client.get(url, {"award": "x", "year": "20201"}).content.decode()


def test_the_pager_keeps_every_filter(rf):
    from django.template import Context, Template

    request = rf.get("/public/decisions/", {"q": "nguyễn", "unit": "tu phap", "page": "1"})
    html = Template("{% load listing %}{% page_url 2 %}").render(Context({"request": request}))
    assert "page=2" in html and "unit=tu+phap" in html and "q=nguy%E1%BB%85n" in html
