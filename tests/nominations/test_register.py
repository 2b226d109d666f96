"""Working days, holidays, deadlines and the secretariat's incoming register."""

import datetime
from functools import partial

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nominations import services
from nominations.models import (
    AuthorityLevel,
    DossierStatus,
    ProcessingTimeLimit,
    PublicHoliday,
)
from nominations.register.calendar import (
    WorkingCalendar,
    add_working_days,
    load_calendar,
    working_days_between,
)
from nominations.register.deadlines import DeadlineState, TimeLimits, deadline_of
from tests.factories import create_dossier
from tests.workflows.helpers import attach_required_documents, complete
from workflows.engine import open_step

pytestmark = pytest.mark.django_db

D = datetime.date
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def holidays_2019_2027():
    call_command("load_public_holidays", "--from", "2019", "--to", "2027", verbosity=0)
    return load_calendar()


@pytest.fixture
def time_limits():
    call_command("load_processing_time_limits", verbosity=0)
    return TimeLimits()


def received(world, *, title="Đề nghị khen thưởng năm 2020", on=None, authority=None):
    """A dossier of the justice department entered in the register (district by default)."""
    dossier = create_dossier(
        clerk=world.clerk, unit=world.justice, authority=authority or world.district, title=title
    )
    attach_required_documents(dossier, world.clerk)
    for step, user, service in [
        ("prepare", world.clerk, services.dossier_send_to_head),
        ("head_review", world.head, services.dossier_head_approve),
    ]:
        complete(dossier, step, user, partial(service, actor=user, dossier=dossier))
    if on:
        dossier.received_on = on
        dossier.save(update_fields=["received_on"])
    return dossier


# --- working days ---------------------------------------------------------------------------


def test_working_days_skip_a_weekend():
    friday = D(2020, 1, 3)
    assert add_working_days(friday, 1, []) == D(2020, 1, 6)
    assert add_working_days(friday, 5, []) == D(2020, 1, 10)
    assert add_working_days(friday, 0, []) == friday
    assert add_working_days(D(2020, 1, 4), 1, []) == D(2020, 1, 6)  # from a Saturday
    assert working_days_between(friday, D(2020, 1, 6), []) == 1
    assert working_days_between(friday, D(2020, 1, 5), []) == 0
    assert working_days_between(D(2020, 1, 6), friday, []) == -1
    with pytest.raises(ValueError):
        add_working_days(friday, -1, [])


def test_the_package_gives_tet_2020_from_23_to_29_january_and_loading_is_idempotent():
    call_command("load_public_holidays", "--from", "2020", "--to", "2020", verbosity=0)
    january = set(
        PublicHoliday.objects.filter(date__year=2020, date__month=1).values_list("date", flat=True)
    )
    assert january == {D(2020, 1, 1)} | {D(2020, 1, day) for day in range(23, 30)}
    count = PublicHoliday.objects.count()
    assert count == 12

    # An administrator's correction survives a second run; nothing is duplicated.
    PublicHoliday.objects.filter(date=D(2020, 1, 23)).update(name="Nghỉ Tết (sửa)")
    call_command("load_public_holidays", "--from", "2020", "--to", "2020", verbosity=0)
    assert PublicHoliday.objects.count() == count
    assert PublicHoliday.objects.get(date=D(2020, 1, 23)).name == "Nghỉ Tết (sửa)"


def test_working_days_across_tet_2020(holidays_2019_2027):
    calendar = holidays_2019_2027
    # Wednesday 22/01/2020, the last working day before Tết: the next is Thursday 30/01.
    assert calendar.add_working_days(D(2020, 1, 22), 1) == D(2020, 1, 30)
    assert calendar.working_days_between(D(2020, 1, 22), D(2020, 2, 3)) == 3


def test_a_holiday_on_a_weekend_is_compensated_by_a_day_off(holidays_2019_2027):
    # 01/05/2021 (Labour Day) was a Saturday: Monday 03/05/2021 was the day off instead;
    # Friday 30/04/2021 was a holiday too.
    assert PublicHoliday.objects.get(date=D(2021, 5, 3)).name.endswith("(nghỉ bù)")
    assert holidays_2019_2027.add_working_days(D(2021, 4, 29), 1) == D(2021, 5, 4)
    assert add_working_days(D(2021, 4, 29), 1, []) == D(2021, 4, 30)


def test_a_swapped_day_off_from_the_government_is_loaded(holidays_2019_2027):
    # 2019: Monday 29/04 off, worked on Saturday 04/05 instead (see calendar.py: the Saturday
    # still counts as a day off here).
    assert not holidays_2019_2027.is_working_day(D(2019, 4, 29))


def test_counting_back_gives_what_was_added(holidays_2019_2027):
    calendar = holidays_2019_2027
    day = D(2019, 12, 20)
    while day < D(2021, 3, 1):
        for n in (1, 10, 20):
            assert calendar.working_days_between(day, calendar.add_working_days(day, n)) == n
        day += datetime.timedelta(days=3)


def test_holidays_on_weekends_do_not_count_twice():
    saturday, monday = D(2020, 1, 25), D(2020, 1, 27)
    calendar = WorkingCalendar([saturday])
    assert calendar.working_days_between(D(2020, 1, 24), monday) == 1


# --- deadlines --------------------------------------------------------------------------------


def test_time_limits_are_dated_with_their_source_and_loaded_once(time_limits):
    call_command("load_processing_time_limits", verbosity=0)
    assert ProcessingTimeLimit.objects.count() == 3 * len(AuthorityLevel.values)
    district = time_limits.on(AuthorityLevel.DISTRICT, D(2020, 1, 3))
    assert (district.working_days, district.working_days_with_consultation) == (10, 20)
    assert "91/2017" in district.source
    assert "98/2023" in time_limits.on(AuthorityLevel.DISTRICT, D(2024, 3, 1)).source
    later = time_limits.on(AuthorityLevel.PROVINCE, D(2025, 7, 1))
    assert "152/2025" in later.source and "verify" in later.source
    assert time_limits.on(AuthorityLevel.DISTRICT, D(2017, 1, 1)) is None


def test_the_deadline_of_a_dossier_received_on_a_friday(world, holidays_2019_2027, time_limits):
    dossier = received(world, on=D(2020, 1, 3))
    deadline = deadline_of(
        dossier, calendar=holidays_2019_2027, limits=time_limits, today=D(2020, 1, 6)
    )
    # Ten working days: Monday 6 to Friday 10, Monday 13 to Friday 17 January.
    assert deadline.due_on == D(2020, 1, 17)
    assert deadline.state == DeadlineState.RUNNING
    assert deadline.days_left == 9


def test_a_deadline_across_tet_moves_by_the_holidays(world, holidays_2019_2027, time_limits):
    dossier = received(world, on=D(2020, 1, 17))  # a Friday; Tết 23–29/01
    deadline = deadline_of(
        dossier, calendar=holidays_2019_2027, limits=time_limits, today=D(2020, 1, 17)
    )
    assert deadline.due_on == D(2020, 2, 7)


def test_overdue_due_today_stopped_and_closed(world, holidays_2019_2027, time_limits):
    dossier = received(world, on=D(2020, 1, 3))

    def state(today):
        return deadline_of(dossier, calendar=holidays_2019_2027, limits=time_limits, today=today)

    assert state(D(2020, 1, 17)).state == DeadlineState.DUE_TODAY
    overdue = state(D(2020, 1, 21))
    assert (overdue.state, overdue.days_overdue) == (DeadlineState.OVERDUE, 2)
    weekend = state(D(2020, 1, 18))
    assert (weekend.state, weekend.days_overdue) == (DeadlineState.OVERDUE, 0)

    dossier.status = DossierStatus.RETURNED
    assert state(D(2020, 2, 21)).state == DeadlineState.STOPPED
    dossier.status = DossierStatus.CLOSED
    assert state(D(2020, 2, 21)).state == DeadlineState.CLOSED


def test_without_a_time_limit_the_register_says_so(world, holidays_2019_2027):
    dossier = received(world, on=D(2020, 1, 3))
    deadline = deadline_of(
        dossier, calendar=holidays_2019_2027, limits=TimeLimits(), today=D(2020, 1, 6)
    )
    assert deadline.state == DeadlineState.NO_LIMIT


# --- the register page ------------------------------------------------------------------------


def rows(response):
    return list(response.context["page"].object_list)


def test_the_register_lists_only_its_authoritys_dossiers_in_number_order_with_the_holder(
    world, login, time_limits
):
    first, second, third = (received(world, title=f"Hồ sơ số {n}") for n in (1, 2, 3))
    upper = received(world, title="Đề nghị Bằng khen tỉnh", authority=world.province)
    task = open_step(second, "secretariat_check")
    with task.activation() as activation:
        activation.assign(world.officer)

    response = login(world.officer).get(reverse("register_list"), **EN)
    assert response.status_code == 200
    listed = rows(response)
    assert [d.pk for d in listed] == [first.pk, second.pk, third.pk]
    assert [d.incoming_number for d in listed] == [1, 2, 3]
    assert listed[1].open_task.owner == world.officer
    assert listed[0].open_task.owner is None
    page = response.content.decode()
    assert world.officer.get_full_name() in page
    assert "waiting to be taken" in page
    assert "10 working days left" in page
    assert upper.title not in page

    response = login(world.province_officer).get(reverse("register_list"))
    assert [d.pk for d in rows(response)] == [upper.pk]


@pytest.mark.parametrize("who", ["clerk", "head", "member", "chair", "outsider"])
def test_others_get_404(world, login, who):
    received(world)
    assert login(getattr(world, who)).get(reverse("register_list")).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("register_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_menu_shows_the_register_only_to_the_secretariat(world, login):
    url = reverse("register_list")
    assert url in login(world.officer).get(reverse("dossier_list")).content.decode()
    assert url not in login(world.clerk).get(reverse("dossier_list")).content.decode()


def test_overdue_is_said_in_words(world, login, time_limits, holidays_2019_2027):
    received(world, on=D(2020, 1, 3))
    page = login(world.officer).get(reverse("register_list"), **EN).content.decode()
    assert "Overdue by" in page and "17/01/2020" in page


def test_filters_year_status_and_search_without_diacritics(world, login, time_limits):
    old = received(world, title="Khen thưởng phòng chống dịch", on=D(2020, 3, 2))
    new = received(world, title="Đề nghị Lao động tiên tiến")
    accepted = received(world, title="Hồ sơ đã nhận")
    services.dossier_accept(actor=world.officer, dossier=accepted)
    client = login(world.officer)

    def listed(**params):
        return [d.pk for d in rows(client.get(reverse("register_list"), params))]

    assert listed(q="phong chong dich") == [old.pk]
    assert listed(q="LAO DONG") == [new.pk]
    assert listed(q=str(new.incoming_number)) == [new.pk]
    assert listed(year="2020") == [old.pk]
    assert listed(status=DossierStatus.AWAITING_COUNCIL) == [accepted.pk]
    response = client.get(reverse("register_list"))
    assert 2020 in response.context["years"]


def test_the_page_costs_the_same_queries_for_5_or_30_dossiers(world, login, time_limits):
    for _ in range(5):
        received(world)
    client = login(world.officer)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("register_list"), {"page": 1})
            assert response.status_code == 200
        return len(captured), len(rows(response))

    few, shown = queries()
    assert shown == 5
    for n, dossier in enumerate(received(world) for _ in range(25)):
        if n % 2:
            task = open_step(dossier, "secretariat_check")
            with task.activation() as activation:
                activation.assign(world.officer)
    many, shown = queries()
    assert shown == 25  # one page of 30
    assert many == few
