"""Which documents a dossier must carry, as dated rules with their sources.

One declarative table, RULES: each row says which document is required, for the whole
dossier or for each nominee, for which commendation types and awards, in which legal period,
and on what source. `verified=True` only where the requirement itself is confirmed (by
shared/docs/domain.md or an official body's published answer); article numbers marked
"(verify)" were not read in the legal text. The check runs on the rules in force on the day
the dossier is sent (today, for a dossier still being drafted).

    Period 1 — to 31/12/2023: Law on Emulation and Commendation 2003 (amended 2005, 2009,
        2013), Decree 91/2017/NĐ-CP.
    Period 2 — 01/01/2024 to 30/06/2025: Law 06/2022/QH15, Decree 98/2023/NĐ-CP.
    Period 3 — from 01/07/2025: Law 06/2022/QH15, Decree 152/2025/NĐ-CP.

Regular and movement dossiers: the submission letter with the list (tờ
trình), an achievement report per nominee (báo cáo thành tích), the minutes of the proposing
level's council with its ballot result where the award is voted (Chiến sĩ thi đua: Decree 91
art. 45(8), art. 49), evidence of the initiative for Chiến sĩ thi đua cơ sở and higher.
Sudden acts (đột xuất), the simplified procedure: the submission letter and a short summary.
Long-service and foreigners' dossiers: the letter and a report per nominee (to verify).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nominations.models import (
    AwardKind,
    CommendationType,
    DocumentKind,
    Dossier,
    Nominee,
)

# --- the legal periods --------------------------------------------------------------------

PERIOD_1 = (None, datetime.date(2023, 12, 31))  # Law 2003 (amended 2013), Decree 91/2017
PERIOD_2 = (datetime.date(2024, 1, 1), datetime.date(2025, 6, 30))  # Law 2022, Decree 98/2023
PERIOD_3 = (datetime.date(2025, 7, 1), None)  # Law 2022, Decree 152/2025

# --- what the rules range over --------------------------------------------------------------

ALL_TYPES = frozenset(CommendationType.values)
ORDINARY = frozenset({CommendationType.REGULAR, CommendationType.MOVEMENT})
SERVICE_AND_FOREIGN = frozenset({CommendationType.SERVICE, CommendationType.FOREIGN})
SUDDEN = frozenset({CommendationType.SUDDEN})
ALWAYS = (None, None)
ANY_AWARD_KIND = frozenset(AwardKind.values)

# Titles decided by the council's secret ballot (Decree 91 art. 45(8): the provincial and
# national titles at 90 % of all members; the base title at the unit's own threshold).
VOTED_TITLES = frozenset(
    {"chien-si-thi-dua-co-so", "chien-si-thi-dua-cap-tinh", "chien-si-thi-dua-toan-quoc"}
)
NATIONAL_AND_PROVINCIAL_TITLES = frozenset(
    {"chien-si-thi-dua-cap-tinh", "chien-si-thi-dua-toan-quoc"}
)

DOSSIER, EACH_NOMINEE = "dossier", "nominee"
# Which documents concern one nominee (the others concern the whole dossier).
PER_NOMINEE_KINDS = frozenset({DocumentKind.ACHIEVEMENT_REPORT, DocumentKind.INITIATIVE_EVIDENCE})
DOSSIER_KINDS = frozenset(
    {DocumentKind.SUBMISSION_LETTER, DocumentKind.COUNCIL_MINUTES, DocumentKind.SHORT_SUMMARY}
)


@dataclass(frozen=True)
class DocumentRule:
    document: str  # DocumentKind
    per: str  # DOSSIER or EACH_NOMINEE
    types: frozenset  # commendation types of the dossier
    period: tuple  # (valid_from, valid_until), either end open (None)
    source: str
    verified: bool
    award_kinds: frozenset = ANY_AWARD_KIND
    award_codes: frozenset | None = None  # None: any award of those kinds
    note: str = ""

    def in_force_on(self, day: datetime.date) -> bool:
        start, end = self.period
        return (start is None or start <= day) and (end is None or day <= end)

    def concerns(self, nominee: Nominee) -> bool:
        award = nominee.award
        return award.kind in self.award_kinds and (
            self.award_codes is None or award.code in self.award_codes
        )


RULES = (
    # --- submission letter with the list: every dossier, every procedure ---------------------
    DocumentRule(
        DocumentKind.SUBMISSION_LETTER, DOSSIER, ALL_TYPES, PERIOD_1,
        "Luật TĐKT 2003, Điều 84 (verify); Nghị định 91/2017/NĐ-CP (Điều 49 for Chiến sĩ thi "
        "đua toàn quốc); Ban TĐKT Trung ương, “Hồ sơ và số lượng hồ sơ đề nghị khen thưởng”",
        verified=True,
    ),
    DocumentRule(
        DocumentKind.SUBMISSION_LETTER, DOSSIER, ALL_TYPES, PERIOD_2,
        "Luật TĐKT 06/2022/QH15; Nghị định 98/2023/NĐ-CP (verify articles)",
        verified=False,
    ),
    DocumentRule(
        DocumentKind.SUBMISSION_LETTER, DOSSIER, ALL_TYPES, PERIOD_3,
        "Luật TĐKT 06/2022/QH15; Nghị định 152/2025/NĐ-CP (verify articles)",
        verified=False,
    ),
    # --- achievement report per nominee: the ordinary procedure ------------------------------
    DocumentRule(
        DocumentKind.ACHIEVEMENT_REPORT, EACH_NOMINEE, ORDINARY, PERIOD_1,
        "Luật TĐKT 2003, Điều 84 (verify); Nghị định 91/2017/NĐ-CP (Điều 49 for Chiến sĩ thi "
        "đua toàn quốc); mẫu: Phụ lục Nghị định 91/2017 (Mẫu 01 tập thể, Mẫu 02 cá nhân)",
        verified=True,
    ),
    DocumentRule(
        DocumentKind.ACHIEVEMENT_REPORT, EACH_NOMINEE, ORDINARY, PERIOD_2,
        "Luật TĐKT 06/2022/QH15; Nghị định 98/2023/NĐ-CP; mẫu: Thông tư 01/2024/TT-BNV "
        "(verify articles)",
        verified=False,
    ),
    DocumentRule(
        DocumentKind.ACHIEVEMENT_REPORT, EACH_NOMINEE, ORDINARY, PERIOD_3,
        "Luật TĐKT 06/2022/QH15; Nghị định 152/2025/NĐ-CP; mẫu: Thông tư 15/2025/TT-BNV "
        "(verify)",
        verified=False,
    ),
    DocumentRule(
        DocumentKind.ACHIEVEMENT_REPORT, EACH_NOMINEE, SERVICE_AND_FOREIGN, ALWAYS,
        "Luật TĐKT (verify: long-service and foreigners' dossiers may use their own summary "
        "forms)",
        verified=False,
    ),
    # --- council minutes with the ballot result, where the award is voted ---------------------
    DocumentRule(
        DocumentKind.COUNCIL_MINUTES, DOSSIER, ORDINARY, PERIOD_1,
        "Nghị định 91/2017/NĐ-CP, Điều 49 (Chiến sĩ thi đua toàn quốc) and Điều 45(8) "
        "(secret ballot); Ban TĐKT Trung ương, “Hồ sơ và số lượng hồ sơ đề nghị khen thưởng”",
        verified=True,
        award_kinds=frozenset({AwardKind.TITLE}),
        award_codes=NATIONAL_AND_PROVINCIAL_TITLES,
    ),
    DocumentRule(
        DocumentKind.COUNCIL_MINUTES, DOSSIER, ORDINARY, PERIOD_1,
        "Nghị định 91/2017/NĐ-CP: the unit sets its own ballot threshold (verify article)",
        verified=False,
        award_kinds=frozenset({AwardKind.TITLE}),
        award_codes=frozenset({"chien-si-thi-dua-co-so"}),
    ),
    DocumentRule(
        DocumentKind.COUNCIL_MINUTES, DOSSIER, ORDINARY, PERIOD_2,
        "Luật TĐKT 06/2022/QH15; Nghị định 98/2023/NĐ-CP (verify articles and thresholds)",
        verified=False,
        award_kinds=frozenset({AwardKind.TITLE}),
        award_codes=VOTED_TITLES,
    ),
    DocumentRule(
        DocumentKind.COUNCIL_MINUTES, DOSSIER, ORDINARY, PERIOD_3,
        "Luật TĐKT 06/2022/QH15; Nghị định 152/2025/NĐ-CP (verify articles and thresholds)",
        verified=False,
        award_kinds=frozenset({AwardKind.TITLE}),
        award_codes=VOTED_TITLES,
    ),
    # --- evidence of the initiative: Chiến sĩ thi đua cơ sở and higher ------------------------
    DocumentRule(
        DocumentKind.INITIATIVE_EVIDENCE, EACH_NOMINEE, ORDINARY, PERIOD_1,
        "Luật TĐKT 2003, Điều 21–23; Nghị định 91/2017/NĐ-CP, Điều 9 (initiative recognised "
        "at base level, or of provincial or national effect)",
        verified=True,
        award_kinds=frozenset({AwardKind.TITLE}),
        award_codes=VOTED_TITLES,
    ),
    DocumentRule(
        DocumentKind.INITIATIVE_EVIDENCE, EACH_NOMINEE, ORDINARY, PERIOD_2,
        "Luật TĐKT 06/2022/QH15, Điều 21–22 (initiative of provincial or national effect)",
        verified=True,
        award_kinds=frozenset({AwardKind.TITLE}),
        award_codes=NATIONAL_AND_PROVINCIAL_TITLES,
    ),
    DocumentRule(
        DocumentKind.INITIATIVE_EVIDENCE, EACH_NOMINEE, ORDINARY, PERIOD_3,
        "Luật TĐKT 06/2022/QH15, Điều 21–22 (initiative of provincial or national effect)",
        verified=True,
        award_kinds=frozenset({AwardKind.TITLE}),
        award_codes=NATIONAL_AND_PROVINCIAL_TITLES,
    ),
    DocumentRule(
        DocumentKind.INITIATIVE_EVIDENCE, EACH_NOMINEE, ORDINARY, (PERIOD_2[0], None),
        "Luật TĐKT 06/2022/QH15, Điều 23 (verify: the new text may accept excellent task "
        "completion instead of an initiative)",
        verified=False,
        award_kinds=frozenset({AwardKind.TITLE}),
        award_codes=frozenset({"chien-si-thi-dua-co-so"}),
    ),
    # --- the simplified procedure for a sudden act: letter and a short summary --------------
    DocumentRule(
        DocumentKind.SHORT_SUMMARY, DOSSIER, SUDDEN, PERIOD_1,
        "Luật TĐKT 2003, Điều 85; Nghị định 91/2017/NĐ-CP (simplified procedure; verify "
        "article)",
        verified=True,
    ),
    DocumentRule(
        DocumentKind.SHORT_SUMMARY, DOSSIER, SUDDEN, PERIOD_2,
        "Luật TĐKT 06/2022/QH15; Nghị định 98/2023/NĐ-CP (simplified procedure; verify "
        "articles)",
        verified=False,
    ),
    DocumentRule(
        DocumentKind.SHORT_SUMMARY, DOSSIER, SUDDEN, PERIOD_3,
        "Luật TĐKT 06/2022/QH15; Nghị định 152/2025/NĐ-CP (simplified procedure; verify "
        "articles)",
        verified=False,
    ),
)  # fmt: skip

# Short names used in sentences ("Missing: achievement report of Nguyễn Văn An; …").
SHORT_NAMES = {
    DocumentKind.SUBMISSION_LETTER: gettext_lazy("submission letter"),
    DocumentKind.COUNCIL_MINUTES: gettext_lazy("council minutes with the ballot result"),
    DocumentKind.ACHIEVEMENT_REPORT: gettext_lazy("achievement report"),
    DocumentKind.INITIATIVE_EVIDENCE: gettext_lazy("evidence of the initiative"),
    DocumentKind.SHORT_SUMMARY: gettext_lazy("short summary of the act"),
    DocumentKind.OTHER: gettext_lazy("other document"),
}
MISSING_NAMED_AT_MOST = 10


@dataclass(frozen=True)
class ChecklistItem:
    document: str  # DocumentKind
    nominee: Nominee | None  # None: the whole dossier
    present: bool
    source: str
    verified: bool

    @property
    def document_label(self) -> str:
        return DocumentKind(self.document).label

    @property
    def short_label(self) -> str:
        name = str(SHORT_NAMES[self.document])
        if self.nominee is None:
            return name
        return _("%(document)s of %(name)s") % {"document": name, "name": self.nominee.full_name}


def rules_in_force(day: datetime.date) -> list[DocumentRule]:
    return [rule for rule in RULES if rule.in_force_on(day)]


def rule_day(dossier: Dossier) -> datetime.date:
    """The day whose rules apply: when the dossier was sent on, or today while drafted."""
    if dossier.submitted_at is not None:
        return timezone.localdate(dossier.submitted_at)
    return timezone.localdate()


def dossier_completeness(dossier: Dossier, *, on: datetime.date | None = None):
    """The required documents, in the table's order, each with whether it is attached."""
    day = on or rule_day(dossier)
    nominees = list(dossier.nominees.select_related("award").order_by("position", "pk"))
    attached = set(dossier.attachments.values_list("kind", "nominee_id"))
    items: dict[tuple, ChecklistItem] = {}
    for rule in rules_in_force(day):
        if dossier.commendation_type not in rule.types:
            continue
        concerned = [n for n in nominees if rule.concerns(n)]
        targets = concerned if rule.per == EACH_NOMINEE else [None] if concerned else []
        for nominee in targets:
            key = (rule.document, nominee.pk if nominee else None)
            if key in items:  # two rules asking the same document: the first one's source
                continue
            items[key] = ChecklistItem(
                document=rule.document,
                nominee=nominee,
                present=key in attached,
                source=rule.source,
                verified=rule.verified,
            )
    return list(items.values())


def missing_documents(dossier: Dossier) -> list[ChecklistItem]:
    return [item for item in dossier_completeness(dossier) if not item.present]


def missing_message(missing: list[ChecklistItem]) -> str:
    """“Missing: achievement report of Nguyễn Văn An; submission letter.”"""
    named = "; ".join(item.short_label for item in missing[:MISSING_NAMED_AT_MOST])
    rest = len(missing) - MISSING_NAMED_AT_MOST
    if rest > 0:
        named += "; " + _("and %(count)d more") % {"count": rest}
    return _("Missing: %(documents)s.") % {"documents": named}
