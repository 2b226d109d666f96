"""What a rule answers about one nominee (or one unit): a status, the facts behind it, the law."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    # The record does not show it either way: never a guess, the council decides.
    UNKNOWN = "unknown", _("Cannot tell")


@dataclass(frozen=True)
class Finding:
    rule: str
    title: str
    status: Status
    reason: str
    source: str
    verified: bool

    @property
    def status_label(self) -> str:
        return str(self.status.label)
