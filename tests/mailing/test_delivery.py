"""The transport behind the outbox: which mail server answers mean "later" and which mean
"never", and the emails that must hear that answer at once (course and event reminders, with
their own claim) go straight to it, not through the outbox."""

import smtplib

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.utils import timezone

from courses.models import Enrolment, ReminderSend, ReminderStatus
from courses.reminders.sending import claimed_send
from mailing.delivery import TemporarySendFailure, delivery_connection, is_permanent
from mailing.models import OutboxEmail
from tests.factories import make_course, make_learner

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPDataError(554, b"Message rejected"), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"No such mailbox")}), True),
        (smtplib.SMTPSenderRefused(553, b"Sender not allowed", "course@localhost"), True),
        (smtplib.SMTPDataError(451, b"Try again later"), False),
        (
            smtplib.SMTPRecipientsRefused(
                {"a@example.org": (550, b"No"), "b@example.org": (452, b"Mailbox full")}
            ),
            False,
        ),
        # The site's own credentials are wrong: fixed by an operator, then everything goes.
        (smtplib.SMTPAuthenticationError(535, b"Authentication failed"), False),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), False),
        (ConnectionRefusedError(111, "Connection refused"), False),
        (TimeoutError("timed out"), False),
    ],
)
def test_only_a_final_refusal_of_the_message_is_permanent(error, permanent):
    assert is_permanent(error) is permanent


def test_the_delivery_transport_cannot_be_the_outbox_itself(settings):
    settings.EMAIL_DELIVERY_BACKEND = "mailing.backends.OutboxEmailBackend"
    with pytest.raises(ImproperlyConfigured, match="DJANGO_EMAIL_BACKEND"):
        delivery_connection()


def test_reminders_go_straight_to_the_mail_server_and_never_into_the_outbox(mail_server):
    learner = make_learner("kaisa@example.org")
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        user=learner, course=make_course(), started_at=now, last_activity_at=now
    )

    def send():
        return claimed_send(
            user_id=learner.pk,
            kind=ReminderSend.KIND_COURSE_INACTIVITY,
            period="test-period",
            about={"enrolment": enrolment},
            still_due=lambda: True,
            message=lambda claim: EmailMessage("Your course", "Pick up", to=[learner.email]),
            now=now,
        )

    with pytest.raises(TemporarySendFailure):  # the claim hears the mail server's answer
        send()
    mail_server.start()
    assert send() == "sent"
    assert mail_server.recipients() == ["kaisa@example.org"]
    assert ReminderSend.objects.get().status == ReminderStatus.SENT
    assert not OutboxEmail.objects.exists()
