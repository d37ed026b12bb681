"""Sending one reminder: claimed before it is sent, never twice, nothing for a learner who is no
longer due, and mail server failures told apart: refused for good, or try again later.

SMTP failures come from a real SMTP server on 127.0.0.1 (aiosmtpd) that answers what the test
tells it to, and from a port where nothing listens.
"""

import email
import socket
from datetime import datetime, timedelta
from email import policy
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller

from courses.models import ReminderPreference, ReminderSend, ReminderStatus
from courses.reminders.preferences import reminders_turn_off
from courses.reminders.selection import due_reminder_batches
from courses.reminders.sending import (
    TemporarySendFailure,
    reminder_mark_failed,
    reminder_send,
)
from courses.services.progress import (
    ProgressReport,
    enrolment_start,
    lesson_progress_complete,
    lesson_progress_record,
)
from modules.models import LessonPage
from tests.factories import make_course, make_learner, make_lesson, make_module
from tests.support import free_port

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
START = datetime(2025, 1, 6, 10, 30, tzinfo=HELSINKI)  # when the learner last studied
DUE = START + timedelta(days=7)  # a week later, in their morning


@pytest.fixture
def course():
    course = make_course()
    module = make_module(course, 1)
    make_lesson(module, "video", kind="video")
    make_lesson(module, "reading")
    return course


@pytest.fixture
def learner(course):
    learner = make_learner("kaisa@example.org", display_name="Kaisa", timezone="Europe/Helsinki")
    enrolment_start(user=learner, course=course, now=START)
    return learner


def due_at(now):
    return [reminder for batch in due_reminder_batches(now) for reminder in batch]


def send(reminder, now):
    return reminder_send(enrolment_id=reminder.enrolment_id, period=reminder.period, now=now)


@pytest.fixture
def due(learner):
    [reminder] = due_at(DUE)
    return reminder


# --- claim before send -------------------------------------------------------------------------


def test_sending_twice_for_one_period_sends_one_email(learner, due, mailoutbox):
    assert send(due, DUE) == "sent"
    assert send(due, DUE + timedelta(minutes=1)) == "already"

    assert [message.to for message in mailoutbox] == [["kaisa@example.org"]]
    claim = ReminderSend.objects.get()
    assert (claim.status, claim.sent_at, claim.attempts) == (ReminderStatus.SENT, DUE, 1)
    assert claim.last_activity_at == START


def test_a_sweep_run_twice_sends_each_reminder_once(course, learner, mailoutbox):
    other = make_learner("other@example.org", timezone="Europe/Helsinki")
    enrolment_start(user=other, course=course, now=START)
    first, second = due_at(DUE), due_at(DUE)  # two sweeps before any send ran
    assert [send(r, DUE) for r in first] == ["sent", "sent"]
    assert [send(r, DUE) for r in second] == ["already", "already"]
    assert sorted(m.to[0] for m in mailoutbox) == ["kaisa@example.org", "other@example.org"]


# --- no longer due between the sweep and the send ----------------------------------------------


@pytest.mark.parametrize("study", ["report", "complete"])
def test_a_learner_who_came_back_after_the_sweep_gets_nothing(learner, due, mailoutbox, study):
    later = DUE + timedelta(minutes=2)
    if study == "report":
        lesson_progress_record(
            user=learner,
            lesson=LessonPage.objects.get(slug="video"),
            report=ProgressReport(position=20, played=20, duration=95),
            now=later,
        )
    else:
        lesson_progress_complete(
            user=learner, lesson=LessonPage.objects.get(slug="reading"), now=later
        )

    assert send(due, later) == "skipped"
    assert send(due, later) == "already"
    assert mailoutbox == []
    assert ReminderSend.objects.get().status == ReminderStatus.SKIPPED
    assert due_at(DUE + timedelta(days=1)) == []  # a day after the visit: not due again


def test_a_learner_who_switched_reminders_off_after_the_sweep_gets_nothing(
    learner, due, mailoutbox
):
    reminders_turn_off(user_id=learner.pk)
    assert send(due, DUE) == "skipped"
    assert mailoutbox == []


def test_a_learner_who_chose_off_in_settings_after_the_sweep_gets_nothing(learner, due, mailoutbox):
    ReminderPreference.objects.create(user=learner, enabled=False, cadence="monthly")
    assert send(due, DUE) == "skipped"
    assert mailoutbox == []


def test_a_learner_who_finished_after_the_sweep_gets_nothing(learner, due, mailoutbox):
    later = DUE + timedelta(minutes=5)
    for slug in ["video", "reading"]:
        lesson_progress_complete(user=learner, lesson=LessonPage.objects.get(slug=slug), now=later)
    assert learner.enrolments.get().completed_at == later
    assert send(due, later) == "skipped"
    assert mailoutbox == []


def test_an_account_closed_after_the_sweep_gets_nothing(learner, due, mailoutbox):
    learner.is_active = False
    learner.save(update_fields=["is_active"])
    assert send(due, DUE) == "skipped"
    assert mailoutbox == []


def test_an_enrolment_deleted_after_the_sweep_is_skipped(learner, due, mailoutbox):
    learner.enrolments.all().delete()
    assert send(due, DUE) == "skipped"
    assert mailoutbox == []


# --- a real SMTP server ------------------------------------------------------------------------


class Mailbox:
    """An aiosmtpd handler: accepts mail, or answers each recipient or message as told."""

    def __init__(self):
        self.rcpt_reply = None  # e.g. "550 5.1.1 No such mailbox"
        self.data_reply = None
        self.recipients_tried = []
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.recipients_tried.append(address)
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def use_smtp(settings, port):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10


@pytest.fixture
def smtp(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    use_smtp(settings, controller.port)
    yield mailbox
    controller.stop()


@pytest.fixture
def refusing_port(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))  # bound but never listening: connections are refused
        use_smtp(settings, sock.getsockname()[1])
        yield


def test_a_reminder_goes_through_the_mail_server(due, smtp):
    assert send(due, DUE) == "sent"
    [message] = smtp.messages
    assert message["To"] == "kaisa@example.org"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_a_permanent_refusal_is_marked_failed_and_not_retried(due, smtp, stage):
    setattr(smtp, f"{stage}_reply", "550 5.1.1 No such mailbox here")
    assert send(due, DUE) == "failed"
    claim = ReminderSend.objects.get()
    assert claim.status == ReminderStatus.FAILED
    assert "550" in claim.error and "No such mailbox" in claim.error
    assert claim.sent_at is None
    tried = len(smtp.recipients_tried)

    smtp.rcpt_reply = smtp.data_reply = None  # even if the server would take it now
    assert send(due, DUE + timedelta(minutes=15)) == "already"
    assert len(smtp.recipients_tried) == tried
    assert smtp.messages == []
    assert due_at(DUE + timedelta(minutes=15)) == []  # the next sweep does not pick it again


def test_a_failed_reminder_does_not_count_as_one_of_the_three(due, smtp):
    smtp.rcpt_reply = "550 5.2.1 Mailbox disabled"
    assert send(due, DUE) == "failed"
    smtp.rcpt_reply = None
    for week in [2, 3, 4]:
        now = START + timedelta(days=7 * week)
        [reminder] = due_at(now)
        assert send(reminder, now) == "sent"
    assert due_at(START + timedelta(days=35)) == []
    assert len(smtp.messages) == 3


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_a_temporary_refusal_raises_and_leaves_no_sent_record(due, smtp, stage):
    setattr(smtp, f"{stage}_reply", "451 4.3.0 Try again later")
    with pytest.raises(TemporarySendFailure, match="451"):
        send(due, DUE)
    assert not ReminderSend.objects.sent().exists()
    assert smtp.messages == []
    assert due_at(DUE + timedelta(minutes=15)) == [due]  # still due: the next sweep tries again

    smtp.rcpt_reply = smtp.data_reply = None  # the retry, once the server takes mail again
    assert send(due, DUE + timedelta(minutes=1)) == "sent"
    assert len(smtp.messages) == 1
    assert ReminderSend.objects.sent().count() == 1


def test_a_refused_connection_raises_and_leaves_no_sent_record(due, refusing_port, mailoutbox):
    with pytest.raises(TemporarySendFailure):
        send(due, DUE)
    assert not ReminderSend.objects.sent().exists()
    assert due_at(DUE + timedelta(minutes=15)) == [due]


def test_giving_up_after_retries_records_why_and_waits_for_the_next_period(
    learner, due, time_machine
):
    time_machine.move_to(DUE + timedelta(minutes=10), tick=False)  # five retries later
    reminder_mark_failed(
        enrolment_id=due.enrolment_id, period=due.period, reason="gave up: 451 try later"
    )
    claim = ReminderSend.objects.get()
    assert (claim.status, claim.error) == (ReminderStatus.FAILED, "gave up: 451 try later")
    assert send(due, DUE) == "already"
    assert due_at(DUE + timedelta(hours=1)) == []
    assert len(due_at(DUE + timedelta(days=7, minutes=10))) == 1
