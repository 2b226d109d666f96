"""Issue #3's promise: an imported 2015–2019 history makes a 2020 nomination pass or fail."""

import pytest
from django.core.management import call_command

from nominations.eligibility.findings import Status
from nominations.imports import services as imports
from tests.nominations.eligibility_factories import CSTD_PROVINCE, conditions, draft, propose
from tests.nominations.test_imports_support import row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

AN, BINH = "Nguyễn Văn An", "Trần Thị Bình"


@pytest.fixture
def catalogue(db):
    call_command("load_award_catalogue", verbosity=0)


def import_history(world, rows):
    batch = upload(world, xlsx_bytes(rows))
    assert not [issue for issue in batch.errors if issue["level"] == "error"], batch.errors
    imports.import_apply(actor=world.clerk, batch=batch)


def test_three_imported_base_titles_qualify_for_the_provincial_title_two_do_not(world, catalogue):
    base = "Chiến sĩ thi đua cơ sở"
    import_history(
        world,
        [
            row(1, AN, base, 2017),
            row(2, AN, base, 2018),
            row(3, AN, base, 2019),
            row(4, BINH, base, 2018),
            row(5, BINH, base, 2019),
        ],
    )

    dossier = draft(
        world.clerk,
        world.justice,
        world.district,
        propose(AN, CSTD_PROVINCE),
        propose(BINH, CSTD_PROVINCE),
        year=2020,
    )

    an, binh = conditions(dossier, AN), conditions(dossier, BINH)
    assert an["cstd-province-titles"].status == Status.MET
    assert binh["cstd-province-titles"].status == Status.NOT_MET
    assert "2017" in binh["cstd-province-titles"].reason
    assert "Điều 22" in an["cstd-province-titles"].source
