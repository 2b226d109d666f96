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


from nominations.council.services import council_member_appoint  # noqa: E402
from nominations.models import (  # noqa: E402
    CouncilBallotShare,
    CouncilMember,
    CouncilProcedure,
    CouncilSession,
)


@admin.register(CouncilMember)
class CouncilMemberAdmin(admin.ModelAdmin):
    """Seats on a council for a term. A new seat goes through the service: it also gives
    the council member's role, with which the member reads the dossiers sent to the council."""

    list_display = ["user", "council", "position", "title", "valid_from", "valid_until"]
    list_filter = ["council", "position"]
    search_fields = ["user__username", "user__last_name", "title"]
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            obj.pk = council_member_appoint(
                actor=request.user,
                council=obj.council,
                user=obj.user,
                position=obj.position,
                title=obj.title,
                valid_from=obj.valid_from,
                valid_until=obj.valid_until,
            ).pk


@admin.register(CouncilProcedure)
class CouncilProcedureAdmin(admin.ModelAdmin):
    """How councils vote in each legal period (loaded by load_award_catalogue, with sources)."""

    list_display = [
        "period",
        "quorum_share",
        "written_ballots_count",
        "recused_in_base",
        "verified",
    ]


@admin.register(CouncilBallotShare)
class CouncilBallotShareAdmin(admin.ModelAdmin):
    """Shares an authority sets itself where the law leaves it to each unit."""

    list_display = ["council", "award", "share", "comparison", "base", "valid_from", "source"]
    list_filter = ["council"]


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyAdmin):
    """Sessions change only through their pages. No ballot model is registered here: the
    admin site shows no ballot, sealed or opened."""

    list_display = ["title", "council", "held_on", "status", "quorum_met"]
    list_filter = ["status"]
    exclude = ["minutes_pdf", "minutes_docx"]  # private files: downloaded from the session page
