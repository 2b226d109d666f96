"""The admin is for reference data (units, authorities, catalogue, people's roles).

Dossiers, decisions and the audit trail are read-only here: they change only through the
services, which keep the audit trail; Django's admin log records what is changed here.
"""

from django.contrib import admin

from nominations import services
from nominations.models import (
    AuditEntry,
    Award,
    AwardingAuthority,
    AwardRule,
    BaseSalary,
    Council,
    Decision,
    Dossier,
    LegalPeriod,
    Membership,
    Unit,
)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "valid_from", "valid_until", "successor"]
    list_filter = ["kind"]
    search_fields = ["name", "search_name", "code"]
    autocomplete_fields = ["parent", "successor"]


@admin.register(AwardingAuthority)
class AwardingAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent", "secretariat_unit"]
    autocomplete_fields = ["unit", "parent", "secretariat_unit"]
    search_fields = ["name"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "authority"]


class AwardRuleInline(admin.TabularInline):
    model = AwardRule
    extra = 0


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "recipient_kind", "is_active"]
    list_filter = ["kind", "recipient_kind", "is_active"]
    search_fields = ["name", "code"]
    inlines = [AwardRuleInline]


@admin.register(LegalPeriod)
class LegalPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "valid_from", "valid_until"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "amount", "source"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "valid_from", "valid_until"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # Through the service: it also puts the person in the role's group.
            obj.pk = services.membership_grant(
                actor=request.user, user=obj.user, unit=obj.unit, role=obj.role
            ).pk


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "authority", "status", "created_at"]
    list_filter = ["status", "commendation_type"]
    search_fields = ["search_text"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["reference", "authority", "issued_on", "signer_name"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "action", "actor", "dossier", "reason"]
    list_filter = ["action"]
    date_hierarchy = "at"


from nominations.models import ProcessingTimeLimit, PublicHoliday  # noqa: E402


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    """Days off besides weekends: loaded by load_public_holidays, corrected here each year."""

    list_display = ["date", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(ProcessingTimeLimit)
class ProcessingTimeLimitAdmin(admin.ModelAdmin):
    """Working days per level from a date, with the legal source ("verify" until checked)."""

    list_display = ["level", "valid_from", "working_days", "working_days_with_consultation"]
    list_filter = ["level"]
    search_fields = ["source"]
