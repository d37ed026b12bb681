"""The lesson facts a progress report reads from the cache: cheap, and never stale for a learner.

Whatever an editor changes (unpublish, restrict, move, a new media length) counts for the very
next report, because each change forgets the cached facts.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.models import Enrolment
from modules.models import LessonPage
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course()
    make_lesson(make_module(course, 1), "video", kind="video")
    return course


@pytest.fixture
def video(course):
    return LessonPage.objects.get(slug="video")


@pytest.fixture
def learner_client(client):
    client.force_login(make_learner())
    return client


def report(client, lesson_id, position=10, played=5):
    return client.post(
        f"/progress/lessons/{lesson_id}/report/",
        json.dumps({"position": position, "played": played}),
        content_type="application/json",
    )


def page_queries(captured):
    return [q["sql"] for q in captured if "wagtailcore_page" in q["sql"]]


def test_after_the_first_report_the_lesson_is_not_read_from_the_database(learner_client, video):
    with CaptureQueriesContext(connection) as first:
        assert report(learner_client, video.pk).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert report(learner_client, video.pk, position=20).status_code == 200
    assert page_queries(first.captured_queries)
    assert page_queries(second.captured_queries) == []


def test_an_unpublished_lesson_refuses_the_next_report_and_takes_them_again_when_republished(
    learner_client, video
):
    assert report(learner_client, video.pk).status_code == 200
    video.unpublish()
    assert report(learner_client, video.pk, position=20).status_code == 404
    video.refresh_from_db()
    video.save_revision().publish()
    assert report(learner_client, video.pk, position=30).status_code == 200


def test_a_lesson_made_private_refuses_the_next_report(learner_client, course, video):
    assert report(learner_client, video.pk).status_code == 200
    restriction = PageViewRestriction.objects.create(page=course, restriction_type="login")
    assert report(learner_client, video.pk, position=20).status_code == 404
    restriction.delete()
    assert report(learner_client, video.pk, position=30).status_code == 200


def test_a_new_media_length_counts_at_once(learner_client, video):
    assert report(learner_client, video.pk, position=90).status_code == 200
    assert report(learner_client, video.pk, position=200).status_code == 400  # 95 s long
    video.media.duration = 300
    video.media.save()
    assert report(learner_client, video.pk, position=200).status_code == 200


def test_a_moved_lesson_counts_towards_its_new_course(learner_client, course, video):
    assert report(learner_client, video.pk).status_code == 200
    other = make_course("Other course", "other-course", as_site_root=False)
    video.move(make_module(other, 1), pos="last-child")
    assert report(learner_client, video.pk, position=20).status_code == 200
    assert set(Enrolment.objects.values_list("course_id", flat=True)) == {course.pk, other.pk}


def test_a_lesson_that_is_not_there_is_a_404_each_time(learner_client):
    assert report(learner_client, 987654).status_code == 404
    assert report(learner_client, 987654).status_code == 404


def test_a_deleted_lesson_refuses_the_next_report(learner_client, video):
    assert report(learner_client, video.pk).status_code == 200
    video.get_parent().delete()  # the module, and the lesson with it
    assert report(learner_client, video.pk, position=20).status_code == 404
