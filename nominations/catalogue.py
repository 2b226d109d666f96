"""The award catalogue: awards, the legal periods, each award's rule in each period, base salaries.

One table of rules per period, one row per award, each with its source. Short forms in sources:
"Luật 2022" is Law 06/2022/QH15, "NĐ 91" Decree 91/2017/NĐ-CP, "NĐ 98" Decree 98/2023/NĐ-CP,
"NĐ 152" Decree 152/2025/NĐ-CP. A row is `verified` when its figures (levels, vote threshold,
bonus multiple) were read in the legal text or in consistent official answers; otherwise its
source says "verify: …" and what to check. "(article inferred)" or "(article not checked)"
marks a citation whose article number was not seen, although the figure was.

Collectives' forms of commendation carry their own multiple (twice the individual's), so that
each row states the amount the law pays for that award.
"""

import datetime
from decimal import Decimal
from typing import NamedTuple

from nominations.models import AuthorityLevel as L
from nominations.models import AwardKind as K
from nominations.models import BallotBase, BallotComparison
from nominations.models import RecipientKind as R


class Rule(NamedTuple):
    """What one award is under one period; `ballot` is (share of agreeing votes, counted over)."""

    levels: tuple[int, int]
    bonus: Decimal | None
    source: str
    verified: bool
    ballot: tuple[Decimal, str] | None = None


D = Decimal

PERIODS = [
    # code, name, valid_from, valid_until, sources
    (
        "law-2003-decree-91",
        "Luật TĐKT 2003 (sửa đổi 2005, 2009, 2013) và Nghị định 91/2017/NĐ-CP",
        # Decree 91 came into force on 01/10/2017 (it replaced Decree 42/2010, not catalogued).
        datetime.date(2017, 10, 1),
        datetime.date(2023, 12, 31),
        "Luật Thi đua, Khen thưởng 2003; Nghị định 91/2017/NĐ-CP (NĐ 91); Thông tư 12/2019/TT-BNV",
    ),
    (
        "law-2022-decree-98",
        "Luật TĐKT 2022 và Nghị định 98/2023/NĐ-CP",
        datetime.date(2024, 1, 1),
        datetime.date(2025, 6, 30),
        "Luật Thi đua, Khen thưởng số 06/2022/QH15 (Luật 2022); Nghị định 98/2023/NĐ-CP (NĐ 98); "
        "Thông tư 01/2024/TT-BNV",
    ),
    (
        "law-2022-decree-152",
        "Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP",
        datetime.date(2025, 7, 1),
        None,
        "Luật Thi đua, Khen thưởng số 06/2022/QH15 (Luật 2022); Nghị định 152/2025/NĐ-CP (NĐ 152)",
    ),
]

AWARDS = [
    # code, name, kind, recipient
    ("lao-dong-tien-tien", "Lao động tiên tiến", K.TITLE, R.INDIVIDUAL),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", K.TITLE, R.INDIVIDUAL),
    (
        "chien-si-thi-dua-cap-tinh",
        "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        K.TITLE,
        R.INDIVIDUAL,
    ),
    ("chien-si-thi-dua-toan-quoc", "Chiến sĩ thi đua toàn quốc", K.TITLE, R.INDIVIDUAL),
    ("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", K.TITLE, R.COLLECTIVE),
    ("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", K.TITLE, R.COLLECTIVE),
    ("co-thi-dua-cap-tinh", "Cờ thi đua cấp bộ, ban, ngành, tỉnh", K.TITLE, R.COLLECTIVE),
    ("co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", K.TITLE, R.COLLECTIVE),
    ("xa-phuong-tieu-bieu", "Xã, phường, thị trấn tiêu biểu", K.TITLE, R.COLLECTIVE),
    ("thon-to-dan-pho-van-hoa", "Thôn, tổ dân phố văn hóa", K.TITLE, R.COLLECTIVE),
    ("giay-khen-ca-nhan", "Giấy khen (cá nhân)", K.COMMENDATION, R.INDIVIDUAL),
    ("giay-khen-tap-the", "Giấy khen (tập thể)", K.COMMENDATION, R.COLLECTIVE),
    (
        "bang-khen-tinh-ca-nhan",
        "Bằng khen của bộ, ban, ngành, tỉnh (cá nhân)",
        K.COMMENDATION,
        R.INDIVIDUAL,
    ),
    (
        "bang-khen-tinh-tap-the",
        "Bằng khen của bộ, ban, ngành, tỉnh (tập thể)",
        K.COMMENDATION,
        R.COLLECTIVE,
    ),
    (
        "bang-khen-thu-tuong-ca-nhan",
        "Bằng khen của Thủ tướng Chính phủ (cá nhân)",
        K.COMMENDATION,
        R.INDIVIDUAL,
    ),
    (
        "bang-khen-thu-tuong-tap-the",
        "Bằng khen của Thủ tướng Chính phủ (tập thể)",
        K.COMMENDATION,
        R.COLLECTIVE,
    ),
    (
        "huan-chuong-lao-dong-hang-nhi-ca-nhan",
        "Huân chương Lao động hạng Nhì (cá nhân)",
        K.COMMENDATION,
        R.INDIVIDUAL,
    ),
    (
        "huan-chuong-lao-dong-hang-nhi-tap-the",
        "Huân chương Lao động hạng Nhì (tập thể)",
        K.COMMENDATION,
        R.COLLECTIVE,
    ),
    (
        "huan-chuong-lao-dong-hang-ba-ca-nhan",
        "Huân chương Lao động hạng Ba (cá nhân)",
        K.COMMENDATION,
        R.INDIVIDUAL,
    ),
    (
        "huan-chuong-lao-dong-hang-ba-tap-the",
        "Huân chương Lao động hạng Ba (tập thể)",
        K.COMMENDATION,
        R.COLLECTIVE,
    ),
]

# Who confers: unit heads, commune and district chairs; the district chair alone; unit heads and
# commune chairs (no districts from 01/07/2025); a minister or provincial chair; the Prime
# Minister; the President.
LOCAL = (L.BASE, L.DISTRICT)
DISTRICT = (L.DISTRICT, L.DISTRICT)
BASE = (L.BASE, L.BASE)
PROVINCE = (L.PROVINCE, L.PROVINCE)
GOVERNMENT = (L.GOVERNMENT, L.GOVERNMENT)
STATE = (L.STATE, L.STATE)

# At least 90 % of all council members, absent members voting in writing (NĐ 91 Điều 45(8)).
NINETY_PERCENT_OF_ALL = (D("0.900"), BallotBase.ALL_MEMBERS)

# Law 2003 + Decree 91. Bonuses: titles Điều 69 (inferred: 68 sets the principles, 70 the
# orders, 73 Bằng khen and Giấy khen), orders Điều 70, Bằng khen and Giấy khen Điều 73.
DECREE_91 = {
    "lao-dong-tien-tien": Rule(
        LOCAL, D("0.3"), "NĐ 91 Điều 43(2) (thẩm quyền); Điều 69 (article inferred): 0,3", True
    ),
    "chien-si-thi-dua-co-so": Rule(
        LOCAL,
        D("1.0"),
        "NĐ 91 Điều 43(2)(a),(b); Điều 45(8): tỷ lệ phiếu do đơn vị quy định; "
        "Điều 69 (article inferred): 1,0",
        True,
    ),
    "chien-si-thi-dua-cap-tinh": Rule(
        PROVINCE,
        D("3.0"),
        "NĐ 91 Điều 45(8): ≥ 90 % tổng số thành viên Hội đồng; Điều 69 (article inferred): 3,0",
        True,
        NINETY_PERCENT_OF_ALL,
    ),
    "chien-si-thi-dua-toan-quoc": Rule(
        GOVERNMENT,
        D("4.5"),
        "NĐ 91 Điều 45(8): ≥ 90 % tổng số thành viên Hội đồng; Điều 69 (article inferred): 4,5",
        True,
        NINETY_PERCENT_OF_ALL,
    ),
    "tap-the-lao-dong-tien-tien": Rule(
        LOCAL, D("0.8"), "NĐ 91 Điều 43(2)(b); Điều 69 (article inferred): 0,8", True
    ),
    "tap-the-lao-dong-xuat-sac": Rule(
        PROVINCE, D("1.5"), "NĐ 91 Điều 69 (article inferred): 1,5", True
    ),
    "co-thi-dua-cap-tinh": Rule(PROVINCE, D("8.0"), "NĐ 91 Điều 69 (article inferred): 8,0", True),
    "co-thi-dua-chinh-phu": Rule(
        GOVERNMENT, D("12.0"), "NĐ 91 Điều 69 (article inferred): 12,0", True
    ),
    # No "xa-phuong-tieu-bieu": the title came with Law 06/2022 (verify).
    "thon-to-dan-pho-van-hoa": Rule(
        DISTRICT,
        D("1.5"),
        "Luật TĐKT 2003; NĐ 122/2018/NĐ-CP (verify: conferred by the district chair; bonus 1,5)",
        False,
    ),
    # The commune chair's Giấy khen paid half (0,15, Điều 73(1)(d)), which one multiple per rule
    # cannot say: these rows hold the unit heads' and district chair's, and stay unverified so
    # that a commune's decision shows the warning.
    "giay-khen-ca-nhan": Rule(
        LOCAL,
        D("0.3"),
        "NĐ 91 Điều 73(1): 0,3 (verify: Chủ tịch UBND cấp xã 0,15, Điều 73(1)(d))",
        False,
    ),
    "giay-khen-tap-the": Rule(
        LOCAL,
        D("0.6"),
        "NĐ 91 Điều 73(2)(b): gấp 2 lần cá nhân (verify: Chủ tịch UBND cấp xã 0,3)",
        False,
    ),
    "bang-khen-tinh-ca-nhan": Rule(PROVINCE, D("1.0"), "NĐ 91 Điều 73(1): 1,0", True),
    "bang-khen-tinh-tap-the": Rule(
        PROVINCE, D("2.0"), "NĐ 91 Điều 73(2): gấp 2 lần cá nhân (1,0)", True
    ),
    "bang-khen-thu-tuong-ca-nhan": Rule(GOVERNMENT, D("3.5"), "NĐ 91 Điều 73(1): 3,5", True),
    "bang-khen-thu-tuong-tap-the": Rule(
        GOVERNMENT, D("7.0"), "NĐ 91 Điều 73(2): gấp 2 lần cá nhân (3,5)", True
    ),
    "huan-chuong-lao-dong-hang-nhi-ca-nhan": Rule(
        STATE, D("7.5"), "NĐ 91 Điều 70(1) (verify: 7,5)", False
    ),
    "huan-chuong-lao-dong-hang-nhi-tap-the": Rule(
        STATE, D("15.0"), "NĐ 91 Điều 70 (verify: gấp 2 lần cá nhân, 7,5)", False
    ),
    "huan-chuong-lao-dong-hang-ba-ca-nhan": Rule(
        STATE, D("4.5"), "NĐ 91 Điều 70(1) (verify: 4,5)", False
    ),
    "huan-chuong-lao-dong-hang-ba-tap-the": Rule(
        STATE, D("9.0"), "NĐ 91 Điều 70 (verify: gấp 2 lần cá nhân, 4,5)", False
    ),
}

# Law 06/2022 + Decree 98. Local powers: Luật 2022 Điều 80 (1: unit heads, 2: district chair,
# 3: commune chair). Bonuses: titles Điều 54, orders Điều 55, Bằng khen and Giấy khen Điều 58.
DECREE_98 = {
    "lao-dong-tien-tien": Rule(
        LOCAL, D("0.3"), "Luật 2022 Điều 80(1)-(3); NĐ 98 Điều 54: 0,3", True
    ),
    "chien-si-thi-dua-co-so": Rule(
        LOCAL,
        D("1.0"),
        "Luật 2022 Điều 80(1),(2); NĐ 98 Điều 54: 1,0 (verify: no national vote threshold)",
        False,
    ),
    "chien-si-thi-dua-cap-tinh": Rule(
        PROVINCE,
        D("3.0"),
        "NĐ 98 Điều 54: 3,0 (verify: 90 % of all members, as NĐ 91 Điều 45(8))",
        False,
        NINETY_PERCENT_OF_ALL,
    ),
    "chien-si-thi-dua-toan-quoc": Rule(
        GOVERNMENT,
        D("4.5"),
        "NĐ 98 Điều 54: 4,5 (verify: 90 % of all members, as NĐ 91 Điều 45(8))",
        False,
        NINETY_PERCENT_OF_ALL,
    ),
    "tap-the-lao-dong-tien-tien": Rule(
        LOCAL, D("0.8"), "Luật 2022 Điều 80(1),(2); NĐ 98 Điều 54: 0,8", True
    ),
    "tap-the-lao-dong-xuat-sac": Rule(PROVINCE, D("1.5"), "NĐ 98 Điều 54: 1,5", True),
    "co-thi-dua-cap-tinh": Rule(PROVINCE, D("8.0"), "NĐ 98 Điều 54: 8,0", True),
    "co-thi-dua-chinh-phu": Rule(GOVERNMENT, D("12.0"), "NĐ 98 Điều 54: 12,0", True),
    "xa-phuong-tieu-bieu": Rule(
        PROVINCE,
        D("2.0"),
        "NĐ 98 Điều 54: 2,0; tiêu chí NĐ 86/2023/NĐ-CP (verify: conferred by the provincial chair)",
        False,
    ),
    "thon-to-dan-pho-van-hoa": Rule(
        DISTRICT, D("1.5"), "Luật 2022 Điều 80(2); NĐ 98 Điều 54: 1,5", True
    ),
    # As under Decree 91, the commune chair's Giấy khen pays half (Điều 58(1)(g)).
    "giay-khen-ca-nhan": Rule(
        LOCAL,
        D("0.3"),
        "Luật 2022 Điều 80(1)-(3); NĐ 98 Điều 58(1) (verify: 0,3 for unit heads and district "
        "chairs; Chủ tịch UBND cấp xã 0,15, Điều 58(1)(g))",
        False,
    ),
    "giay-khen-tap-the": Rule(
        LOCAL,
        D("0.6"),
        "NĐ 98 Điều 58(2)(c): gấp 2 lần cá nhân (verify: 0,3; Chủ tịch UBND cấp xã 0,15)",
        False,
    ),
    "bang-khen-tinh-ca-nhan": Rule(PROVINCE, D("1.0"), "NĐ 98 Điều 58(1) (verify: 1,0)", False),
    "bang-khen-tinh-tap-the": Rule(
        PROVINCE, D("2.0"), "NĐ 98 Điều 58(2) (verify: gấp 2 lần cá nhân, 1,0)", False
    ),
    "bang-khen-thu-tuong-ca-nhan": Rule(
        GOVERNMENT, D("3.5"), "NĐ 98 Điều 58(1) (verify: 3,5)", False
    ),
    "bang-khen-thu-tuong-tap-the": Rule(
        GOVERNMENT, D("7.0"), "NĐ 98 Điều 58(2) (verify: gấp 2 lần cá nhân, 3,5)", False
    ),
    "huan-chuong-lao-dong-hang-nhi-ca-nhan": Rule(STATE, D("7.5"), "NĐ 98 Điều 55: 7,5", True),
    "huan-chuong-lao-dong-hang-nhi-tap-the": Rule(
        STATE, D("15.0"), "NĐ 98 Điều 55: gấp 2 lần cá nhân (7,5)", True
    ),
    "huan-chuong-lao-dong-hang-ba-ca-nhan": Rule(STATE, D("4.5"), "NĐ 98 Điều 55: 4,5", True),
    "huan-chuong-lao-dong-hang-ba-tap-the": Rule(
        STATE, D("9.0"), "NĐ 98 Điều 55: gấp 2 lần cá nhân (4,5)", True
    ),
}

# Law 06/2022 + Decree 152. Districts were abolished on 01/07/2025: what Luật 2022 Điều 80(2)
# gave the district chair is taken to pass to the commune chair (verify in NĐ 152). Title
# multiples are Decree 98's, kept by Decree 152; its forms are in Điều 54(1).
DECREE_152 = {
    "lao-dong-tien-tien": Rule(
        BASE, D("0.3"), "Luật 2022 Điều 80(1),(3); NĐ 152 (article not checked): 0,3", True
    ),
    "chien-si-thi-dua-co-so": Rule(
        BASE,
        D("1.0"),
        "Luật 2022 Điều 80(1); NĐ 152 (article not checked): 1,0 (verify: the commune chair "
        "confers it; no national vote threshold)",
        False,
    ),
    "chien-si-thi-dua-cap-tinh": Rule(
        PROVINCE,
        D("3.0"),
        "NĐ 152 (article not checked): 3,0 (verify: 90 % of all members, as NĐ 91 Điều 45(8))",
        False,
        NINETY_PERCENT_OF_ALL,
    ),
    "chien-si-thi-dua-toan-quoc": Rule(
        GOVERNMENT,
        D("4.5"),
        "NĐ 152 (article not checked): 4,5 (verify: 90 % of all members, as NĐ 91 Điều 45(8))",
        False,
        NINETY_PERCENT_OF_ALL,
    ),
    "tap-the-lao-dong-tien-tien": Rule(
        BASE,
        D("0.8"),
        "Luật 2022 Điều 80(1); NĐ 152 (article not checked): 0,8 (verify: the commune chair "
        "confers it)",
        False,
    ),
    "tap-the-lao-dong-xuat-sac": Rule(
        PROVINCE, D("1.5"), "NĐ 152 (article not checked): 1,5", True
    ),
    "co-thi-dua-cap-tinh": Rule(PROVINCE, D("8.0"), "NĐ 152 (article not checked): 8,0", True),
    "co-thi-dua-chinh-phu": Rule(GOVERNMENT, D("12.0"), "NĐ 152 (article not checked): 12,0", True),
    "xa-phuong-tieu-bieu": Rule(
        PROVINCE,
        D("2.0"),
        "NĐ 152 (article not checked): 2,0 (verify: conferred by the provincial chair)",
        False,
    ),
    "thon-to-dan-pho-van-hoa": Rule(
        BASE,
        D("1.5"),
        "NĐ 152 (article not checked): 1,5 (verify: the commune chair confers it)",
        False,
    ),
    "giay-khen-ca-nhan": Rule(
        BASE, D("0.3"), "Luật 2022 Điều 80(1),(3); NĐ 152 Điều 54(1)(e): 0,3", True
    ),
    "giay-khen-tap-the": Rule(
        BASE, D("0.6"), "NĐ 152 Điều 54 (verify: gấp 2 lần cá nhân, 0,3)", False
    ),
    "bang-khen-tinh-ca-nhan": Rule(PROVINCE, D("1.5"), "NĐ 152 Điều 54(1)(b): 1,5", True),
    "bang-khen-tinh-tap-the": Rule(
        PROVINCE, D("3.0"), "NĐ 152 Điều 54 (verify: gấp 2 lần cá nhân, 1,5)", False
    ),
    "bang-khen-thu-tuong-ca-nhan": Rule(GOVERNMENT, D("3.5"), "NĐ 152 Điều 54(1)(a): 3,5", True),
    "bang-khen-thu-tuong-tap-the": Rule(
        GOVERNMENT, D("7.0"), "NĐ 152 Điều 54 (verify: gấp 2 lần cá nhân, 3,5)", False
    ),
    "huan-chuong-lao-dong-hang-nhi-ca-nhan": Rule(
        STATE, D("7.5"), "NĐ 152 (verify: 7,5 as NĐ 98 Điều 55)", False
    ),
    "huan-chuong-lao-dong-hang-nhi-tap-the": Rule(
        STATE, D("15.0"), "NĐ 152 (verify: 15,0 as NĐ 98 Điều 55)", False
    ),
    "huan-chuong-lao-dong-hang-ba-ca-nhan": Rule(
        STATE, D("4.5"), "NĐ 152 (verify: 4,5 as NĐ 98 Điều 55)", False
    ),
    "huan-chuong-lao-dong-hang-ba-tap-the": Rule(
        STATE, D("9.0"), "NĐ 152 (verify: 9,0 as NĐ 98 Điều 55)", False
    ),
}

RULES = {
    "law-2003-decree-91": DECREE_91,
    "law-2022-decree-98": DECREE_98,
    "law-2022-decree-152": DECREE_152,
}


class Procedure(NamedTuple):
    """How a council votes in one period (nominations.models.CouncilProcedure)."""

    quorum_share: Decimal | None
    written_ballots_count: bool
    recused_in_base: bool
    default: tuple[Decimal, str, str]  # share, comparison, counted over
    source: str
    verified: bool


MAJORITY_OF_ALL = (D("0.500"), BallotComparison.MORE_THAN, BallotBase.ALL_MEMBERS)

# Decree 91 art. 45(8), worded in the central board's published answer
# (banthiduakhenthuongtw.gov.vn): "tỷ lệ phiếu đồng ý từ 90% trở lên tính trên tổng số thành
# viên của Hội đồng (nếu thành viên Hội đồng vắng mặt thì lấy ý kiến bằng văn bản)". No quorum
# for local councils and no recusal rule was found in the decree; a recused member is kept in
# the total because the threshold is counted over all members. Later periods: the voting
# articles of Decrees 98 and 152 were not read; the 2/3 quorum is Decree 98 art. 47 as reported
# for the central council.
COUNCIL_PROCEDURES = {
    "law-2003-decree-91": Procedure(
        None,
        True,
        True,
        MAJORITY_OF_ALL,
        "NĐ 91 Điều 45(8): vắng mặt lấy ý kiến bằng văn bản (verify: no quorum set for local "
        "councils; recused members kept in the total; other awards by majority of all members)",
        False,
    ),
    "law-2022-decree-98": Procedure(
        D("0.667"),
        True,
        True,
        MAJORITY_OF_ALL,
        "NĐ 98 Điều 47 (verify: 2/3 quorum reported for the central council; written ballots, "
        "recusals and the default majority carried from NĐ 91)",
        False,
    ),
    "law-2022-decree-152": Procedure(
        D("0.667"),
        True,
        True,
        MAJORITY_OF_ALL,
        "NĐ 152/2025 (verify: voting articles not read; NĐ 98 Điều 47's 2/3 quorum carried)",
        False,
    ),
}

# The base salary (lương cơ sở) from each date; a bonus uses the one in force on the date of
# the decision (NĐ 98 Điều 53).
BASE_SALARIES = [
    # valid_from, amount (VND per month), source
    (
        datetime.date(2017, 7, 1),
        1_300_000,
        "Nghị định 47/2017/NĐ-CP (verify: number and date; the amount is the one "
        "Nghị định 72/2018 raised by 90.000)",
    ),
    (datetime.date(2018, 7, 1), 1_390_000, "Nghị định 72/2018/NĐ-CP"),
    (datetime.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP, Điều 3(2)"),
    (datetime.date(2026, 7, 1), 2_530_000, "Nghị định 161/2026/NĐ-CP"),
]
