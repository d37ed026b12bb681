"""The outbox backend: an email is written with the transaction that caused it, goes out once
that transaction commits, and arrives as it was written (recipients, HTML, headers, files).
Pages that send email (sign-up, password reset) answer as usual with the mail server down, and
the emails arrive once it is back."""

import io
import re
from datetime import timedelta
from email.mime.text import MIMEText

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mailing.models import OutboxEmail
from mailing.services import outbox_email_send
from mailing.tasks import outbox_sweep

pytestmark = pytest.mark.django_db


def test_an_email_waits_in_the_outbox_until_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_mail("Welcome", "Hello", None, ["aino@example.org"])
        assert OutboxEmail.objects.count() == 1
        assert mail.outbox == []

    [message] = mail.outbox
    assert (message.subject, message.body, message.to) == ("Welcome", "Hello", ["aino@example.org"])
    assert not OutboxEmail.objects.exists()  # sent emails are not kept


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_mail("Confirm your address", "a link", None, ["bea@example.org"])
        raise RuntimeError("the sign-up failed after the email was written")

    assert callbacks == []
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


def test_a_message_arrives_as_it_was_written(django_capture_on_commit_callbacks):
    original = EmailMultiAlternatives(
        subject="Your certificate ✓",
        body="Plain text, with ümlauts.",
        from_email="Course <course@example.org>",
        to=["aino@example.org"],
        cc=["copy@example.org"],
        bcc=["hidden@example.org"],
        reply_to=["staff@example.org"],
        headers={"Auto-Submitted": "auto-generated", "List-Unsubscribe": "<https://x/u/1>"},
    )
    original.attach_alternative("<p>HTML, with <b>ümlauts</b>.</p>", "text/html")
    original.attach("notes.txt", "text file", "text/plain")
    png = bytes(range(256))
    original.attach("badge.png", png, "image/png")

    with django_capture_on_commit_callbacks(execute=True):
        assert original.send() == 1
    [sent] = mail.outbox

    for field in ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to"):
        assert getattr(sent, field) == getattr(original, field), field
    assert sent.recipients() == ["aino@example.org", "copy@example.org", "hidden@example.org"]
    assert list(sent.alternatives) == [("<p>HTML, with <b>ümlauts</b>.</p>", "text/html")]
    assert list(sent.attachments) == [
        ("notes.txt", "text file", "text/plain"),
        ("badge.png", png, "image/png"),
    ]
    parsed = sent.message()
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["List-Unsubscribe"] == "<https://x/u/1>"
    assert parsed["Message-ID"] and parsed["Date"]


def test_date_and_message_id_are_fixed_when_the_email_is_written(
    django_capture_on_commit_callbacks, time_machine
):
    """A retry hours later is the same message, dated when the learner asked for it."""
    time_machine.move_to("2025-03-03 09:00:00+00:00", tick=False)
    send_mail("Reset your password", "a link", None, ["cem@example.org"])  # not yet committed
    row = OutboxEmail.objects.get()

    time_machine.move_to("2025-03-03 13:00:00+00:00", tick=False)
    assert outbox_email_send(email_id=row.pk) == "sent"
    [sent] = mail.outbox
    assert sent.message()["Date"] == "Mon, 03 Mar 2025 09:00:00 -0000"
    assert sent.message()["Message-ID"] == row.headers["Message-ID"]


# --- pages that send email, with the mail server down ------------------------------------------

PASSWORD = "plane-trees-along-the-canal-42"


def plain_text(received) -> str:
    return received.message.get_body(("plain",)).get_content()


@pytest.mark.django_db(transaction=True)
def test_sign_up_and_password_reset_work_with_the_mail_server_down_and_the_emails_come_later(
    client, mail_server, time_machine
):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert get_user_model().objects.filter(email="new@example.org").exists()

    response = client.post(reverse("account_reset_password"), {"email": "new@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert client.get(response.url).status_code == 200

    # Both emails wait, tried once (tasks run in process here) and refused a connection.
    waiting = list(OutboxEmail.objects.order_by("pk"))
    assert [(row.to, row.attempts) for row in waiting] == [(["new@example.org"], 1)] * 2
    assert all("ConnectionRefusedError" in row.last_error for row in waiting)
    assert mail_server.recipients() == []

    mail_server.start()
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    call_command("send_queued_mail", stdout=(out := io.StringIO()))
    assert out.getvalue() == "Queued mail: 2 sent.\n"
    assert mail_server.recipients() == ["new@example.org", "new@example.org"]
    confirm, reset = mail_server.handler.received
    assert "/accounts/confirm-email/" in plain_text(confirm)
    assert "/accounts/password/reset/key/" in plain_text(reset)
    assert not OutboxEmail.objects.exists()

    call_command("send_queued_mail", stdout=(again := io.StringIO()))
    assert again.getvalue() == "Queued mail: none due.\n"
    assert outbox_sweep() == 0
    assert mail_server.handler.count() == 2

    # The link that arrived late still confirms the address.
    path = re.search(r"https?://testserver(/accounts/confirm-email/\S+)", plain_text(confirm))[1]
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(email="new@example.org").verified


def test_in_the_embedded_default_an_email_is_a_file_as_soon_as_the_page_commits(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    assert settings.CELERY_TASK_ALWAYS_EAGER  # as without REDIS_URL: tasks run in process

    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Confirm your address", "a link", None, ["aino@example.org"])

    [written] = tmp_path.iterdir()
    assert "Subject: Confirm your address" in written.read_text()
    assert not OutboxEmail.objects.exists()


def test_ready_made_mime_parts_arrive_as_they_were_attached(django_capture_on_commit_callbacks):
    calendar = MIMEText("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "calendar", "utf-8")
    calendar.set_param("method", "REQUEST")
    calendar.add_header("Content-Disposition", "attachment", filename="event.ics")
    original = EmailMessage("Your seat", "See the file.", to=["aino@example.org"])
    original.attach(calendar)

    with django_capture_on_commit_callbacks(execute=True):
        original.send()
    [sent] = mail.outbox

    [part] = [part for part in sent.message().walk() if part.get_filename() == "event.ics"]
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_payload(decode=True) == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
