"""Emulation blocs; movements, targets and reports come with issue #6."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmulationBloc(models.Model):
    """A bloc or cluster of units that emulate together (khối, cụm thi đua)."""

    authority = models.ForeignKey(
        "nominations.AwardingAuthority",
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="emulation_blocs",
    )
    name = models.CharField(_("name"), max_length=255)
    members = models.ManyToManyField(
        "nominations.Unit", verbose_name=_("member units"), related_name="emulation_blocs"
    )

    class Meta:
        verbose_name = _("emulation bloc")
        verbose_name_plural = _("emulation blocs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="bloc_unique_name")
        ]

    def __str__(self):
        return self.name
