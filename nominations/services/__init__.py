"""Every change to a dossier: one keyword-only function per transition, one transaction each,
its audit row written inside it. Views, flows and tasks call these and nothing else writes.
"""

from nominations.services.decisions import DecideResult, dossier_decide
from nominations.services.drafting import (
    MAX_NOMINEES_PER_DOSSIER,
    NomineeInput,
    authorities_for_unit,
    dossier_create,
    dossier_send_to_head,
    dossier_update,
)
from nominations.services.people import (
    membership_end,
    membership_grant,
    notification_settings_update,
)
from nominations.services.review import (
    council_outcome_for,
    dossier_accept,
    dossier_head_approve,
    dossier_head_send_back,
    dossier_record_council_outcome,
    dossier_return,
    dossier_step_released,
    dossier_step_taken,
)

__all__ = [
    "MAX_NOMINEES_PER_DOSSIER",
    "DecideResult",
    "NomineeInput",
    "authorities_for_unit",
    "council_outcome_for",
    "dossier_accept",
    "dossier_create",
    "dossier_decide",
    "dossier_head_approve",
    "dossier_head_send_back",
    "dossier_record_council_outcome",
    "dossier_return",
    "dossier_send_to_head",
    "dossier_step_released",
    "dossier_step_taken",
    "dossier_update",
    "membership_end",
    "membership_grant",
    "notification_settings_update",
]
