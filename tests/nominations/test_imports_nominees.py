"""Importing a unit's list of nominees into the dossier being prepared.

The same pipeline as the award history (upload → columns → preview → all-or-nothing apply),
with its own fields; the rows are appended to the dossier's nominees through dossier_update.
"""

import io
from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nominations import services as dossier_services
from nominations.errors import StepOutOfOrder
from nominations.imports import services
from nominations.models import AuditAction, AuditEntry, ImportBatch, ImportStatus, RecipientKind
from tests.factories import AwardFactory, create_dossier, nominee, provincial_award
from tests.nominations.test_imports_support import (
    collective_title,
    csv_bytes,
    docx_bytes,
    errors_of,
    xlsx_bytes,
)
from tests.workflows.helpers import attach_required_documents, complete
from workflows.engine import open_step

pytestmark = pytest.mark.django_db

HEADINGS = [
    "STT",
    "Họ và tên",
    "Cá nhân/Tập thể",
    "Chức vụ, đơn vị công tác",
    "Hình thức khen thưởng đề nghị",
    "Tóm tắt thành tích",
]
AWARD_COLUMN = "Hình thức khen thưởng đề nghị"
SUMMARY = "Hoàn thành xuất sắc nhiệm vụ năm 2020."


def line(number, name, kind="Cá nhân", award="Lao động tiên tiến", job="Chuyên viên"):
    return [number, name, kind, job, award, SUMMARY]


@pytest.fixture
def dossier(world):
    """A draft of the justice department with one nominee, Nguyễn Văn An."""
    return create_dossier(
        clerk=world.clerk,
        unit=world.justice,
        authority=world.district,
        nominees=[nominee("Nguyễn Văn An", award=world.award)],
    )


def upload(world, dossier, data, *, actor=None, name="danh-sach.xlsx"):
    return services.import_nominees_upload(
        actor=actor or world.clerk, dossier=dossier, file_name=name, stream=io.BytesIO(data)
    )


def names(dossier):
    return list(dossier.nominees.order_by("position").values_list("full_name", flat=True))


def send_to_head(world, dossier):
    attach_required_documents(dossier, world.clerk)
    service = partial(dossier_services.dossier_send_to_head, actor=world.clerk, dossier=dossier)
    return complete(dossier, "prepare", world.clerk, service)


def test_a_good_xlsx_list_is_appended_to_the_dossier(world, dossier):
    collective_title()
    kept = dossier.nominees.get()
    rows = [
        line(1, "Hồ Thị Lan", job="Phó Trưởng phòng, Phòng Tư pháp"),
        line(2, "Tổ Hộ tịch", kind="Tập thể", award="tap-the-lao-dong-tien-tien", job=""),
    ]
    data = xlsx_bytes(rows, headings=HEADINGS, title="DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")

    batch = upload(world, dossier, data)
    assert errors_of(batch) == []
    assert batch.kind == "nominees" and batch.mapping["dossier"] == dossier.pk
    result = services.import_apply(actor=world.clerk, batch=batch)

    assert result.created == 2
    assert names(dossier) == ["Nguyễn Văn An", "Hồ Thị Lan", "Tổ Hộ tịch"]
    assert dossier.nominees.filter(pk=kept.pk).exists()  # the existing row is kept, not re-made
    lan = dossier.nominees.get(full_name="Hồ Thị Lan")
    assert lan.job_title == "Phó Trưởng phòng, Phòng Tư pháp"
    assert lan.achievement_summary == SUMMARY
    team = dossier.nominees.get(full_name="Tổ Hộ tịch")
    assert team.recipient_kind == RecipientKind.COLLECTIVE
    assert team.award.code == "tap-the-lao-dong-tien-tien"
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED
    assert AuditEntry.objects.filter(action=AuditAction.DOSSIER_UPDATED).exists()


def test_a_csv_with_a_collective_name_column_proposes_collectives(world, dossier):
    collective_title()
    headings = ["STT", "Tên tập thể", "Danh hiệu đề nghị", "Tóm tắt thành tích"]
    data = csv_bytes([[1, "Tổ Hộ tịch", "Tập thể lao động tiên tiến", SUMMARY]], headings)

    batch = upload(world, dossier, data, name="danh-sach.csv")
    services.import_apply(actor=world.clerk, batch=batch)

    team = dossier.nominees.get(full_name="Tổ Hộ tịch")
    assert team.recipient_kind == RecipientKind.COLLECTIVE


def test_a_docx_table_goes_from_the_prepare_step_back_to_it(world, dossier, login):
    client = login(world.clerk)
    task = open_step(dossier, "prepare")
    step = client.get(reverse("task_detail", args=[task.pk])).content.decode()
    upload_url = reverse("imports:nominees", args=[dossier.pk])
    assert upload_url in step

    assert client.get(upload_url).status_code == 200
    document = docx_bytes([HEADINGS, line(1, "Hồ Thị Lan"), line(2, "Lê Văn Bình")])
    response = client.post(upload_url, {"file": SimpleUploadedFile("ds.docx", document)})
    batch = ImportBatch.objects.get()
    assert response.url == reverse("imports:mapping", args=[batch.pk])
    assert client.get(response.url).status_code == 200
    preview = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "Lê Văn Bình" in preview and 'aria-describedby="apply-blocked"' not in preview

    response = client.post(reverse("imports:apply", args=[batch.pk]))

    assert response.url == reverse("task_detail", args=[task.pk])
    assert "msg-success" in client.get(response.url).content.decode()
    assert names(dossier) == ["Nguyễn Văn An", "Hồ Thị Lan", "Lê Văn Bình"]


def test_an_unknown_award_applies_nothing_and_the_report_names_row_and_column(
    world, dossier, login
):
    rows = [line(1, "Hồ Thị Lan"), line(2, "Lê Văn Bình", award="Huân chương Mặt Trời")]
    batch = upload(world, dossier, xlsx_bytes(rows, headings=HEADINGS))

    (error,) = errors_of(batch)
    assert (error["code"], error["line"], error["column"]) == ("unknown_award", 3, AWARD_COLUMN)
    with pytest.raises(services.ImportHasErrors):
        services.import_apply(actor=world.clerk, batch=batch)
    assert names(dossier) == ["Nguyễn Văn An"]
    page = login(world.clerk).get(
        reverse("imports:preview", args=[batch.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert "Row 3" in text and AWARD_COLUMN in text and "Huân chương Mặt Trời" in text


def test_an_individual_award_on_a_collective_row_is_refused(world, dossier):
    rows = [line(1, "Tổ Hộ tịch", kind="Tập thể", award="Lao động tiên tiến")]
    batch = upload(world, dossier, xlsx_bytes(rows, headings=HEADINGS))

    (error,) = errors_of(batch)
    assert (error["code"], error["line"], error["column"]) == ("award_wrong_kind", 2, AWARD_COLUMN)
    with pytest.raises(services.ImportHasErrors):
        services.import_apply(actor=world.clerk, batch=batch)
    assert names(dossier) == ["Nguyễn Văn An"]


def test_a_duplicate_of_a_nominee_already_in_the_dossier_is_refused(world, dossier):
    rows = [line(1, "Hồ Thị Lan"), line(2, "NGUYỄN VĂN AN")]
    batch = upload(world, dossier, xlsx_bytes(rows, headings=HEADINGS))

    (error,) = errors_of(batch)
    assert (error["code"], error["line"], error["column"]) == ("already_nominated", 3, "Họ và tên")
    with pytest.raises(services.ImportHasErrors):
        services.import_apply(actor=world.clerk, batch=batch)
    assert names(dossier) == ["Nguyễn Văn An"]


def test_the_same_name_twice_in_the_list_is_refused(world, dossier):
    rows = [line(1, "Hồ Thị Lan"), line(2, "Hồ Thị Lan")]
    batch = upload(world, dossier, xlsx_bytes(rows, headings=HEADINGS))

    assert [(e["code"], e["line"]) for e in errors_of(batch)] == [("duplicate_nominee", 3)]


def test_a_dossier_already_sent_takes_no_list(world, dossier, login):
    data = xlsx_bytes([line(1, "Hồ Thị Lan")], headings=HEADINGS)
    batch = upload(world, dossier, data)  # while it was a draft
    send_to_head(world, dossier)

    with pytest.raises(StepOutOfOrder):
        services.import_apply(actor=world.clerk, batch=batch)
    with pytest.raises(StepOutOfOrder):
        upload(world, dossier, data)
    response = login(world.clerk).post(reverse("imports:apply", args=[batch.pk]), follow=True)

    assert "msg-warning" in response.content.decode()
    assert names(dossier) == ["Nguyễn Văn An"]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED
    page = login(world.clerk).get(reverse("imports:nominees", args=[dossier.pk]))
    assert page.status_code == 302  # back to the dossier, with the reason
    assert ImportBatch.objects.count() == 1


@pytest.mark.parametrize("who", ["other_clerk", "head", "officer", "outsider"])
def test_who_may_not_prepare_the_dossier_gets_404_everywhere(world, dossier, login, who):
    batch = upload(world, dossier, xlsx_bytes([line(1, "Hồ Thị Lan")], headings=HEADINGS))
    client = login(getattr(world, who))
    upload_url = reverse("imports:nominees", args=[dossier.pk])
    data = xlsx_bytes([line(1, "Lê Văn Bình")], headings=HEADINGS)

    assert client.get(upload_url).status_code == 404
    assert client.post(upload_url, {"file": SimpleUploadedFile("d.xlsx", data)}).status_code == 404
    for name in ("imports:preview", "imports:mapping"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
    for name in ("imports:apply", "imports:discard"):
        assert client.post(reverse(name, args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED and ImportBatch.objects.count() == 1
    assert names(dossier) == ["Nguyễn Văn An"]


def test_the_history_secretariat_does_not_list_a_dossiers_nominees(world, dossier, login):
    upload(world, dossier, xlsx_bytes([line(1, "Hồ Thị Lan")], headings=HEADINGS), name="ds.xlsx")

    assert "ds.xlsx" in login(world.clerk).get(reverse("imports:list")).content.decode()
    assert "ds.xlsx" not in login(world.officer).get(reverse("imports:list")).content.decode()


def test_a_double_apply_applies_once(world, dossier, login):
    batch = upload(world, dossier, xlsx_bytes([line(1, "Hồ Thị Lan")], headings=HEADINGS))
    client = login(world.clerk)

    client.post(reverse("imports:apply", args=[batch.pk]))
    again = client.post(reverse("imports:apply", args=[batch.pk]), follow=True)

    assert "msg-warning" in again.content.decode()
    assert names(dossier) == ["Nguyễn Văn An", "Hồ Thị Lan"]
    with pytest.raises(StepOutOfOrder):
        services.import_apply(actor=world.clerk, batch=batch)
    assert names(dossier) == ["Nguyễn Văn An", "Hồ Thị Lan"]


def test_an_award_named_for_both_kinds_is_told_apart_by_the_rows_kind(world, dossier):
    provincial_award()
    AwardFactory(
        code="bang-khen-tinh-ca-nhan",
        name="Bằng khen của Chủ tịch UBND tỉnh (cá nhân)",
        recipient_kind=RecipientKind.INDIVIDUAL,
    )
    award = "Bằng khen của Chủ tịch UBND tỉnh"
    rows = [line(1, "Tổ Hộ tịch", kind="Tập thể", award=award), line(2, "Hồ Thị Lan", award=award)]
    batch = upload(world, dossier, xlsx_bytes(rows, headings=HEADINGS))
    assert errors_of(batch) == []

    services.import_apply(actor=world.clerk, batch=batch)

    assert dossier.nominees.get(full_name="Tổ Hộ tịch").award.code == "bang-khen-tinh-tap-the"
    assert dossier.nominees.get(full_name="Hồ Thị Lan").award.code == "bang-khen-tinh-ca-nhan"


def test_without_a_kind_a_collective_award_says_how_to_mark_a_collective(world, dossier):
    collective_title()
    headings = ["Họ và tên", "Hình thức đề nghị", "Tóm tắt thành tích"]
    batch = upload(
        world, dossier, csv_bytes([["Tổ Hộ tịch", "Tập thể lao động tiên tiến", "x"]], headings)
    )

    assert [e["code"] for e in errors_of(batch)] == ["award_wrong_kind_unstated"]


def test_the_mapping_asks_for_a_name_column_of_either_kind(world, dossier, login):
    batch = upload(world, dossier, xlsx_bytes([line(1, "Hồ Thị Lan")], headings=HEADINGS))
    mapping = {f"column_{i}": "" for i in range(len(HEADINGS))}
    mapping.update(column_4="award", column_5="achievement_summary")

    response = login(world.clerk).post(
        reverse("imports:mapping", args=[batch.pk]), mapping, HTTP_ACCEPT_LANGUAGE="en"
    )

    (error,) = response.context["form"].non_field_errors()
    assert "“Full name or collective name” or “Collective name”" in error
