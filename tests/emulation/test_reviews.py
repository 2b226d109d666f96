"""Review reports: asked for by the launching authority, prepared by Celery (eager here) into a
private XLSX, polled by the page, downloaded by those who may see the movement."""

import io
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from emulation import reviews
from emulation.evaluation import Status
from emulation.models import (
    Direction,
    Measure,
    Milestone,
    MilestoneKind,
    Movement,
    MovementStatus,
    MovementTask,
    ProgressReport,
    ReviewReport,
    ReviewStatus,
    Target,
    TargetScope,
)
from emulation.tasks import build_review_report
from nominations.documents.storage import attachment_storage
from nominations.errors import DomainError, NotAllowed
from nominations.models import UnitKind
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """These pages are read in their source language here (the Vietnamese is in locale/)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


AS_OF = date(2020, 6, 1)


@pytest.fixture
def movement(world):
    """Two tasks, four targets: one reached, one late (a later report does not count on the
    review's date), one per commune on track, one without any report."""
    district = world.district.unit
    c1 = UnitFactory(parent=district, kind=UnitKind.COMMUNE, name="Xã Một")
    c2 = UnitFactory(parent=district, kind=UnitKind.COMMUNE, name="Xã Hai")
    movement = Movement.objects.create(
        authority=world.district,
        code="review-test",
        title="Phong trào sơ kết",
        legal_basis="Chỉ thị thử",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
        status=MovementStatus.LAUNCHED,
    )
    movement.participants.set([world.justice, c1, c2])
    Milestone.objects.create(
        movement=movement, kind=MilestoneKind.INTERIM_REVIEW, title="Sơ kết", due_on=AS_OF
    )
    task1 = MovementTask.objects.create(movement=movement, number=1, title="Việc một")
    task2 = MovementTask.objects.create(movement=movement, number=2, title="Việc hai")
    for task in (task1, task2):
        task.lead_units.set([world.justice])

    def target(task, code, **kwargs):
        fields = {
            "description": f"Chỉ tiêu {code}",
            "measure": Measure.COUNT,
            "unit_label": "cái",
            "direction": Direction.AT_LEAST,
            "value": D(10),
            "deadline": date(2020, 12, 31),
        }
        return Target.objects.create(task=task, code=code, **{**fields, **kwargs})

    reached = target(task1, "reached")
    late = target(task1, "late", deadline=date(2020, 3, 31))
    each = target(task1, "each", value=D(5), scope=TargetScope.EACH_UNIT)
    each.scope_units.set([c1, c2])
    target(task2, "none", measure=Measure.PERCENT, unit_label="%", value=D(50))

    def report(t, unit, value, as_of):
        ProgressReport.objects.create(target=t, unit=unit, value=D(value), as_of=as_of)

    report(reached, world.justice, "12", date(2020, 5, 1))
    report(late, world.justice, "3", date(2020, 3, 1))
    report(late, world.justice, "20", date(2020, 9, 1))  # after the review's date
    report(each, c1, "6", date(2020, 5, 1))
    report(each, c2, "2", date(2020, 5, 1))
    return movement


def request_review(django_capture_on_commit_callbacks, actor, movement, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        report = reviews.review_request(actor=actor, movement=movement, as_of=AS_OF, **kwargs)
    report.refresh_from_db()
    return report


def labels():
    with translation.override("vi"):  # the worker writes in the site's language
        return {s.value: str(s.label) for s in Status}


# --- preparing it -----------------------------------------------------------------------------


def test_the_report_is_prepared_with_the_right_figures(
    world, movement, django_capture_on_commit_callbacks, monkeypatch
):
    seen = []
    set_progress = reviews._set_progress

    def recording(report, done, total):
        set_progress(report, done, total)
        seen.append(ReviewReport.objects.get(pk=report.pk).progress)

    monkeypatch.setattr(reviews, "_set_progress", recording)
    milestone = movement.milestones.get()

    report = request_review(
        django_capture_on_commit_callbacks, world.officer, movement, milestone=milestone
    )

    assert report.status == ReviewStatus.READY
    assert report.progress == 100
    assert report.finished_at is not None and report.error == ""
    assert seen == [33, 67, 99]  # saved as it goes: the evaluation, then each task
    # Kept in the private attachments storage, not under MEDIA.
    assert attachment_storage().exists(report.file.name)
    assert not default_storage.exists(report.file.name)
    with attachment_storage().open(report.file.name, "rb") as stored:
        workbook = openpyxl.load_workbook(io.BytesIO(stored.read()))
    summary, task1, task2 = workbook.worksheets
    status = labels()
    rows = list(summary.iter_rows(values_only=True))
    counts = {row[0]: row[1] for row in rows[5:9]}
    assert counts == {
        status["reached"]: 1,
        status["on_track"]: 1,
        status["late"]: 1,
        status["no_report"]: 1,
    }
    assert rows[-2] == ("1. Việc một", 3, 1, 1, 0)
    assert rows[-1] == ("2. Việc hai", 1, 0, 0, 1)
    assert rows[2][1] == str(milestone)

    task_rows = list(task1.iter_rows(values_only=True))[2:]
    by_number = {}
    for row in task_rows:
        by_number.setdefault(row[0], []).append(row)
    (reached,) = by_number["1.1"]
    assert reached[3] == 10 and reached[4] == 12 and reached[5] == status["reached"]
    (late,) = by_number["1.2"]
    assert late[4] == 3 and late[5] == status["late"]  # the September report does not count
    each, *units = by_number["1.3"]
    assert each[5] == status["on_track"]
    assert sorted((u[7], u[8], u[10]) for u in units) == [
        ("Xã Hai", 2, status["on_track"]),
        ("Xã Một", 6, status["reached"]),
    ]
    (none,) = list(task2.iter_rows(values_only=True))[2:]
    assert none[4] is None and none[5] == status["no_report"]


def test_a_redelivered_build_does_nothing(world, movement, django_capture_on_commit_callbacks):
    report = request_review(django_capture_on_commit_callbacks, world.officer, movement)
    assert report.status == ReviewStatus.READY

    assert build_review_report.apply(args=[report.pk]).get() is False
    assert reviews.review_build(report.pk) is False
    again = ReviewReport.objects.get(pk=report.pk)
    assert (again.file.name, again.finished_at) == (report.file.name, report.finished_at)

    ReviewReport.objects.filter(pk=report.pk).update(status=ReviewStatus.RUNNING)
    assert reviews.review_build(report.pk) is False  # another worker has it
    assert reviews.review_build(999999) is False  # gone


def test_a_failing_build_is_marked_failed(
    world, movement, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(report):
        raise RuntimeError("disk full")

    monkeypatch.setattr(reviews, "_workbook", broken)
    report = request_review(django_capture_on_commit_callbacks, world.officer, movement)
    assert report.status == ReviewStatus.FAILED
    assert report.error == "RuntimeError: disk full"
    assert not report.file.name

    # The worker's log gets the exception: it is raised again.
    ReviewReport.objects.filter(pk=report.pk).update(status=ReviewStatus.QUEUED)
    with pytest.raises(RuntimeError):
        reviews.review_build(report.pk)


def test_a_broker_that_is_down_leaves_the_report_queued(
    world, movement, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(build_review_report, "delay", down)
    report = request_review(django_capture_on_commit_callbacks, world.officer, movement)
    assert report.status == ReviewStatus.QUEUED
    assert "Could not queue review report" in caplog.text


# --- who may ask, and when --------------------------------------------------------------------


def test_someone_who_may_only_view_cannot_request(world, movement, client):
    assert not reviews.may_request_review(world.clerk, movement)
    with pytest.raises(NotAllowed):
        reviews.review_request(actor=world.clerk, movement=movement, as_of=AS_OF)

    client.force_login(world.clerk)
    url = reverse("review_list", args=[movement.code])
    page = client.get(url)
    assert page.status_code == 200
    assert "Prepare the review report" not in page.content.decode()
    assert client.post(url, {"as_of": "2020-06-01"}).status_code == 403
    assert not ReviewReport.objects.exists()


def test_the_authority_requests_from_the_page(
    world, movement, client, django_capture_on_commit_callbacks
):
    assert reviews.may_request_review(world.chair, movement)  # a role in the authority's unit
    client.force_login(world.officer)  # its secretariat
    url = reverse("review_list", args=[movement.code])
    assert "Prepare the review report" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"as_of": "2020-06-01", "milestone": ""})
    assert response.status_code == 302
    report = ReviewReport.objects.get()
    assert report.status == ReviewStatus.READY and report.requested_by == world.officer
    html = client.get(url).content.decode()
    assert reverse("review_download", args=[report.pk]) in html


def test_a_second_request_while_one_is_queued_is_refused(
    world, movement, client, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(reviews, "enqueue_build", lambda report_id: None)  # nobody builds it
    first = reviews.review_request(actor=world.officer, movement=movement, as_of=AS_OF)
    with pytest.raises(DomainError, match="already being prepared"):
        reviews.review_request(actor=world.chair, movement=movement, as_of=AS_OF)
    ReviewReport.objects.filter(pk=first.pk).update(status=ReviewStatus.RUNNING)
    with pytest.raises(DomainError, match="already being prepared"):
        reviews.review_request(actor=world.officer, movement=movement, as_of=AS_OF)
    # Another date is another report; and once the first is done, the same date again.
    reviews.review_request(actor=world.officer, movement=movement, as_of=date(2020, 5, 1))
    ReviewReport.objects.filter(pk=first.pk).update(status=ReviewStatus.READY)
    reviews.review_request(actor=world.officer, movement=movement, as_of=AS_OF)

    client.force_login(world.officer)
    response = client.post(reverse("review_list", args=[movement.code]), {"as_of": "2020-05-01"})
    assert response.status_code == 200
    assert "already being prepared" in response.content.decode()
    assert ReviewReport.objects.count() == 3


def test_a_review_cannot_be_dated_in_the_future_or_take_another_movements_milestone(
    world, movement
):
    with pytest.raises(DomainError):
        reviews.review_request(actor=world.officer, movement=movement, as_of=date(2999, 1, 1))
    other = Movement.objects.create(
        authority=world.district,
        code="other",
        title="Khác",
        legal_basis="x",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
    )
    foreign = Milestone.objects.create(
        movement=other, kind=MilestoneKind.OTHER, title="x", due_on=AS_OF
    )
    with pytest.raises(DomainError):
        reviews.review_request(
            actor=world.officer, movement=movement, as_of=AS_OF, milestone=foreign
        )


# --- the pages --------------------------------------------------------------------------------


def test_status_json_gives_the_state_and_the_page_the_bar(world, movement, client, monkeypatch):
    monkeypatch.setattr(reviews, "enqueue_build", lambda report_id: None)
    report = reviews.review_request(actor=world.officer, movement=movement, as_of=AS_OF)
    ReviewReport.objects.filter(pk=report.pk).update(status=ReviewStatus.RUNNING, progress=40)
    client.force_login(world.clerk)  # anyone who may see the movement

    state = client.get(reverse("review_status", args=[report.pk]))
    assert state.status_code == 200
    assert state["Cache-Control"] == "no-store"
    data = state.json()
    assert data["status"] == "running" and data["progress"] == 40
    assert data["pending"] is True and data["download_url"] is None

    html = client.get(reverse("review_list", args=[movement.code])).content.decode()
    assert 'max="100" value="40"' in html and ">40 %</progress>" in html
    assert reverse("review_status", args=[report.pk]) in html
    assert "Refresh the page to see its state." in html
    # Not ready: nothing to download.
    assert client.get(reverse("review_download", args=[report.pk])).status_code == 404

    ReviewReport.objects.filter(pk=report.pk).update(status=ReviewStatus.QUEUED, progress=0)
    reviews.review_build(report.pk)
    data = client.get(reverse("review_status", args=[report.pk])).json()
    assert data["status"] == "ready" and data["progress"] == 100
    assert data["download_url"] == reverse("review_download", args=[report.pk])


def test_the_download_is_an_attachment_for_those_who_may_see_the_movement(
    world, movement, client, django_capture_on_commit_callbacks
):
    report = request_review(django_capture_on_commit_callbacks, world.officer, movement)
    client.force_login(world.clerk)
    response = client.get(reverse("review_download", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "01-06-2020.xlsx" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert openpyxl.load_workbook(io.BytesIO(content)).worksheets


def test_an_outsider_gets_404_everywhere(
    world, movement, client, django_capture_on_commit_callbacks
):
    report = request_review(django_capture_on_commit_callbacks, world.officer, movement)
    urls = [
        reverse("review_list", args=[movement.code]),
        reverse("review_status", args=[report.pk]),
        reverse("review_download", args=[report.pk]),
    ]
    assert client.get(urls[0]).status_code == 302  # anonymous: the login page
    for user in (world.outsider, world.province_officer):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
        assert client.post(urls[0], {"as_of": "2020-06-01"}).status_code == 404
    assert ReviewReport.objects.count() == 1
