"""The award catalogue: awards, the legal periods, each award's rule in each period.

Sources are cited per rule; `verified=False` marks what shared/docs/domain.md flags *(verify)*.
This first version carries the conferring levels; thresholds, bonuses and the full list of
titles and forms come with issue #3's catalogue work.
"""

import datetime

from nominations.models import AuthorityLevel as L
from nominations.models import AwardKind as K
from nominations.models import RecipientKind as R

PERIODS = [
    # code, name, valid_from, valid_until, sources
    (
        "law-2003-decree-91",
        "Luật TĐKT 2003 (sửa đổi 2005, 2009, 2013) và Nghị định 91/2017/NĐ-CP",
        None,
        datetime.date(2023, 12, 31),
        "Luật Thi đua, Khen thưởng 2003; Nghị định 91/2017/NĐ-CP; Thông tư 12/2019/TT-BNV",
    ),
    (
        "law-2022-decree-98",
        "Luật TĐKT 2022 và Nghị định 98/2023/NĐ-CP",
        datetime.date(2024, 1, 1),
        datetime.date(2025, 6, 30),
        "Luật Thi đua, Khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP; "
        "Thông tư 01/2024/TT-BNV",
    ),
    (
        "law-2022-decree-152",
        "Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP",
        datetime.date(2025, 7, 1),
        None,
        "Luật Thi đua, Khen thưởng số 06/2022/QH15; Nghị định 152/2025/NĐ-CP",
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
    ("giay-khen-ca-nhan", "Giấy khen (cá nhân)", K.COMMENDATION, R.INDIVIDUAL),
    ("giay-khen-tap-the", "Giấy khen (tập thể)", K.COMMENDATION, R.COLLECTIVE),
    (
        "bang-khen-tinh-ca-nhan",
        "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)",
        K.COMMENDATION,
        R.INDIVIDUAL,
    ),
    (
        "bang-khen-tinh-tap-the",
        "Bằng khen của Chủ tịch UBND tỉnh (tập thể)",
        K.COMMENDATION,
        R.COLLECTIVE,
    ),
    (
        "bang-khen-thu-tuong-ca-nhan",
        "Bằng khen của Thủ tướng Chính phủ (cá nhân)",
        K.COMMENDATION,
        R.INDIVIDUAL,
    ),
]

# award code -> (level_min, level_max, source); the same in every period until checked.
LEVELS = {
    "lao-dong-tien-tien": (L.BASE, L.DISTRICT, "Luật TĐKT 2022, Điều 24; Điều 80(3)"),
    "chien-si-thi-dua-co-so": (L.BASE, L.DISTRICT, "Luật TĐKT 2022, Điều 23"),
    "chien-si-thi-dua-cap-tinh": (L.PROVINCE, L.PROVINCE, "Luật TĐKT 2022, Điều 22"),
    "chien-si-thi-dua-toan-quoc": (L.GOVERNMENT, L.GOVERNMENT, "Luật TĐKT 2022, Điều 21"),
    "tap-the-lao-dong-tien-tien": (L.BASE, L.DISTRICT, "Luật TĐKT 2003, Điều 28"),
    "tap-the-lao-dong-xuat-sac": (L.PROVINCE, L.PROVINCE, "Luật TĐKT 2022 (verify)"),
    "co-thi-dua-cap-tinh": (L.PROVINCE, L.PROVINCE, "Luật TĐKT 2022 (verify)"),
    "giay-khen-ca-nhan": (L.BASE, L.DISTRICT, "Luật TĐKT 2022, Điều 80(3)"),
    "giay-khen-tap-the": (L.BASE, L.DISTRICT, "Luật TĐKT 2022, Điều 80(3)"),
    "bang-khen-tinh-ca-nhan": (L.PROVINCE, L.PROVINCE, "Luật TĐKT 2022 (verify)"),
    "bang-khen-tinh-tap-the": (L.PROVINCE, L.PROVINCE, "Luật TĐKT 2022 (verify)"),
    "bang-khen-thu-tuong-ca-nhan": (L.GOVERNMENT, L.GOVERNMENT, "Luật TĐKT 2022 (verify)"),
}
