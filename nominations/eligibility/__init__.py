"""The eligibility engine: legal conditions checked against the record, each explaining itself.

- `rules`: the conditions, each a named object with its legal period and source;
- `loader`: `evaluate_dossier(dossier)` and `evaluate_nominees(nominees, year)` judge many
  nominees with a fixed number of queries;
- `identity`: `link_nominees(dossier=…)` links nominees to the people and units on record.
"""

from nominations.eligibility.findings import Finding, Status
from nominations.eligibility.identity import link_nominees
from nominations.eligibility.loader import (
    Evaluation,
    NomineeResult,
    evaluate_dossier,
    evaluate_nominees,
)
from nominations.eligibility.rules import RULES, Rule, rules_for_year

__all__ = [
    "RULES",
    "Evaluation",
    "Finding",
    "NomineeResult",
    "Rule",
    "Status",
    "evaluate_dossier",
    "evaluate_nominees",
    "link_nominees",
    "rules_for_year",
]
