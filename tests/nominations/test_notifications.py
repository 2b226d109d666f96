"""People hear of what awaits them: in the application and by e-mail, once."""

import pytest
from django.core import mail
from django.urls import reverse

from nominations import notifications, services
from nominations.models import Notification, NotificationEvent
from tests.factories import create_dossier
from tests.workflows.helpers import attach_required_documents, convene

pytestmark = pytest.mark.django_db


def send_to_head(world, django_capture_on_commit_callbacks):
    dossier = create_dossier(clerk=world.clerk, unit=world.justice, authority=world.district)
    attach_required_documents(dossier, world.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_send_to_head(actor=world.clerk, dossier=dossier)
    return dossier


def test_the_unit_head_is_notified_in_the_app_and_by_mail(
    world, django_capture_on_commit_callbacks
):
    dossier = send_to_head(world, django_capture_on_commit_callbacks)

    notification = Notification.objects.get()
    assert (notification.recipient, notification.event) == (
        world.head,
        NotificationEvent.AWAITING_APPROVAL,
    )
    assert notification.emailed_at is not None
    assert [m.to for m in mail.outbox] == [[world.head.email]]
    assert dossier.title in mail.outbox[0].body
    assert f"/dossiers/{dossier.pk}/" in mail.outbox[0].body


def test_a_notification_is_mailed_at_most_once(world, django_capture_on_commit_callbacks):
    send_to_head(world, django_capture_on_commit_callbacks)
    notification = Notification.objects.get()

    assert notifications.send_notification_emails([notification.key]) == 0
    assert len(mail.outbox) == 1


def test_the_unread_count_shows_and_opening_marks_read(
    world, login, django_capture_on_commit_callbacks
):
    dossier = send_to_head(world, django_capture_on_commit_callbacks)
    client = login(world.head)
    assert 'class="badge">1<' in client.get(reverse("notification_list")).content.decode()

    response = client.post(reverse("notification_open", args=[Notification.objects.get().pk]))

    assert response["Location"] == reverse("dossier_detail", args=[dossier.pk])
    assert Notification.objects.get().read_at is not None


def test_nobody_opens_someone_elses_notification(world, login, django_capture_on_commit_callbacks):
    send_to_head(world, django_capture_on_commit_callbacks)
    pk = Notification.objects.get().pk
    assert login(world.other_head).post(reverse("notification_open", args=[pk])).status_code == 404
    assert Notification.objects.get().read_at is None


def test_only_unread_notifications_on_request(world, login, django_capture_on_commit_callbacks):
    dossier = send_to_head(world, django_capture_on_commit_callbacks)
    client = login(world.head)
    unread = reverse("notification_list") + "?status=unread"
    assert dossier.title in client.get(unread).content.decode()
    client.post(reverse("notification_open", args=[Notification.objects.get().pk]))
    assert dossier.title not in client.get(unread).content.decode()
    assert dossier.title in client.get(reverse("notification_list")).content.decode()


def test_a_session_notice_opens_the_session(world, login, django_capture_on_commit_callbacks):
    from tests.workflows.helpers import dossier_at

    dossier = dossier_at(world, "council_review")
    with django_capture_on_commit_callbacks(execute=True):
        session = convene(world, [dossier], title="Phiên họp xét khen thưởng")
    notice = Notification.objects.get(recipient=world.member, event="session_convened")
    assert notice.emailed_at is not None and session.title in mail.outbox[-1].body
    response = login(world.member).post(reverse("notification_open", args=[notice.pk]))
    assert response["Location"] == reverse("council_session_detail", args=[session.pk])


def test_a_person_who_mutes_an_event_gets_no_mail_of_it_but_still_sees_it(
    world, login, django_capture_on_commit_callbacks
):
    client = login(world.head)
    everything_but_approvals = [
        e for e in NotificationEvent.values if e != NotificationEvent.AWAITING_APPROVAL
    ]
    client.post(reverse("notification_settings"), {"email": everything_but_approvals})
    dossier = send_to_head(world, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(recipient=world.head)
    assert mail.outbox == [] and notification.emailed_at is not None  # handled, not mailed
    assert dossier.title in client.get(reverse("notification_list")).content.decode()
    # The choice is on record and shown again on the page.
    page = client.get(reverse("notification_settings")).content.decode()
    assert f'value="{NotificationEvent.AWAITING_APPROVAL}">' in page
    assert f'value="{NotificationEvent.SENT_BACK}" checked>' in page


def test_an_unknown_event_is_refused_and_nothing_changes(world):
    from nominations.errors import DomainError
    from nominations.models import NotificationSetting

    with pytest.raises(DomainError):
        services.notification_settings_update(actor=world.head, muted_events=["nonsense"])
    assert not NotificationSetting.objects.exists()


def test_the_settings_page_asks_to_log_in(client):
    response = client.get(reverse("notification_settings"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
