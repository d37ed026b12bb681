"""Recording progress: furthest position, seconds played, completion once and for good."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Certificate, Enrolment, LessonProgress
from courses.services.progress import (
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
    for _ in range(7):
        result = record(learner, video, 60, 15)
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
