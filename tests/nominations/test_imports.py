"""Importing award history: what a list writes, and every reason it writes nothing."""

import datetime
import unicodedata

import pytest
from django.utils import translation

from nominations.errors import NotAllowed, StepOutOfOrder
from nominations.imports import services
from nominations.imports.checks import describe, location
from nominations.models import AuditEntry, AwardRecord, ImportStatus, Person, RecordSource
from tests.factories import AwardFactory
from tests.nominations.test_imports_support import (
    HEADINGS,
    base_title,
    codes,
    collective_title,
    errors_of,
    person,
    row,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def report(batch, code):
    """The first issue of that code, in English, as the user reads it."""
    item = next(i for i in batch.errors if i["code"] == code)
    with translation.override("en"):
        return f"{location(item['line'], item['part'])}, {item['column']}: {describe(item)}"


def test_a_good_workbook_applied_writes_the_history_with_the_right_people(world):
    known = person(world, "Trần Thị Bình")
    title = base_title()
    data = xlsx_bytes(
        [
            row(1, "Trần Thị Bình", year=2018, reference="12/QĐ-UBND", date="15/01/2019"),
            row(2, "Trần Thị Bình", award="chien-si-thi-dua-co-so", year=2019),
            row(3, "Lê Văn Cường", award="LAO ĐỘNG TIÊN TIẾN", year=2019),
        ],
        title="DANH SÁCH CÁ NHÂN ĐẠT DANH HIỆU THI ĐUA",
    )

    batch = upload(world, data)
    assert batch.errors == []
    result = services.import_apply(actor=world.clerk, batch=batch)

    assert (result.created, result.people_created, result.skipped) == (3, 1, 0)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and batch.applied_at is not None
    first = AwardRecord.objects.get(person=known, year=2018)
    assert first.award == world.award
    assert (first.decision_reference, first.issuer) == ("12/QĐ-UBND", "UBND huyện Kỳ Anh")
    assert first.decision_date == datetime.date(2019, 1, 15)
    assert first.source == RecordSource.IMPORT and first.import_batch == batch
    assert AwardRecord.objects.get(person=known, year=2019).award == title
    created = Person.objects.get(full_name="Lê Văn Cường")
    assert created.unit == world.justice
    assert created.award_records.get().award == world.award
    assert AuditEntry.objects.filter(action="import.applied", target_id=batch.pk).count() == 1


def test_an_imported_2015_2019_history_is_there_for_the_eligibility_engine(world):
    title = base_title()
    years = range(2015, 2020)
    data = xlsx_bytes(
        [row(n, "Phạm Thu Hà", award="Chiến sĩ thi đua cơ sở", year=y) for n, y in enumerate(years)]
    )

    services.import_apply(actor=world.clerk, batch=upload(world, data))

    records = AwardRecord.objects.filter(person__full_name="Phạm Thu Hà", award=title)
    assert sorted(records.values_list("year", flat=True)) == list(years)
    assert {r.person.unit_id for r in records} == {world.justice.pk}
    assert Person.objects.count() == 1  # one person across the five rows


def test_one_bad_row_applies_nothing_and_the_report_names_its_row_and_column(world):
    data = xlsx_bytes([row(1, "Nguyễn Văn An"), row(2, "Đỗ Minh Châu", year="hai nghìn")])

    batch = upload(world, data)

    assert codes(batch) == ["year_not_number"]
    assert report(batch, "year_not_number") == ("Row 3, Năm: The year “hai nghìn” is not a number.")
    with pytest.raises(services.ImportHasErrors):
        services.import_apply(actor=world.clerk, batch=batch)
    assert not AwardRecord.objects.exists()
    assert not Person.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED


@pytest.mark.parametrize(
    ("cells", "code", "column"),
    [
        ({"award": "Huân chương Sao Hỏa"}, "unknown_award", "Danh hiệu"),
        ({"award": ""}, "empty_award", "Danh hiệu"),
        ({"name": "   "}, "empty_name", "Họ và tên"),
        ({"year": ""}, "empty_year", "Năm"),
        ({"year": 1890}, "year_out_of_range", "Năm"),
        ({"date": "31/02/2019"}, "date_unreadable", "Ngày quyết định"),
        ({"date": "hôm qua"}, "date_unreadable", "Ngày quyết định"),
        ({"unit": "Phòng Không Có"}, "unknown_unit", "Đơn vị"),
    ],
)
def test_each_kind_of_bad_cell_is_reported_on_its_row_and_column(world, cells, code, column):
    values = row(
        1, cells.get("name", "Nguyễn Văn An"), award=cells.get("award", "Lao động tiên tiến")
    )
    values[2] = cells.get("unit", "")
    values[4] = cells.get("year", 2019)
    values[6] = cells.get("date", "")

    batch = upload(world, xlsx_bytes([values]))

    (item,) = errors_of(batch)
    assert (item["code"], item["line"], item["column"]) == (code, 2, column)


def test_dates_are_read_in_the_vietnamese_ways(world):
    data = xlsx_bytes(
        [
            row(1, "A Một", year=2017, reference="1/QĐ", date="2/9/2018"),
            row(2, "A Hai", year=2017, reference="2/QĐ", date="ngày 02 tháng 9 năm 2018"),
            row(3, "A Ba", year=2017, reference="3/QĐ", date=datetime.date(2018, 9, 2)),
        ]
    )
    services.import_apply(actor=world.clerk, batch=upload(world, data))
    dates = set(AwardRecord.objects.values_list("decision_date", flat=True))
    assert dates == {datetime.date(2018, 9, 2)}


def test_the_same_line_twice_in_the_file_is_an_error_naming_the_first(world):
    data = xlsx_bytes([row(1, "Nguyễn Văn An"), row(2, "Hồ Thị Lan"), row(3, "NGUYỄN VĂN AN")])

    batch = upload(world, data)

    assert codes(batch) == ["duplicate_row"]
    assert report(batch, "duplicate_row").startswith("Row 4, Họ và tên: Same person, award and")
    assert "as row 2" in report(batch, "duplicate_row")


def test_a_name_typed_in_nfd_finds_the_person_stored_in_nfc(world):
    known = person(world, "Nguyễn Thị Hồng Nhung")
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung")
    assert nfd != known.full_name

    batch = upload(world, xlsx_bytes([row(1, nfd)]))
    result = services.import_apply(actor=world.clerk, batch=batch)

    assert result.people_created == 0
    assert AwardRecord.objects.get().person == known
    assert Person.objects.count() == 1


def test_a_formula_cell_is_reported_not_imported(world):
    data = xlsx_bytes([row(1, "Nguyễn Văn An", year="=2018+1")])

    batch = upload(world, data)

    assert codes(batch) == ["formula"]
    assert "Row 2, Năm: The cell holds a formula (=2018+1), not a value" in report(batch, "formula")


def test_two_people_of_that_name_in_the_unit_block_the_apply_and_nobody_is_guessed(world):
    person(world, "Nguyễn Văn An")
    person(world, "Nguyễn Văn An")
    data = xlsx_bytes([row(1, "Nguyễn Văn An"), row(2, "Hồ Thị Lan")])

    batch = upload(world, data)

    assert codes(batch) == ["ambiguous_person"]
    assert "Ambiguous: 2 people named “Nguyễn Văn An” in Phòng Tư pháp" in report(
        batch, "ambiguous_person"
    )
    with pytest.raises(services.ImportHasErrors):
        services.import_apply(actor=world.clerk, batch=batch)
    assert not AwardRecord.objects.exists()


def test_a_namesake_in_another_unit_is_not_the_same_person(world):
    elsewhere = person(world, "Nguyễn Văn An", unit=world.health)

    services.import_apply(
        actor=world.clerk, batch=upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]))
    )

    record = AwardRecord.objects.get()
    assert record.person != elsewhere and record.person.unit == world.justice


def test_a_name_spelled_like_a_known_person_but_not_the_same_blocks_the_apply(world):
    person(world, "Nguyễn Văn Ân")

    batch = upload(world, xlsx_bytes([row(1, "Nguyen Van An")]))

    assert codes(batch) == ["similar_person"]
    assert "Nguyễn Văn Ân" in report(batch, "similar_person")


def test_two_spellings_of_a_new_name_in_one_list_are_asked_about(world):
    batch = upload(world, xlsx_bytes([row(1, "Lê Thị Hà", year=2018), row(2, "Lê Thị Hạ")]))
    assert codes(batch) == ["similar_in_list", "similar_in_list"]


def test_a_record_already_in_the_history_is_skipped_with_a_note_and_the_rest_applied(world):
    known = person(world, "Trần Thị Bình")
    AwardRecord.objects.create(
        person=known,
        award=world.award,
        year=2019,
        source=RecordSource.DECISION,
        decision_reference="15/QĐ-UBND",
    )
    data = xlsx_bytes([row(1, "Trần Thị Bình", year=2019), row(2, "Trần Thị Bình", year=2018)])

    batch = upload(world, data)

    assert errors_of(batch) == []
    assert codes(batch) == ["already_recorded"]
    assert "(Our decision, decision 15/QĐ-UBND). This row will be skipped." in report(
        batch, "already_recorded"
    )
    result = services.import_apply(actor=world.clerk, batch=batch)
    assert (result.created, result.skipped) == (1, 1)
    assert AwardRecord.objects.filter(person=known, year=2019).count() == 1


def test_the_same_file_imported_twice_adds_nothing_the_second_time(world):
    data = xlsx_bytes([row(1, "Nguyễn Văn An"), row(2, "Hồ Thị Lan")])
    services.import_apply(actor=world.clerk, batch=upload(world, data))

    again = services.import_apply(actor=world.clerk, batch=upload(world, data))

    assert (again.created, again.skipped, again.people_created) == (0, 2, 0)
    assert AwardRecord.objects.count() == 2


def test_an_apply_submitted_twice_applies_once(world):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]))
    services.import_apply(actor=world.clerk, batch=batch)

    with pytest.raises(StepOutOfOrder):
        services.import_apply(actor=world.clerk, batch=batch)  # the stale object of the 1st tab

    assert AwardRecord.objects.count() == 1
    assert AuditEntry.objects.filter(action="import.applied").count() == 1


def test_records_changed_since_the_preview_are_judged_again_at_apply(world):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]))
    assert batch.errors == []
    person(world, "Nguyễn Văn An")
    person(world, "Nguyễn Văn An")  # two namesakes entered meanwhile

    with pytest.raises(services.ImportHasErrors):
        services.import_apply(actor=world.clerk, batch=batch)

    batch.refresh_from_db()
    assert codes(batch) == ["ambiguous_person"]  # the fresh report is kept for the user
    assert not AwardRecord.objects.exists()


def test_a_discarded_import_cannot_be_applied(world):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]))
    services.import_discard(actor=world.clerk, batch=batch)

    with pytest.raises(StepOutOfOrder):
        services.import_apply(actor=world.clerk, batch=batch)

    batch.refresh_from_db()
    assert batch.status == ImportStatus.DISCARDED
    assert not AwardRecord.objects.exists()
    assert AuditEntry.objects.filter(action="import.discarded", target_id=batch.pk).exists()


def test_a_clerk_imports_for_their_own_unit_only(world):
    with pytest.raises(NotAllowed):
        upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]), unit=world.health)
    batch = upload(
        world, xlsx_bytes([row(1, "Nguyễn Văn An")]), actor=world.other_clerk, unit=world.health
    )
    with pytest.raises(NotAllowed):
        services.import_apply(actor=world.clerk, batch=batch)


def test_the_secretariat_imports_a_district_list_with_a_unit_per_row(world):
    data = xlsx_bytes(
        [row(1, "Nguyễn Văn An", unit="Phòng Tư pháp"), row(2, "Hồ Thị Lan", unit="y-te")]
    )
    batch = upload(world, data, actor=world.officer, unit=world.district.unit)

    services.import_apply(actor=world.officer, batch=batch)

    units = dict(AwardRecord.objects.values_list("person__full_name", "person__unit__code"))
    assert units == {"Nguyễn Văn An": "tu-phap", "Hồ Thị Lan": "y-te"}


def test_a_collective_award_goes_to_the_unit_named_in_the_row(world):
    collective_title()
    data = xlsx_bytes([row(1, "Phòng Y tế", award="Tập thể lao động tiên tiến", year=2019)])

    services.import_apply(
        actor=world.officer,
        batch=upload(world, data, actor=world.officer, unit=world.district.unit),
    )

    record = AwardRecord.objects.get()
    assert (record.collective, record.person) == (world.health, None)


def test_an_award_name_shared_by_several_awards_is_not_guessed(world):
    AwardFactory(code="giay-khen-ca-nhan", name="Giấy khen (cá nhân)")
    AwardFactory(code="giay-khen-tap-the", name="Giấy khen (tập thể)")

    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An", award="Giấy khen")]))

    assert codes(batch) == ["ambiguous_award"]
    assert "Giấy khen (cá nhân); Giấy khen (tập thể)" in report(batch, "ambiguous_award")


def test_headings_are_recognised_without_diacritics_or_case(world):
    headings = ["stt", "HO VA TEN", "Don vi", "DANH HIỆU", "nam", "So QD", "Ngay QD", "Cap khen"]

    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")], headings=headings))

    assert batch.mapping["columns"] == {
        "full_name": 1,
        "unit": 2,
        "award": 3,
        "year": 4,
        "decision_reference": 5,
        "decision_date": 6,
        "issuer": 7,
    }
    assert batch.errors == []


def test_a_list_without_a_year_column_waits_for_the_mapping(world):
    headings = [h if h != "Năm" else "Ghi chú" for h in HEADINGS]
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")], headings=headings))
    assert codes(batch) == ["field_not_mapped"]

    batch = services.import_map_columns(
        actor=world.clerk, batch=batch, columns={"full_name": 1, "award": 3, "year": 4}
    )

    assert batch.errors == []
    assert batch.rows[0]["check"]["year"] == 2019
