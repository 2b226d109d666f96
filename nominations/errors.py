"""Domain errors: raised by services, shown to the user as messages at the edge."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule refused the action; `message` is meant for the user, in their language."""

    default_message = _("This action cannot be done now.")

    def __init__(self, message=None, *, field_errors=None):
        self.message = message or self.default_message
        self.field_errors = field_errors or {}
        super().__init__(str(self.message))


class NotAllowed(DomainError):
    default_message = _("You do not have the right to do this on this dossier.")


class StepOutOfOrder(DomainError):
    default_message = _("This step is not open for this dossier now.")
