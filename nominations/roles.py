"""Roles, where each one applies, and the permissions each one's Django group holds.

A role is a Django group (so the admin and `user.has_perm` work as usual); a membership says
in which unit the person holds it. What the role lets them do to a dossier depends on where
the dossier stands relative to that unit, its *scope*:

- UNIT roles act on dossiers their own unit proposes;
- the SECRETARIAT role acts on dossiers sent to the authority whose standing agency is their unit;
- AUTHORITY roles (council, head) act on dossiers sent to the authority that is their unit.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_CLERK = "unit_clerk", _("Unit clerk")
    UNIT_HEAD = "unit_head", _("Unit head")
    SECRETARIAT_OFFICER = "secretariat_officer", _("Secretariat officer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    COUNCIL_CHAIR = "council_chair", _("Council chair")
    AUTHORITY_HEAD = "authority_head", _("Authority head")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


class Scope(models.TextChoices):
    UNIT = "unit"
    SECRETARIAT = "secretariat"
    AUTHORITY = "authority"
    NONE = "none"


ROLE_SCOPE = {
    Role.UNIT_CLERK: Scope.UNIT,
    Role.UNIT_HEAD: Scope.UNIT,
    Role.SECRETARIAT_OFFICER: Scope.SECRETARIAT,
    Role.COUNCIL_MEMBER: Scope.AUTHORITY,
    Role.COUNCIL_CHAIR: Scope.AUTHORITY,
    Role.AUTHORITY_HEAD: Scope.AUTHORITY,
    # The administrator manages people and data, not dossiers: no scope over them.
    Role.SYSTEM_ADMIN: Scope.NONE,
}

# Initial permissions of each role's group (app_label.codename). Synced after migrate;
# an administrator may change the groups later, and the access checks read the groups.
ROLE_PERMISSIONS = {
    Role.UNIT_CLERK: {"nominations.view_dossier", "nominations.prepare_dossier"},
    Role.UNIT_HEAD: {"nominations.view_dossier", "nominations.approve_dossier"},
    Role.SECRETARIAT_OFFICER: {
        "nominations.view_dossier",
        "nominations.check_dossier",
        "nominations.view_councilsession",
        "nominations.manage_council_session",
    },
    Role.COUNCIL_MEMBER: {"nominations.view_dossier", "nominations.view_councilsession"},
    Role.COUNCIL_CHAIR: {"nominations.view_dossier", "nominations.view_councilsession"},
    Role.AUTHORITY_HEAD: {
        "nominations.view_dossier",
        "nominations.decide_dossier",
        "nominations.view_councilsession",
    },
    Role.SYSTEM_ADMIN: {
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "nominations.view_unit",
        "nominations.add_unit",
        "nominations.change_unit",
        "nominations.view_membership",
        "nominations.add_membership",
        "nominations.change_membership",
        "nominations.delete_membership",
        "nominations.view_award",
        "nominations.add_award",
        "nominations.change_award",
    },
}
