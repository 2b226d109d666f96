"""The award catalogue: each award is judged by the law of its date, and pays the bonus of it."""

import datetime
import io
import itertools
from decimal import Decimal

import pytest
from django.core.management import call_command

from nominations.bonus import base_salary_on, bonus_amount
from nominations.models import (
    AuthorityLevel,
    Award,
    AwardKind,
    AwardRule,
    BallotBase,
    BaseSalary,
    LegalPeriod,
    RecipientKind,
)
from tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db

FINAL_REVIEW_2020 = datetime.date(2020, 9, 2)  # the seed movement's commendations
IN_2026 = datetime.date(2026, 3, 2)


def load_catalogue() -> str:
    out = io.StringIO()
    call_command("load_award_catalogue", stdout=out)
    return out.getvalue()


@pytest.fixture
def catalogue():
    load_catalogue()


def award(code) -> Award:
    return Award.objects.prefetch_related("rules__period").get(code=code)


def bonus(code, on) -> int | None:
    awarded = award(code)
    return bonus_amount(
        award=awarded, recipient_kind=awarded.recipient_kind, decision_date=on
    ).amount


def snapshot():
    return (
        list(LegalPeriod.objects.values_list("code", "valid_from", "valid_until").order_by("code")),
        list(Award.objects.values_list("code", "name", "kind", "recipient_kind").order_by("code")),
        list(
            AwardRule.objects.values_list(
                "award__code",
                "period__code",
                "level_min",
                "level_max",
                "ballot_share",
                "ballot_base",
                "bonus_multiple",
                "source",
                "verified",
            ).order_by("award__code", "period__code")
        ),
        list(BaseSalary.objects.values_list("valid_from", "amount", "source")),
    )


# --- loading --------------------------------------------------------------------------------


def test_loading_twice_leaves_the_catalogue_as_loading_once():
    load_catalogue()
    first = snapshot()

    report = load_catalogue()

    assert snapshot() == first
    assert "20 awards, 59 rules over 3 legal periods, 6 base salaries" in report


def test_the_three_legal_periods_follow_each_other_without_gap(catalogue):
    periods = list(LegalPeriod.objects.order_by("valid_from"))

    assert [p.code for p in periods] == [
        "law-2003-decree-91",
        "law-2022-decree-98",
        "law-2022-decree-152",
    ]
    for earlier, later in itertools.pairwise(periods):
        assert later.valid_from == earlier.valid_until + datetime.timedelta(days=1)
    assert periods[-1].valid_until is None


def test_every_award_has_a_rule_in_each_period_of_the_law_that_knows_it(catalogue):
    for code in Award.objects.values_list("code", flat=True):
        periods = set(
            AwardRule.objects.filter(award__code=code).values_list("period__code", flat=True)
        )
        expected = {"law-2022-decree-98", "law-2022-decree-152"}
        if code != "xa-phuong-tieu-bieu":  # a title Law 06/2022 created
            expected.add("law-2003-decree-91")
        assert periods == expected, code


def test_a_rule_edited_in_the_admin_is_restored_by_the_loader(catalogue):
    rule = award("lao-dong-tien-tien").rule_on(FINAL_REVIEW_2020)
    AwardRule.objects.filter(pk=rule.pk).update(bonus_multiple=Decimal("9.99"), verified=False)

    load_catalogue()

    rule.refresh_from_db()
    assert (rule.bonus_multiple, rule.verified) == (Decimal("0.30"), True)


def test_a_rule_the_data_does_not_have_is_removed_by_the_loader(catalogue):
    AwardRule.objects.create(
        award=Award.objects.get(code="xa-phuong-tieu-bieu"),
        period=LegalPeriod.objects.get(code="law-2003-decree-91"),
        level_min=AuthorityLevel.DISTRICT,
        level_max=AuthorityLevel.DISTRICT,
        source="typed in by hand",
    )

    load_catalogue()

    assert award("xa-phuong-tieu-bieu").rule_on(FINAL_REVIEW_2020) is None


# --- which law judges a date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "period"),
    [
        (FINAL_REVIEW_2020, "law-2003-decree-91"),
        (datetime.date(2023, 12, 31), "law-2003-decree-91"),
        (datetime.date(2024, 1, 1), "law-2022-decree-98"),
        (datetime.date(2025, 6, 30), "law-2022-decree-98"),
        (datetime.date(2025, 7, 1), "law-2022-decree-152"),
        (IN_2026, "law-2022-decree-152"),
    ],
)
def test_a_date_is_judged_by_the_rules_then_in_force(catalogue, day, period):
    assert award("chien-si-thi-dua-co-so").rule_on(day).period.code == period


def test_before_decree_91_the_catalogue_has_no_rule(catalogue):
    assert award("lao-dong-tien-tien").rule_on(datetime.date(2017, 9, 30)) is None


def test_a_district_chair_conferred_chien_si_thi_dua_co_so_until_districts_were_abolished(
    catalogue,
):
    district = AuthorityFactory(level=AuthorityLevel.DISTRICT)
    commune = AuthorityFactory(level=AuthorityLevel.BASE)
    title = award("chien-si-thi-dua-co-so")

    assert title.conferrable_by(district, on=FINAL_REVIEW_2020)
    assert title.conferrable_by(district, on=datetime.date(2025, 6, 30))
    assert not title.conferrable_by(district, on=IN_2026)
    assert title.conferrable_by(commune, on=IN_2026)


def test_xa_phuong_tieu_bieu_exists_only_under_the_2022_law(catalogue):
    province = AuthorityFactory(level=AuthorityLevel.PROVINCE)
    title = award("xa-phuong-tieu-bieu")

    assert not title.conferrable_by(province, on=FINAL_REVIEW_2020)
    assert title.conferrable_by(province, on=IN_2026)


def test_titles_above_the_province_are_not_conferred_by_it(catalogue):
    province = AuthorityFactory(level=AuthorityLevel.PROVINCE)

    assert award("chien-si-thi-dua-cap-tinh").conferrable_by(province, on=FINAL_REVIEW_2020)
    assert not award("chien-si-thi-dua-toan-quoc").conferrable_by(province, on=FINAL_REVIEW_2020)
    assert not award("huan-chuong-lao-dong-hang-ba-ca-nhan").conferrable_by(province, on=IN_2026)


# --- the council's vote -----------------------------------------------------------------------


def test_chien_si_thi_dua_cap_tinh_needs_90_percent_of_all_council_members_under_decree_91(
    catalogue,
):
    rule = award("chien-si-thi-dua-cap-tinh").rule_on(FINAL_REVIEW_2020)

    assert (rule.ballot_share, rule.ballot_base) == (Decimal("0.900"), BallotBase.ALL_MEMBERS)
    assert "Điều 45(8)" in rule.source


def test_chien_si_thi_dua_co_so_leaves_the_threshold_to_each_unit(catalogue):
    rule = award("chien-si-thi-dua-co-so").rule_on(FINAL_REVIEW_2020)

    assert rule.ballot_share is None
    assert rule.ballot_base == ""


# --- bonuses ------------------------------------------------------------------------------------


def test_an_exact_multiple_is_paid_as_it_is(catalogue):
    assert bonus("chien-si-thi-dua-co-so", FINAL_REVIEW_2020) == 1_490_000


def test_a_bonus_is_rounded_up_to_the_next_ten_thousand_dong(catalogue):
    result = bonus_amount(
        award=award("lao-dong-tien-tien"),
        recipient_kind=RecipientKind.INDIVIDUAL,
        decision_date=FINAL_REVIEW_2020,
    )

    # 0.3 × 1,490,000 = 447,000
    assert result.amount == 450_000
    assert result.multiple == Decimal("0.3")
    assert result.base_salary.amount == 1_490_000
    assert result.rule.period.code == "law-2003-decree-91"
    assert "0,3" in result.source


def test_a_collective_gets_twice_the_individual_giay_khen(catalogue):
    individual = bonus("giay-khen-ca-nhan", FINAL_REVIEW_2020)
    collective = bonus("giay-khen-tap-the", FINAL_REVIEW_2020)

    assert (individual, collective) == (450_000, 900_000)


def test_a_decision_on_the_day_a_new_base_salary_starts_uses_the_new_one(catalogue):
    assert bonus("chien-si-thi-dua-co-so", datetime.date(2024, 6, 30)) == 1_800_000
    assert bonus("chien-si-thi-dua-co-so", datetime.date(2024, 7, 1)) == 2_340_000
    assert bonus("chien-si-thi-dua-co-so", datetime.date(2026, 7, 1)) == 2_530_000


def test_decree_152_raised_the_provincial_bang_khen_to_one_and_a_half(catalogue):
    assert bonus("bang-khen-tinh-ca-nhan", datetime.date(2025, 6, 30)) == 2_340_000
    # 1.5 × 2,340,000 = 3,510,000 from 01/07/2025
    assert bonus("bang-khen-tinh-ca-nhan", datetime.date(2025, 7, 1)) == 3_510_000


def test_an_award_without_a_rule_that_day_pays_nothing_and_says_why(catalogue):
    result = bonus_amount(
        award=award("xa-phuong-tieu-bieu"),
        recipient_kind=RecipientKind.COLLECTIVE,
        decision_date=FINAL_REVIEW_2020,
    )

    assert result.amount is None
    assert result.rule is None
    assert "Xã, phường, thị trấn tiêu biểu" in result.explanation


def test_a_rule_without_a_bonus_pays_nothing_and_says_why(catalogue):
    medal = Award.objects.create(
        code="ky-niem-chuong",
        name="Kỷ niệm chương",
        kind=AwardKind.COMMENDATION,
        recipient_kind=RecipientKind.INDIVIDUAL,
    )
    AwardRule.objects.create(
        award=medal,
        period=LegalPeriod.objects.get(code="law-2022-decree-152"),
        level_min=AuthorityLevel.PROVINCE,
        level_max=AuthorityLevel.PROVINCE,
        source="test",
    )

    result = bonus_amount(
        award=award("ky-niem-chuong"),
        recipient_kind=RecipientKind.INDIVIDUAL,
        decision_date=IN_2026,
    )

    assert result.amount is None
    assert result.rule.award == medal
    assert "Kỷ niệm chương" in result.explanation


def test_an_award_given_to_the_wrong_kind_of_recipient_is_a_programming_error(catalogue):
    with pytest.raises(ValueError, match="giay-khen-tap-the"):
        bonus_amount(
            award=award("giay-khen-tap-the"),
            recipient_kind=RecipientKind.INDIVIDUAL,
            decision_date=FINAL_REVIEW_2020,
        )


def test_the_base_salary_changes_on_the_first_day_of_the_new_one(catalogue):
    assert base_salary_on(datetime.date(2019, 6, 30)).amount == 1_390_000
    assert base_salary_on(datetime.date(2019, 7, 1)).amount == 1_490_000
    assert base_salary_on(datetime.date(2017, 6, 30)) is None


def test_a_whole_decision_is_computed_without_a_query_per_awardee(
    catalogue, django_assert_num_queries
):
    awards = list(Award.objects.prefetch_related("rules__period"))
    salaries = list(BaseSalary.objects.all())

    with django_assert_num_queries(0):
        amounts = [
            bonus_amount(
                award=awarded,
                recipient_kind=awarded.recipient_kind,
                decision_date=FINAL_REVIEW_2020,
                salaries=salaries,
            ).amount
            for awarded in awards * 10
        ]

    assert len(amounts) == 200
    assert 450_000 in amounts


# --- sources ------------------------------------------------------------------------------------


def test_every_rule_and_base_salary_names_its_source(catalogue):
    assert not AwardRule.objects.filter(source="").exists()
    assert not BaseSalary.objects.filter(source="").exists()


def test_a_rule_is_marked_unverified_exactly_when_its_source_says_what_to_verify(catalogue):
    for rule in AwardRule.objects.select_related("award", "period"):
        assert rule.verified == ("verify" not in rule.source), (rule.award.code, rule.period.code)
    assert AwardRule.objects.filter(verified=True).exists()
    assert AwardRule.objects.filter(verified=False).exists()
