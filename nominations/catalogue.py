"""The first awards of the catalogue: enough for the nomination chain.

Each entry cites its legal source. The full catalogue with legal periods, thresholds and
bonuses is built later (issue #3); levels follow Law 06/2022/QH15 as summarised in
shared/docs/domain.md.
"""

from nominations.models import AuthorityLevel as L
from nominations.models import AwardKind as K
from nominations.models import RecipientKind as R

AWARDS = [
    # code, name, kind, recipient, level_min, level_max, source
    (
        "lao-dong-tien-tien",
        "Lao động tiên tiến",
        K.TITLE,
        R.INDIVIDUAL,
        L.BASE,
        L.DISTRICT,
        "Luật TĐKT 2022, Điều 24; Điều 80(3)",
    ),
    (
        "chien-si-thi-dua-co-so",
        "Chiến sĩ thi đua cơ sở",
        K.TITLE,
        R.INDIVIDUAL,
        L.BASE,
        L.DISTRICT,
        "Luật TĐKT 2022, Điều 23; Nghị định 91/2017, Điều 9(3)",
    ),
    (
        "chien-si-thi-dua-cap-tinh",
        "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        K.TITLE,
        R.INDIVIDUAL,
        L.PROVINCE,
        L.PROVINCE,
        "Luật TĐKT 2022, Điều 22",
    ),
    (
        "chien-si-thi-dua-toan-quoc",
        "Chiến sĩ thi đua toàn quốc",
        K.TITLE,
        R.INDIVIDUAL,
        L.GOVERNMENT,
        L.GOVERNMENT,
        "Luật TĐKT 2022, Điều 21",
    ),
    (
        "tap-the-lao-dong-tien-tien",
        "Tập thể lao động tiên tiến",
        K.TITLE,
        R.COLLECTIVE,
        L.BASE,
        L.DISTRICT,
        "Luật TĐKT 2003 sửa đổi, Điều 28",
    ),
    (
        "tap-the-lao-dong-xuat-sac",
        "Tập thể lao động xuất sắc",
        K.TITLE,
        R.COLLECTIVE,
        L.PROVINCE,
        L.PROVINCE,
        "Luật TĐKT 2022 (verify article)",
    ),
    (
        "co-thi-dua-cap-tinh",
        "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
        K.TITLE,
        R.COLLECTIVE,
        L.PROVINCE,
        L.PROVINCE,
        "Luật TĐKT 2022 (verify article)",
    ),
    (
        "giay-khen-ca-nhan",
        "Giấy khen (cá nhân)",
        K.COMMENDATION,
        R.INDIVIDUAL,
        L.BASE,
        L.DISTRICT,
        "Luật TĐKT 2022, Điều 80(3)",
    ),
    (
        "giay-khen-tap-the",
        "Giấy khen (tập thể)",
        K.COMMENDATION,
        R.COLLECTIVE,
        L.BASE,
        L.DISTRICT,
        "Luật TĐKT 2022, Điều 80(3)",
    ),
    (
        "bang-khen-tinh-ca-nhan",
        "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)",
        K.COMMENDATION,
        R.INDIVIDUAL,
        L.PROVINCE,
        L.PROVINCE,
        "Luật TĐKT 2022 (verify article)",
    ),
    (
        "bang-khen-tinh-tap-the",
        "Bằng khen của Chủ tịch UBND tỉnh (tập thể)",
        K.COMMENDATION,
        R.COLLECTIVE,
        L.PROVINCE,
        L.PROVINCE,
        "Luật TĐKT 2022 (verify article)",
    ),
    (
        "bang-khen-thu-tuong-ca-nhan",
        "Bằng khen của Thủ tướng Chính phủ (cá nhân)",
        K.COMMENDATION,
        R.INDIVIDUAL,
        L.GOVERNMENT,
        L.GOVERNMENT,
        "Luật TĐKT 2022 (verify article)",
    ),
]
