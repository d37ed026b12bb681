"""One learner record in every language: progress, enrolment, completion and the certificate
are recorded on the English lesson and course, whichever translation the learner reads."""

import json

import pytest
from wagtail.models import Locale

from courses.models import Certificate, Enrolment, LessonProgress
from modules.models import CoursePage, LessonPage
from tests.factories import make_course, make_learner, make_lesson, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course()
    first, second = make_module(course, 1), make_module(course, 2)
    make_lesson(first, "video", kind="video", title="The lecture")
    make_lesson(first, "reading", title="The reading")
    make_lesson(second, "interview", kind="audio", title="The interview")
    return course


@pytest.fixture
def learner():
    return make_learner(display_name="Kaisa")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def english(slug) -> LessonPage:
    return LessonPage.objects.get(slug=slug, locale__language_code="en")


def translate(slug, title) -> LessonPage:
    """A Swedish translation of the lesson, as a translator would publish it (its parents, not
    yet translated, become aliases of the English ones)."""
    copy = english(slug).copy_for_translation(
        Locale.objects.get(language_code="sv"), copy_parents=True
    )
    copy.title = title
    copy.save_revision().publish()
    return LessonPage.objects.get(pk=copy.pk)


def alias(slug) -> LessonPage:
    """The Swedish alias of an untranslated lesson: the English content under /sv/."""
    return english(slug).copy_for_translation(
        Locale.objects.get(language_code="sv"), copy_parents=True, alias=True
    )


def report(client, lesson, position, played):
    return client.post(
        f"/progress/lessons/{lesson.pk}/report/",
        json.dumps({"position": position, "played": played}),
        content_type="application/json",
    )


def test_half_a_swedish_translation_resumes_in_english(learner_client, learner, course):
    swedish = translate("video", "Föreläsningen")
    assert swedish.url.startswith("/sv/")
    assert report(learner_client, swedish, 20, 20).status_code == 200
    response = report(learner_client, swedish, 45.5, 25)
    assert response.status_code == 200

    row = LessonProgress.objects.get(user=learner)
    assert row.lesson_id == english("video").pk  # recorded on the English lesson
    assert row.position == 45.5
    assert Enrolment.objects.get(user=learner).course_id == course.pk

    html = learner_client.get(english("video").url).content.decode()
    assert 'data-resume="45.5"' in html
    assert "You have started this lesson." in html
    swedish_html = learner_client.get(swedish.url).content.decode()
    assert 'data-resume="45.5"' in swedish_html


def test_an_alias_shares_the_english_record_too(learner_client, learner, course):
    swedish = alias("video")
    assert swedish.alias_of_id == english("video").pk
    assert report(learner_client, swedish, 30, 30).status_code == 200
    assert LessonProgress.objects.get(user=learner).lesson_id == english("video").pk
    html = learner_client.get(english("video").url).content.decode()
    assert 'data-resume="30.0"' in html or 'data-resume="30"' in html
    assert 'data-resume="30' in learner_client.get(swedish.url).content.decode()


def test_marking_complete_in_swedish_completes_the_english_lesson(learner_client, learner, course):
    swedish = translate("reading", "Läsningen")
    response = learner_client.post(f"/progress/lessons/{swedish.pk}/complete/")
    assert response.status_code == 302
    assert response["Location"] == f"{swedish.url}#completion-status"  # back to the page read
    row = LessonProgress.objects.get(user=learner)
    assert row.lesson_id == english("reading").pk and row.completed_at is not None
    html = learner_client.get(english("reading").url).content.decode()
    assert "You have completed this lesson." in html or "lesson-completion--done" in html


def test_lessons_completed_in_mixed_languages_complete_the_course(learner_client, learner, course):
    translated = translate("video", "Föreläsningen")
    aliased = alias("interview")
    learner_client.post(f"/progress/lessons/{translated.pk}/complete/")
    learner_client.post(f"/progress/lessons/{english('reading').pk}/complete/")
    assert not Certificate.objects.filter(user=learner).exists()
    learner_client.post(f"/progress/lessons/{aliased.pk}/complete/")

    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.course_id == course.pk and enrolment.completed_at is not None
    certificate = Certificate.objects.get(user=learner)
    assert certificate.course_id == course.pk
    assert LessonProgress.objects.filter(user=learner).completed().count() == 3


def test_the_swedish_course_shows_the_english_record(learner_client, learner, course):
    translated = translate("video", "Föreläsningen")
    learner_client.post(f"/progress/lessons/{english('video').pk}/complete/")
    swedish_course = CoursePage.objects.get(locale__language_code="sv")
    html = learner_client.get(swedish_course.url).content.decode()
    assert '<progress max="1" value="1"' in html  # module 1's bar counts the English record
    swedish_module = translated.get_parent()
    html = learner_client.get(swedish_module.url).content.decode()
    assert html.count("lesson-item--done") == 1
    assert f'href="{translated.url}"' in html


def test_starting_the_swedish_course_enrols_in_the_english_one(learner_client, learner, course):
    alias("video")
    swedish_course = CoursePage.objects.get(locale__language_code="sv")
    response = learner_client.post(f"/courses/{swedish_course.pk}/start/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sv/")  # on to the first lesson, in Swedish
    assert Enrolment.objects.get(user=learner).course_id == course.pk


def test_the_swedish_dashboard_links_to_swedish_pages(learner_client, learner, course):
    translated = translate("video", "Föreläsningen")
    alias("reading")
    learner_client.post(f"/courses/{course.pk}/start/")
    learner_client.post(f"/progress/lessons/{english('video').pk}/complete/")
    html = learner_client.get("/sv/dashboard/").content.decode()
    assert f'href="{translated.url}">Föreläsningen</a>' in html  # recent activity
    continue_url = LessonPage.objects.get(slug="reading", locale__language_code="sv").url
    assert f'href="{continue_url}"' in html
    english_html = learner_client.get("/dashboard/").content.decode()
    assert f'href="{english("video").url}">The lecture</a>' in english_html


def test_a_swedish_report_costs_what_an_english_one_does(
    require_postgres, client, learner, course, settings, django_assert_max_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(learner)
    swedish = translate("video", "Föreläsningen")
    assert report(client, swedish, 10, 10).status_code == 200  # facts read, then cached
    with django_assert_max_num_queries(4):
        assert report(client, swedish, 20, 10).status_code == 200
    assert LessonProgress.objects.get(user=learner).position == 20


def test_a_lesson_read_in_several_languages_is_imported_once(learner_client, learner, course):
    swedish = translate("video", "Föreläsningen")
    payload = {"lessons": [{"lesson": swedish.pk, "position": 40, "played": 40}]}
    response = learner_client.post(
        "/progress/import/", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert LessonProgress.objects.get(user=learner).lesson_id == english("video").pk
