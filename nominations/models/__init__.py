from nominations.models.audit import AuditAction, AuditEntry
from nominations.models.dossier import (
    EDITABLE_STATUSES,
    Award,
    AwardKind,
    CommendationType,
    CouncilOutcome,
    Decision,
    DecisionNumberSequence,
    DecisionOutcome,
    Dossier,
    DossierStatus,
    Nominee,
    RecipientKind,
)
from nominations.models.notification import Notification, NotificationEvent
from nominations.models.organisation import (
    AuthorityLevel,
    AwardingAuthority,
    Council,
    Membership,
    Unit,
    UnitKind,
)

__all__ = [
    "EDITABLE_STATUSES",
    "AuditAction",
    "AuditEntry",
    "AuthorityLevel",
    "Award",
    "AwardKind",
    "AwardingAuthority",
    "CommendationType",
    "Council",
    "CouncilOutcome",
    "Decision",
    "DecisionNumberSequence",
    "DecisionOutcome",
    "Dossier",
    "DossierStatus",
    "Membership",
    "Nominee",
    "Notification",
    "NotificationEvent",
    "RecipientKind",
    "Unit",
    "UnitKind",
]
