"""The award catalogue across legal periods, and the base salary that bonuses multiply.

An award (Lao động tiên tiến, Bằng khen…) keeps its identity across laws; what changes with
the law — who confers it, the vote it needs, its bonus — is an AwardRule of one LegalPeriod.
The seed's 2020 movement is judged by the 2020 rules, a 2026 dossier by today's.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nominations.models.organisation import AuthorityLevel


def rules_day(year: int) -> datetime.date:
    """The day whose law judges a dossier of that year: its last day (the year's achievements
    are assessed under the law in force as the year closes)."""
    return datetime.date(year, 12, 31)


class LegalPeriod(models.Model):
    """A span of time under one law and its detailed decree (e.g. Law 06/2022 + Decree 98/2023)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    sources = models.TextField(_("legal sources"), blank=True)

    class Meta:
        verbose_name = _("legal period")
        verbose_name_plural = _("legal periods")
        ordering = ["valid_from"]

    def __str__(self):
        return self.name

    def covers(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class BallotBase(models.TextChoices):
    ALL_MEMBERS = "all_members", _("All council members")
    PRESENT = "present", _("Members present")


class AwardRule(models.Model):
    """What an award is under one legal period."""

    award = models.ForeignKey(
        "nominations.Award", verbose_name=_("award"), on_delete=models.CASCADE, related_name="rules"
    )
    period = models.ForeignKey(
        LegalPeriod, verbose_name=_("legal period"), on_delete=models.PROTECT, related_name="rules"
    )
    level_min = models.PositiveSmallIntegerField(
        _("lowest authority level that confers it"), choices=AuthorityLevel.choices
    )
    level_max = models.PositiveSmallIntegerField(
        _("highest authority level that confers it"), choices=AuthorityLevel.choices
    )
    ballot_share = models.DecimalField(
        _("share of agreeing votes needed"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("e.g. 0.900 for 90 %; empty when each authority sets it or no vote is held."),
    )
    ballot_base = models.CharField(
        _("counted over"), max_length=20, choices=BallotBase.choices, blank=True
    )
    bonus_multiple = models.DecimalField(
        _("bonus, as a multiple of the base salary"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    source = models.CharField(_("legal source"), max_length=255)
    verified = models.BooleanField(
        _("checked against the legal text"),
        default=False,
        help_text=_("Unchecked figures are shown with a warning until someone reads the text."),
    )

    class Meta:
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")
        ordering = ["award", "period__valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["award", "period"], name="award_rule_per_period"),
            models.CheckConstraint(
                condition=Q(level_max__gte=models.F("level_min")), name="award_rule_levels_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.award} — {self.period}"

    def conferrable_by(self, authority) -> bool:
        return self.level_min <= authority.level <= self.level_max


class BaseSalary(models.Model):
    """The base salary (lương cơ sở) in force from a date; bonuses multiply it."""

    valid_from = models.DateField(_("in force from"), unique=True)
    amount = models.PositiveIntegerField(_("amount (VND per month)"))
    source = models.CharField(_("legal source"), max_length=255)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount:,} VND ({self.valid_from:%d/%m/%Y})"
