"""What an anonymous visitor can reach: the public register, and nothing private.

Every other page sends them to the login page, the same way whether the object asked for
exists or not, so a visitor learns nothing of what is inside; an unpublished decision is a
404 on every public address.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from nominations import services
from nominations.models import DecisionOutcome
from tests.workflows.helpers import complete, dossier_at

PUBLIC = {"public_decisions", "public_decision", "public_decision_pdf", "public_decision_docx"}
OPEN_TO_ALL = {"login", "logout", "set_language", "javascript-catalog", "home"} | PUBLIC


def _named_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin" or str(entry.pattern).startswith("admin/"):
                continue
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from _named_patterns(entry, prefix + namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry.pattern


def _addresses(name, pattern, value):
    """The pattern's address with every argument set to `value` (numbers) or a word."""
    arguments = {
        key: value if isinstance(converter.to_python("1"), int) else "x"
        for key, converter in pattern.converters.items()
    }
    return reverse(name, kwargs=arguments)


def _without_next(location: str) -> str:
    return re.sub(r"next=[^&]*", "", location)


def test_every_private_address_sends_anonymous_visitors_to_log_in_whatever_exists(world, client):
    dossier_at(world, "decide")  # objects with small ids exist: dossiers, tasks, sessions…
    checked = 0
    for name, pattern in _named_patterns():
        if name.split(":")[-1] in OPEN_TO_ALL:
            continue
        seen = []
        for value in (1, 987654):
            address = _addresses(name, pattern, value)
            response = client.get(address)
            if response.status_code == 405:  # a form's target: as it is sent
                response = client.post(address)
            seen.append((response.status_code, _without_next(response.get("Location", ""))))
        assert seen[0] == seen[1], (name, seen)
        assert seen[0][0] == 302 and seen[0][1].startswith(reverse("login")), (name, seen)
        checked += 1
    assert checked > 30


@pytest.mark.parametrize("name", sorted(PUBLIC - {"public_decisions"}))
def test_an_unpublished_decision_is_not_found_on_any_public_address(world, client, name):
    dossier = dossier_at(world, "decide")
    outcomes = {n.pk: (DecisionOutcome.AWARDED, "") for n in dossier.nominees.all()}
    complete(
        dossier,
        "decide",
        world.chair,
        lambda: services.dossier_decide(
            actor=world.chair, dossier=dossier, outcomes=outcomes, signer_title="Chủ tịch"
        ),
    )
    decision = dossier.decisions.get()
    assert client.get(reverse(name, args=[decision.pk])).status_code == 200
    decision.published_at = None
    decision.save(update_fields=["published_at"])
    assert client.get(reverse(name, args=[decision.pk])).status_code == 404
    assert client.get(reverse(name, args=[987654])).status_code == 404
