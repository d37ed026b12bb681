"""Recording progress: furthest position, seconds played, completion once and for good."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Certificate, Enrolment, LessonProgress
from courses.services.progress import (
    FIRST_REPORT_ALLOWANCE,
    JITTER_SLACK,
    MAX_PLAY_ALLOWANCE,
    PLAYBACK_RATE_LIMIT,
    InvalidReport,
    ProgressReport,
    enrolment_start,
    lesson_progress_complete,
    lesson_progress_record,
    progress_report_validate,
)
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db

DURATION = 95.0  # the factories' media length
# SQLite (the embedded default) measures the time between reports with julianday(), to within
# a tenth of a millisecond; a second of play per second is what matters here.
TIME_PRECISION = 1e-3


@pytest.fixture
def course():
    course = make_course()
    module = make_module(course, 1)
    make_lesson(module, "video", kind="video")
    make_lesson(module, "reading")
    return course


@pytest.fixture
def video(course):
    from modules.models import LessonPage

    return LessonPage.objects.get(slug="video")


@pytest.fixture
def reading(course):
    from modules.models import LessonPage

    return LessonPage.objects.get(slug="reading")


def record(user, lesson, position, played, now=None):
    return lesson_progress_record(
        user=user,
        lesson=lesson,
        report=ProgressReport(position=position, played=played, duration=DURATION),
        now=now,
    )


def test_first_report_creates_progress_and_enrols(video, course):
    learner = make_learner()
    result = record(learner, video, 12.5, 12.0)
    assert (result.position, result.seconds_played, result.completed) == (12.5, 12.0, False)
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.started_at == enrolment.last_activity_at


def test_position_keeps_the_furthest_and_played_adds_up(video):
    learner = make_learner()
    record(learner, video, 40, 15)
    result = record(learner, video, 10, 10)  # rewound and watched again
    assert result.position == 40
    assert result.seconds_played == 25


def test_skipping_to_the_end_does_not_complete(video):
    learner = make_learner()
    result = record(learner, video, 94, 5)
    assert not result.completed
    assert LessonProgress.objects.get(user=learner).completed_at is None


def test_playing_ninety_percent_and_reaching_the_end_completes_once(video):
    learner = make_learner()
    start = timezone.now()
    for step in range(1, 8):
        result = record(
            learner, video, min(15 * step, 95), 15, now=start + timedelta(seconds=15 * step)
        )
    assert result.completed
    first = LessonProgress.objects.get(user=learner).completed_at
    later = record(learner, video, 3, 2, now=start + timedelta(hours=1))
    assert later.completed and not later.completed_now
    assert LessonProgress.objects.get(user=learner).completed_at == first


def test_played_enough_but_not_at_the_end_is_not_complete(video):
    learner = make_learner()
    start = timezone.now()
    for step in range(7):
        result = record(learner, video, 60, 15, now=start + timedelta(seconds=15 * step))
    assert result.seconds_played == 105
    assert not result.completed


def test_mark_complete_works_for_any_lesson_and_never_goes_back(reading, video):
    learner = make_learner()
    assert lesson_progress_complete(user=learner, lesson=reading)
    assert not lesson_progress_complete(user=learner, lesson=reading)
    assert lesson_progress_complete(user=learner, lesson=video)
    record(learner, video, 1, 1)
    assert LessonProgress.objects.get(user=learner, lesson=video).completed_at is not None


def test_completing_every_lesson_completes_the_course_and_issues_one_certificate(
    course, video, reading
):
    learner = make_learner(display_name="Aino Virtanen")
    lesson_progress_complete(user=learner, lesson=video)
    assert not Certificate.objects.exists()
    lesson_progress_complete(user=learner, lesson=reading)
    certificate = Certificate.objects.get(user=learner)
    assert certificate.learner_name == "Aino Virtanen"
    assert Enrolment.objects.get(user=learner).completed_at is not None


def test_a_lesson_added_later_counts_for_those_not_finished_but_keeps_issued_certificates(
    course, video, reading
):
    from modules.models import ModulePage

    finished, halfway = make_learner("done@example.org"), make_learner("half@example.org")
    for lesson in (video, reading):
        lesson_progress_complete(user=finished, lesson=lesson)
    lesson_progress_complete(user=halfway, lesson=video)
    issued = Certificate.objects.get(user=finished).issued_at

    new_lesson = make_lesson(ModulePage.objects.get(), "added-later")
    lesson_progress_complete(user=halfway, lesson=reading)
    assert not Certificate.objects.filter(user=halfway).exists()  # one more to go
    lesson_progress_complete(user=halfway, lesson=new_lesson)
    assert Certificate.objects.filter(user=halfway).exists()
    assert Certificate.objects.get(user=finished).issued_at == issued


def test_enrolment_start_is_idempotent(course):
    learner = make_learner()
    first = enrolment_start(user=learner, course=course)
    again = enrolment_start(user=learner, course=course)
    assert first.pk == again.pk
    assert Enrolment.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"position": -1, "played": 1}, "cannot be negative"),
        ({"position": 10, "played": "NaN"}, "finite"),
        ({"position": 10, "played": "Infinity"}, "finite"),
        ({"position": "ten", "played": 1}, "number of seconds"),
        ({"position": 10}, "Missing: played"),
        ({"position": 1000, "played": 1}, "past the end"),
        ({"position": 10, "played": 500}, "more than one report"),
        ({"position": True, "played": 1}, "number of seconds"),
        ({"position": 10**400, "played": 1}, "number of seconds"),
        ([1, 2], "must be an object"),
    ],
)
def test_bad_reports_are_refused_with_a_reason(video, data, reason):
    with pytest.raises(InvalidReport, match=reason):
        progress_report_validate(lesson=video, data=data)


def test_reports_on_written_lessons_are_refused(reading):
    with pytest.raises(InvalidReport, match="no media"):
        progress_report_validate(lesson=reading, data={"position": 1, "played": 1})


def test_the_server_duration_wins_over_the_browser(video):
    report = progress_report_validate(
        lesson=video, data={"position": "50", "played": "10", "duration": "10"}
    )
    assert report.duration == DURATION


# --- honest seconds played ---------------------------------------------------------------------


def test_one_hand_made_report_of_the_whole_lecture_does_not_complete_it(video):
    learner = make_learner()
    result = record(learner, video, DURATION, DURATION)
    assert not result.completed
    assert result.seconds_played == FIRST_REPORT_ALLOWANCE  # what 15 s at double speed can play
    assert LessonProgress.objects.get(user=learner).completed_at is None


def test_reports_faster_than_double_speed_are_credited_at_most_twice_the_time_between(video):
    learner = make_learner()
    start = timezone.now()
    for step in range(8):  # every 10 s, each claiming 30 s: triple speed
        result = record(learner, video, 20, 30, now=start + timedelta(seconds=10 * step))
    elapsed = 70  # 240 s claimed in 70 s
    assert result.seconds_played == pytest.approx(
        PLAYBACK_RATE_LIMIT * elapsed + 30 + 5, abs=TIME_PRECISION
    )  # the first report's 30 s, and its 5 s to spare, then twice the time


def test_a_learner_at_double_speed_is_credited_every_second(video):
    learner = make_learner()
    start = timezone.now()
    # The player reports every 15 s; at double speed each report carries 30 s of play, and the
    # network delivers them up to a couple of seconds early or late.
    jitter = [0, 2, -2, 1.5, -2.5, 2, 0]
    for step, late in enumerate(jitter, start=1):
        now = start + timedelta(seconds=15 * step + late)
        result = record(learner, video, min(30 * step, DURATION), 30, now=now)
    assert result.seconds_played == pytest.approx(30 * len(jitter), abs=TIME_PRECISION)
    assert result.completed


def test_rapid_reports_do_not_gain_the_slack_each_time(video):
    learner = make_learner()
    start = timezone.now()
    record(learner, video, 1, 1, now=start - timedelta(hours=1))  # opened an hour ago
    for step in range(100):  # ten reports a second for ten seconds, each claiming 7 s
        result = record(learner, video, 50, 7, now=start + timedelta(seconds=step / 10))
        if step == 49:
            halfway = result.seconds_played
    # What the hour allowed (the allowance, full), then at most double speed: once the
    # allowance is spent, fifty reports in five seconds add ten seconds, not fifty slacks.
    assert result.seconds_played <= 1 + MAX_PLAY_ALLOWANCE + PLAYBACK_RATE_LIMIT * 10 + 0.01
    assert result.seconds_played - halfway <= PLAYBACK_RATE_LIMIT * 5 + 0.01
    assert result.seconds_played - halfway < JITTER_SLACK * 50


def test_what_piled_up_while_offline_is_credited_when_the_reports_get_through(video):
    learner = make_learner()
    start = timezone.now()
    record(learner, video, 15, 15, now=start)
    # The next reports failed for a minute; the player sends what it kept in one go.
    result = record(learner, video, 75, 60, now=start + timedelta(seconds=60))
    assert result.seconds_played == pytest.approx(75, abs=TIME_PRECISION)


def test_a_report_dated_before_the_previous_one_gets_nothing_from_the_past(video):
    learner = make_learner()
    start = timezone.now()
    record(learner, video, 30, 30, now=start)
    result = record(learner, video, 60, 30, now=start - timedelta(minutes=5))
    assert result.seconds_played == 30 + (FIRST_REPORT_ALLOWANCE - 30)  # only what was left
