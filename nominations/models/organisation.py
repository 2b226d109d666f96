"""The organisation tree, awarding authorities and who works where.

The tree has no fixed tiers: a unit has a parent and a kind, and any depth works (province →
commune after 2025; province → district → commune before; ministry → department → school).
Units carry validity dates so that a merged or abolished unit still shows on its old dossiers.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nominations.roles import Role
from nominations.text import search_key


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province or centrally-run city")
    DISTRICT = "district", _("District-level unit (district, urban district, town, city)")
    COMMUNE = "commune", _("Commune-level unit (commune, ward, township, special zone)")
    MINISTRY = "ministry", _("Ministry or central agency")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's committee")
    DEPARTMENT = "department", _("Department or office")
    AGENCY = "agency", _("Agency or board")
    PUBLIC_SERVICE_UNIT = "public_service", _("Public service unit")
    SCHOOL = "school", _("School")
    ARMED_FORCES = "armed_forces", _("Armed forces or police unit")
    MASS_ORGANISATION = "mass_organisation", _("Front or mass organisation")
    ENTERPRISE = "enterprise", _("Enterprise")
    VILLAGE = "village", _("Village or residential group")
    OTHER = "other", _("Other")


class UnitQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class Unit(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("The unit that took over this one after a reorganisation."),
    )
    search_name = models.CharField(max_length=255, editable=False, db_index=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    def is_active_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class AuthorityLevel(models.IntegerChoices):
    """Where an authority stands in the chain of award powers, independent of tiers."""

    BASE = 10, _("Base level (commune, agency head)")
    DISTRICT = 20, _("District level")
    PROVINCE = 30, _("Province, ministry or central body")
    GOVERNMENT = 40, _("Prime Minister or Government")
    STATE = 50, _("President of the State")


class AwardingAuthority(models.Model):
    """A body whose head signs award decisions (e.g. UBND huyện Kỳ Anh)."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="authority"
    )
    name = models.CharField(_("name"), max_length=255)
    level = models.PositiveSmallIntegerField(_("level"), choices=AuthorityLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("higher authority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Where proposals beyond this authority's power are forwarded."),
    )
    secretariat_unit = models.ForeignKey(
        Unit,
        verbose_name=_("standing agency (secretariat)"),
        on_delete=models.PROTECT,
        related_name="secretariat_of",
    )
    place_name = models.CharField(
        _("place name on decisions"), max_length=100, help_text=_("e.g. Kỳ Anh")
    )
    decision_code = models.CharField(_("decision number suffix"), max_length=40, default="QĐ-UBND")
    head_title = models.CharField(_("title of the head"), max_length=100, default="Chủ tịch")

    class Meta:
        verbose_name = _("awarding authority")
        verbose_name_plural = _("awarding authorities")
        ordering = ["-level", "name"]

    def __str__(self):
        return self.name


class Council(models.Model):
    """The Emulation-Commendation Council of an awarding authority."""

    authority = models.OneToOneField(
        AwardingAuthority,
        verbose_name=_("awarding authority"),
        on_delete=models.CASCADE,
        related_name="council",
    )
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        verbose_name = _("emulation-commendation council")
        verbose_name_plural = _("emulation-commendation councils")

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self, day=None):
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class Membership(models.Model):
    """A person holds a role in a unit: the scope of what they may do."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role")
        ]
        indexes = [models.Index(fields=["unit", "role"], name="membership_unit_role")]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.unit}"
