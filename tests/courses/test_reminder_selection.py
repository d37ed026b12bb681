"""Who is due a reminder: enrolled and unfinished, reminders on, inactive for their cadence, one
per period, in their local morning, and no more than three without a visit in between.

The clock is moved with time-machine; nothing sleeps. Sends go through the real service, so that
what the selection reads is what sending wrote.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import ReminderPreference, ReminderSend, ReminderStatus
from courses.reminders.selection import due_reminder_batches
from courses.reminders.sending import reminder_send
from courses.services.progress import (
    ProgressReport,
    enrolment_start,
    lesson_progress_complete,
    lesson_progress_record,
)
from modules.models import LessonPage
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NEW_YORK = ZoneInfo("America/New_York")
# Monday 6 January 2025, 10:30 in Helsinki (08:30 UTC, 03:30 in New York): no clock changes
# anywhere for the next two months, so "the same time a week later" is exactly seven days.
START = datetime(2025, 1, 6, 10, 30, tzinfo=HELSINKI)


@pytest.fixture
def course():
    course = make_course()
    module = make_module(course, 1)
    make_lesson(module, "video", kind="video")
    make_lesson(module, "reading")
    return course


@pytest.fixture
def clock(time_machine):
    """The wall clock, standing still at START until moved."""
    time_machine.move_to(START, tick=False)
    return time_machine


def enrol(course, email, zone=HELSINKI, *, cadence=None, enabled=True, **extra):
    """A learner who enrolled (and so last studied) at the current time."""
    learner = make_learner(email, timezone=str(zone), **extra)
    if cadence is not None or not enabled:
        ReminderPreference.objects.create(
            user=learner, cadence=cadence or "weekly", enabled=enabled
        )
    enrolment_start(user=learner, course=course)
    return learner


def due_now(**kwargs):
    """Everyone the sweep would pick at the current time, as (email, reminder) pairs."""
    reminders = [r for batch in due_reminder_batches(timezone.now(), **kwargs) for r in batch]
    users = get_user_model().objects.filter(pk__in=[r.user_id for r in reminders])
    emails = dict(users.values_list("pk", "email"))
    return [(emails[r.user_id], r) for r in reminders]


def due_emails():
    return sorted(email for email, _ in due_now())


def send_all_due():
    """Send what is due now, as the command does; returns the outcomes."""
    return [
        reminder_send(enrolment_id=r.enrolment_id, period=r.period, now=timezone.now())
        for _, r in due_now()
    ]


def lesson(slug):
    return LessonPage.objects.get(slug=slug)


# --- the learner's local morning ---------------------------------------------------------------


def test_the_same_instant_is_morning_in_helsinki_and_night_in_new_york(course, clock):
    enrol(course, "helsinki@example.org", HELSINKI)
    enrol(course, "new-york@example.org", NEW_YORK)

    clock.move_to(START + timedelta(days=7))  # 10:30 in Helsinki, 03:30 in New York
    assert due_emails() == ["helsinki@example.org"]

    clock.move_to(datetime(2025, 1, 13, 9, 30, tzinfo=NEW_YORK))  # 16:30 in Helsinki
    assert due_emails() == ["new-york@example.org"]


@pytest.mark.parametrize(
    ("local_time", "due"),
    [((8, 59), False), ((9, 0), True), ((11, 59), True), ((12, 0), False), ((15, 0), False)],
)
def test_the_morning_is_nine_to_twelve_local_time(course, clock, local_time, due):
    enrol(course, "helsinki@example.org", HELSINKI)
    clock.move_to(datetime(2025, 1, 14, *local_time, tzinfo=HELSINKI))  # eight days on
    assert due_emails() == (["helsinki@example.org"] if due else [])


def test_an_unknown_timezone_is_read_as_utc(course, clock):
    learner = enrol(course, "somewhere@example.org")
    type(learner).objects.filter(pk=learner.pk).update(timezone="Atlantis/Capital")
    clock.move_to(datetime(2025, 1, 14, 10, 0, tzinfo=ZoneInfo("UTC")))
    assert due_emails() == ["somewhere@example.org"]
    clock.move_to(datetime(2025, 1, 14, 13, 0, tzinfo=ZoneInfo("UTC")))
    assert due_emails() == []


# --- cadence ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cadence", "days"), [(None, 7), ("weekly", 7), ("fortnightly", 14), ("monthly", 30)]
)
def test_due_after_a_full_cadence_of_inactivity_and_not_a_day_before(course, clock, cadence, days):
    enrol(course, "learner@example.org", cadence=cadence)

    clock.move_to(START + timedelta(days=days - 1))
    assert due_emails() == []
    clock.move_to(START + timedelta(days=days))
    assert due_emails() == ["learner@example.org"]


def test_due_only_once_the_whole_cadence_has_passed_not_on_the_calendar_day(course, clock):
    enrol(course, "learner@example.org")  # last studied at 10:30
    clock.move_to(START + timedelta(days=7, minutes=-1))
    assert due_emails() == []
    clock.move_to(START + timedelta(days=7))
    assert due_emails() == ["learner@example.org"]


@pytest.mark.parametrize("days", [7, 14, 30, 90, 365])
def test_reminders_switched_off_are_never_due(course, clock, days):
    enrol(course, "off@example.org", enabled=False)
    enrol(course, "on@example.org")
    clock.move_to(START + timedelta(days=days))
    assert due_emails() == ["on@example.org"]


def test_a_learner_active_recently_is_not_due(course, clock):
    learner = enrol(course, "learner@example.org")
    clock.move_to(START + timedelta(days=4))
    lesson_progress_complete(user=learner, lesson=lesson("reading"))
    clock.move_to(START + timedelta(days=7))
    assert due_emails() == []
    clock.move_to(START + timedelta(days=11))
    assert due_emails() == ["learner@example.org"]


# --- one per period ----------------------------------------------------------------------------


def test_one_reminder_per_cadence_period(course, clock):
    enrol(course, "learner@example.org")

    clock.move_to(START + timedelta(days=7))
    [(_, first)] = due_now()
    assert send_all_due() == ["sent"]

    for later in [timedelta(minutes=15), timedelta(hours=1), timedelta(days=1), timedelta(days=6)]:
        clock.move_to(START + timedelta(days=7) + later)
        assert due_emails() == [], f"due again {later} after the first reminder"
    clock.move_to(START + timedelta(days=14, minutes=-1))
    assert due_emails() == []

    clock.move_to(START + timedelta(days=14))
    [(_, second)] = due_now()
    assert second.period != first.period
    assert send_all_due() == ["sent"]
    assert ReminderSend.objects.sent().count() == 2


def test_a_fortnightly_learner_gets_one_in_fourteen_days(course, clock):
    enrol(course, "learner@example.org", cadence="fortnightly")
    clock.move_to(START + timedelta(days=14))
    assert send_all_due() == ["sent"]
    for day in [15, 21, 27]:
        clock.move_to(START + timedelta(days=day))
        assert due_emails() == []
    clock.move_to(START + timedelta(days=28))
    assert send_all_due() == ["sent"]


def test_switching_to_monthly_waits_a_month_after_the_last_reminder_then_sends(course, clock):
    learner = enrol(course, "learner@example.org")
    for day in [7, 14]:
        clock.move_to(START + timedelta(days=day))
        assert send_all_due() == ["sent"]
    ReminderPreference.objects.filter(user=learner).delete()
    ReminderPreference.objects.create(user=learner, cadence="monthly")

    clock.move_to(START + timedelta(days=43))
    assert due_emails() == []
    clock.move_to(START + timedelta(days=44))
    assert send_all_due() == ["sent"]
    assert ReminderSend.objects.sent().count() == 3


# --- three without a visit, then silence until they come back ----------------------------------


def report_progress(learner):
    lesson_progress_record(
        user=learner,
        lesson=lesson("video"),
        report=ProgressReport(position=30, played=30, duration=95),
    )


def play_the_video_to_the_end(learner, clock):
    """Play the whole 95 s video at normal speed: a report every 15 s, as the player sends."""
    for position in range(15, 106, 15):
        clock.shift(timedelta(seconds=15))
        lesson_progress_record(
            user=learner,
            lesson=lesson("video"),
            report=ProgressReport(position=min(position, 95), played=15, duration=95),
        )


def complete_reading(learner):
    lesson_progress_complete(user=learner, lesson=lesson("reading"))


@pytest.mark.parametrize("study", [report_progress, complete_reading])
def test_three_reminders_without_a_visit_then_none_until_the_learner_comes_back(
    course, clock, study
):
    learner = enrol(course, "learner@example.org")
    for day in [7, 14, 21]:
        clock.move_to(START + timedelta(days=day))
        assert send_all_due() == ["sent"]

    for day in [28, 35, 60, 120]:  # into May: months later, still nothing
        clock.move_to(START + timedelta(days=day))
        assert due_emails() == [], f"a fourth reminder on day {day}"

    came_back = datetime(2025, 5, 7, 10, 30, tzinfo=HELSINKI)
    clock.move_to(came_back)
    study(learner)
    clock.move_to(came_back + timedelta(days=7, minutes=-1))
    assert due_emails() == []

    for week in [1, 2, 3]:
        clock.move_to(came_back + timedelta(days=7 * week))
        assert send_all_due() == ["sent"], f"reminder {week} after coming back"
    clock.move_to(came_back + timedelta(days=28))
    assert due_emails() == []
    assert ReminderSend.objects.sent().count() == 6


def test_a_skipped_reminder_does_not_count_as_one_of_the_three(course, clock):
    learner = enrol(course, "learner@example.org")
    clock.move_to(START + timedelta(days=7))
    [(_, due)] = due_now()
    ReminderPreference.objects.create(user=learner, enabled=False)  # off before it was sent
    assert reminder_send(enrolment_id=due.enrolment_id, period=due.period) == "skipped"
    ReminderPreference.objects.filter(user=learner).update(enabled=True)

    for day in [14, 21, 28]:
        clock.move_to(START + timedelta(days=day))
        assert send_all_due() == ["sent"], f"no reminder on day {day}"
    clock.move_to(START + timedelta(days=35))
    assert due_emails() == []
    assert ReminderSend.objects.filter(status=ReminderStatus.SKIPPED).count() == 1


# --- finished, and accounts that are switched off ----------------------------------------------


def test_a_learner_who_finished_gets_no_reminders(course, clock):
    learner = enrol(course, "finished@example.org")
    enrol(course, "unfinished@example.org")
    report_progress(learner)
    play_the_video_to_the_end(learner, clock)
    complete_reading(learner)
    assert learner.enrolments.get().completed_at is not None

    for day in [7, 14, 30, 90]:
        clock.move_to(START + timedelta(days=day))
        assert due_emails() == ["unfinished@example.org"]


def test_finishing_after_a_reminder_stops_the_next(course, clock):
    learner = enrol(course, "learner@example.org")
    clock.move_to(START + timedelta(days=7))
    assert send_all_due() == ["sent"]
    clock.move_to(START + timedelta(days=8))
    play_the_video_to_the_end(learner, clock)
    complete_reading(learner)
    for day in [15, 22, 60]:
        clock.move_to(START + timedelta(days=day))
        assert due_emails() == []


def test_inactive_accounts_get_no_reminders(course, clock):
    enrol(course, "closed@example.org", is_active=False)
    enrol(course, "open@example.org")
    clock.move_to(START + timedelta(days=7))
    assert due_emails() == ["open@example.org"]


def test_someone_not_enrolled_gets_no_reminders(course, clock):
    make_learner("browsing@example.org", timezone="Europe/Helsinki")
    clock.move_to(START + timedelta(days=7))
    assert due_emails() == []


# --- cost --------------------------------------------------------------------------------------


def test_the_queries_grow_with_batches_not_with_learners(course, clock):
    for n in range(30):
        enrol(course, f"learner-{n}@example.org")
    enrol(course, "night@example.org", NEW_YORK)  # a candidate, but not in their morning
    clock.move_to(START + timedelta(days=7))
    now = timezone.now()

    def selection_queries(batch_size):
        with CaptureQueriesContext(connection) as queries:
            sizes = [len(batch) for batch in due_reminder_batches(now, batch_size=batch_size)]
        return sizes, len(queries)

    # One query per batch of candidates and one that finds no more.
    assert selection_queries(10) == ([10, 10, 10], 5)  # 31 candidates: four batches
    assert selection_queries(31) == ([30], 2)
    assert selection_queries(500) == ([30], 2)


def test_batches_hold_every_due_learner_once(course, clock, django_assert_num_queries):
    for n in range(25):
        enrol(course, f"learner-{n}@example.org")
    clock.move_to(START + timedelta(days=7))
    with django_assert_num_queries(4):
        batches = list(due_reminder_batches(timezone.now(), batch_size=10))
    assert [len(batch) for batch in batches] == [10, 10, 5]
    ids = [r.enrolment_id for batch in batches for r in batch]
    assert len(set(ids)) == 25
