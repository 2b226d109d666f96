"""The import pages: who sees what, the steps through them, and the limits at the door."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from nominations.models import AwardRecord, ImportBatch, ImportStatus
from tests.nominations.test_imports_support import (
    HEADINGS,
    docx_bytes,
    row,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CountingStream:
    """A request body of `size` bytes, made up as it is read, counting what was read."""

    def __init__(self, size):
        self.size, self.read_bytes = size, 0

    def read(self, n=-1):
        n = (
            self.size - self.read_bytes
            if n is None or n < 0
            else min(n, self.size - self.read_bytes)
        )
        self.read_bytes += n
        return b"x" * n

    def readline(self, size=-1):
        return self.read(min(size, 1024) if size and size > 0 else 1024)


def xlsx_upload(rows, name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows), content_type=XLSX_TYPE)


def test_a_clerk_uploads_maps_checks_and_applies_a_list(world, login):
    client = login(world.clerk)
    good = [row(1, "Nguyễn Văn An"), row(2, "Hồ Thị Lan", year=2018)]

    response = client.post(
        reverse("imports:upload"), {"unit": world.justice.pk, "file": xlsx_upload(good)}
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("imports:mapping", args=[batch.pk])

    page = client.get(response.url)
    assert page.status_code == 200
    assert 'id="id_column_1"' in page.content.decode()  # one choice per column of the file
    mapping = {f"column_{i}": "" for i in range(len(HEADINGS))}
    mapping.update(column_1="full_name", column_3="award", column_4="year")
    response = client.post(response.url, mapping)
    assert response.url == reverse("imports:preview", args=[batch.pk])

    preview = client.get(response.url).content.decode()
    assert "Nguyễn Văn An" in preview and 'aria-describedby="apply-blocked"' not in preview
    response = client.post(reverse("imports:apply", args=[batch.pk]), follow=True)

    assert "msg-success" in response.content.decode()
    assert AwardRecord.objects.count() == 2
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED


def test_the_apply_button_is_disabled_while_errors_remain(world, login):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An", year="x")]))

    page = login(world.clerk).get(reverse("imports:preview", args=[batch.pk])).content.decode()

    assert 'disabled aria-describedby="apply-blocked"' in page
    assert 'id="apply-blocked"' in page
    assert 'data-label="' in page  # rows read as cards on a phone


def test_an_apply_posted_anyway_while_errors_remain_applies_nothing(world, login):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An"), row(2, "", year=2018)]))

    response = login(world.clerk).post(reverse("imports:apply", args=[batch.pk]), follow=True)

    assert "msg-error" in response.content.decode()
    assert not AwardRecord.objects.exists()


def test_the_mapping_refuses_a_field_chosen_twice(world, login):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]))
    mapping = {f"column_{i}": "" for i in range(len(HEADINGS))}
    mapping.update(column_1="full_name", column_2="full_name", column_3="award", column_4="year")

    response = login(world.clerk).post(reverse("imports:mapping", args=[batch.pk]), mapping)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    batch.refresh_from_db()
    assert batch.mapping["columns"]["full_name"] == 1 and "unit" in batch.mapping["columns"]


def test_another_sheet_or_table_can_be_chosen(world, login):
    notes = [["Ghi chú"], ["Danh sách kèm theo"]]
    batch = upload(world, docx_bytes(notes, [HEADINGS, row(1, "Nguyễn Văn An")]), name="d.docx")
    assert batch.mapping["table"] == 1  # the table with recognised headings

    login(world.clerk).post(
        reverse("imports:mapping", args=[batch.pk]), {"choose_table": "1", "table": "0"}
    )

    batch.refresh_from_db()
    assert batch.mapping["table"] == 0 and batch.mapping["columns"] == {}


def test_another_units_batch_is_a_404_on_every_page(world, login):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]))
    client = login(world.other_clerk)

    for name in ("imports:preview", "imports:mapping"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
    for name in ("imports:apply", "imports:discard"):
        assert client.post(reverse(name, args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED


def test_the_list_shows_the_imports_of_my_units_only(world, login):
    mine = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]), name="cua-tu-phap.xlsx")
    upload(world, xlsx_bytes([row(1, "Hồ Thị Lan")]), actor=world.other_clerk, unit=world.health)

    page = login(world.clerk).get(reverse("imports:list")).content.decode()

    assert mine.file_name in page and "Phòng Y tế" not in page


def test_the_secretariat_sees_and_applies_the_imports_of_units_under_its_authority(world, login):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]))
    client = login(world.officer)

    assert client.get(reverse("imports:preview", args=[batch.pk])).status_code == 200
    client.post(reverse("imports:apply", args=[batch.pk]))
    assert AwardRecord.objects.count() == 1


def test_people_who_may_not_import_get_a_404_and_no_menu_link(world, login):
    for user in (world.member, world.outsider, world.head):
        client = login(user)
        assert client.get(reverse("imports:list")).status_code == 404
        assert client.get(reverse("imports:upload")).status_code == 404
    assert reverse("imports:list") not in login(world.member).get(reverse("inbox")).content.decode()
    assert reverse("imports:list") in login(world.clerk).get(reverse("inbox")).content.decode()


def test_the_upload_still_checks_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.clerk)
    data = {"unit": world.justice.pk, "file": xlsx_upload([row(1, "Nguyễn Văn An")])}

    assert client.post(reverse("imports:upload"), data).status_code == 403

    client.get(reverse("imports:upload"))
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    data["file"] = xlsx_upload([row(1, "Nguyễn Văn An")])
    assert client.post(reverse("imports:upload"), data).status_code == 302
    assert ImportBatch.objects.count() == 1


def test_a_clerk_cannot_upload_for_another_unit(world, login):
    response = login(world.clerk).post(
        reverse("imports:upload"),
        {"unit": world.health.pk, "file": xlsx_upload([row(1, "Nguyễn Văn An")])},
    )
    assert response.status_code == 200 and response.context["form"].errors["unit"]
    assert not ImportBatch.objects.exists()


def test_a_wrong_file_is_refused_on_the_page_with_a_message(world, login):
    fake = SimpleUploadedFile("danh-sach.xlsx", b"MZ\x90\x00" + b"\x00" * 100)
    response = login(world.clerk).post(
        reverse("imports:upload"), {"unit": world.justice.pk, "file": fake}
    )
    assert response.status_code == 200
    assert response.context["error"]
    assert not ImportBatch.objects.exists()


def test_a_50_mb_upload_is_refused_cleanly_before_its_body_is_read(world, login, settings):
    settings.IMPORT_MAX_BYTES = 10 * 1024 * 1024
    body = CountingStream(50 * 1024 * 1024)

    response = login(world.clerk).generic(
        "POST",
        reverse("imports:upload"),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(body.size),
        **{"wsgi.input": body},
    )

    assert response.status_code == 413
    assert "10" in response.context["error"]
    assert body.read_bytes == 0
    assert not ImportBatch.objects.exists()


def test_an_upload_past_the_limit_is_cut_off_while_it_streams(world, login, settings):
    settings.IMPORT_MAX_BYTES = 2000  # the body's declared length passes, the file does not
    big = SimpleUploadedFile("ds.xlsx", b"PK\x03\x04" + b"\x00" * 5000)

    response = login(world.clerk).post(
        reverse("imports:upload"), {"unit": world.justice.pk, "file": big}
    )

    assert response.status_code == 413
    assert response.context["error"]
    assert not ImportBatch.objects.exists()


def test_a_discarded_import_stays_listed_and_wrote_nothing(world, login):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An")]))
    client = login(world.clerk)

    response = client.post(reverse("imports:discard", args=[batch.pk]), follow=True)

    assert "msg-success" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DISCARDED
    assert not AwardRecord.objects.exists()
    again = client.post(reverse("imports:apply", args=[batch.pk]), follow=True)
    assert "msg-warning" in again.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_applies_posted_at_the_same_moment_apply_the_list_once(world):
    batch = upload(world, xlsx_bytes([row(1, "Nguyễn Văn An"), row(2, "Hồ Thị Lan")]))
    url = reverse("imports:apply", args=[batch.pk])
    barrier = threading.Barrier(2)
    pages = [None, None]

    def post(index, user):
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            pages[index] = client.post(url, follow=True).content.decode()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(i, user))
        for i, user in enumerate((world.clerk, world.officer))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum("msg-success" in page for page in pages) == 1
    assert sum("msg-warning" in page for page in pages) == 1
    assert AwardRecord.objects.count() == 2
    assert AwardRecord.objects.values("person").distinct().count() == 2
