import datetime

import pytest
from django.utils import translation

from nominations.formatting import decree30_date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2020, 9, 2), "ngày 02 tháng 9 năm 2020"),
        (datetime.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (datetime.date(2020, 2, 28), "ngày 28 tháng 02 năm 2020"),
        (datetime.date(2020, 12, 31), "ngày 31 tháng 12 năm 2020"),
    ],
)
def test_dates_are_written_as_decree_30_prescribes(day, expected):
    with translation.override("vi"):
        assert decree30_date(day) == expected


def test_a_legal_source_is_cited_without_the_projects_working_notes():
    from nominations.formatting import legal_citation

    source = (
        "NĐ 91 Điều 45(8): ≥ 90 % tổng số thành viên; Điều 69 (article inferred): 3,0 "
        "(verify: the rate (as reported) for 2020)"
    )
    assert legal_citation(source) == "NĐ 91 Điều 45(8): ≥ 90 % tổng số thành viên; Điều 69: 3,0"
    assert legal_citation("Luật TĐKT 2022 Điều 24(1)") == "Luật TĐKT 2022 Điều 24(1)"
