"""What a signed-in learner sees: states, bars, where to continue, the dashboard; and the cost."""

import re

import pytest

from courses.services.progress import (
    ProgressReport,
    lesson_progress_complete,
    lesson_progress_record,
)
from modules.models import LessonPage, ModulePage
from tests.factories import extend_course, make_course, make_learner
from tests.support import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course()
    extend_course(course, modules=2, lessons_per_module=3)
    return course


@pytest.fixture
def learner():
    return make_learner(display_name="Kaisa")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def lesson(slug):
    return LessonPage.objects.get(slug=slug)


def play(user, slug, position, played=10):
    lesson_progress_record(
        user=user,
        lesson=lesson(slug),
        report=ProgressReport(position=position, played=played, duration=95.0),
    )


def test_lesson_page_resumes_at_the_saved_position(learner_client, learner, course):
    play(learner, "lesson-1-0", 42.5)
    html = learner_client.get(lesson("lesson-1-0").url).content.decode()
    assert 'data-resume="42.5"' in html
    assert "You have started this lesson." in html


def test_a_lesson_watched_to_the_end_resumes_from_the_start(learner_client, learner, course):
    play(learner, "lesson-1-0", 94)
    html = learner_client.get(lesson("lesson-1-0").url).content.decode()
    assert 'data-resume="0"' in html


def test_course_home_shows_states_bars_and_continue(learner_client, learner, course):
    learner_client.post(f"/courses/{course.pk}/start/")
    lesson_progress_complete(user=learner, lesson=lesson("lesson-1-0"))
    play(learner, "lesson-1-1", 30)
    html = learner_client.get("/").content.decode()
    assert "1 of 6 lessons" in html  # the course bar
    assert "1 of 3 lessons" in html and "0 of 3 lessons" in html  # the module bars
    assert "Continue: Module 1 · Lesson 1 1" in html
    assert 'href="' + lesson("lesson-1-1").url + '"' in html  # Continue leads to that lesson
    # The home lists modules, not lessons: each card links to its module page, where the
    # lessons are listed with the learner's states.
    modules = ModulePage.objects.order_by("path")
    assert all(f'href="{module.url}"' in html for module in modules)
    assert "lesson-item" not in html
    module_page = learner_client.get(modules[0].url).content.decode()
    assert module_page.count("lesson-item--done") == 1
    assert module_page.count("lesson-item--started") == 1


def test_continue_moves_on_after_the_last_lesson_is_finished(learner_client, learner, course):
    learner_client.post(f"/courses/{course.pk}/start/")
    for slug in ("lesson-1-0", "lesson-1-1", "lesson-1-2"):
        lesson_progress_complete(user=learner, lesson=lesson(slug))
    html = learner_client.get("/").content.decode()
    assert "Continue: Module 2 · Lesson 2 0" in html


def test_module_page_shows_the_module_bar(learner_client, learner, course):
    lesson_progress_complete(user=learner, lesson=lesson("lesson-2-1"))
    html = learner_client.get(ModulePage.objects.get(slug="module-2").url).content.decode()
    assert "1 of 3 lessons" in html
    assert "lesson-item--done" in html


def test_dashboard_lists_courses_progress_next_lesson_and_activity(learner_client, learner, course):
    learner_client.post(f"/courses/{course.pk}/start/")
    lesson_progress_complete(user=learner, lesson=lesson("lesson-1-0"))
    html = learner_client.get("/dashboard/").content.decode()
    assert "Welcome back, Kaisa" in html
    assert "1 of 6 lessons" in html
    assert "0 of 2 modules complete" in html
    assert "Continue: Module 1 · Lesson 1 1" in html
    assert "Recent activity" in html and "Lesson 1 0" in html


def test_dashboard_needs_an_account(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_dashboard_and_pages_show_only_the_learners_own_progress(client, course):
    alice, bob = make_learner("alice@example.org"), make_learner("bob@example.org")
    client.force_login(alice)
    client.post(f"/courses/{course.pk}/start/")
    lesson_progress_complete(user=alice, lesson=lesson("lesson-1-0"))
    client.force_login(bob)
    dashboard = client.get("/dashboard/").content.decode()
    assert "You have not started a course yet" in dashboard
    home = client.get("/").content.decode()
    assert "1 of 6 lessons" not in home and "1 of 3 lessons" not in home
    assert "0 of 3 lessons" in home  # bob's own, empty, module progress
    module_page = client.get(ModulePage.objects.get(slug="module-1").url).content.decode()
    assert "lesson-item--done" not in module_page
    assert "Lesson 1 0" in module_page


def test_signed_in_pages_make_a_fixed_number_of_queries(client):
    course = make_course()
    extend_course(course, modules=2, lessons_per_module=3)
    learner = make_learner()
    client.force_login(learner)
    client.post(f"/courses/{course.pk}/start/")
    lesson_progress_complete(user=learner, lesson=lesson("lesson-1-0"))
    play(learner, "lesson-1-1", 20)
    urls = [
        "/",
        lesson("lesson-1-1").url,
        "/dashboard/",
        ModulePage.objects.get(slug="module-1").url,
    ]
    small = {url: page_queries(client, url) for url in urls}

    extend_course(course, modules=5, lessons_per_module=4, start=3)
    for index in range(8):
        other = make_learner(f"other{index}@example.org")
        for slug in ("lesson-1-0", "lesson-1-1", "lesson-3-0"):
            lesson_progress_complete(user=other, lesson=lesson(slug))
    for slug in ("lesson-3-0", "lesson-4-1", "lesson-5-2"):
        lesson_progress_complete(user=learner, lesson=lesson(slug))
    large = {url: page_queries(client, url) for url in urls}

    assert large == small, (small, large)
    assert small["/"] <= 21  # with the upcoming live events
    assert small["/dashboard/"] <= 16


def test_anonymous_pages_carry_hooks_for_browser_kept_progress(client, course):
    html = client.get("/").content.decode()
    assert "data-local-continue" in html
    # The cards name their lessons for progress.js, and an inert <template> lists them in
    # order (with their links) for "Continue"; the visible lesson lists are on module pages.
    assert len(re.findall(r'<li class="module-card" data-module-lessons="\d+ \d+ \d+">', html)) == 2
    assert re.search(r'<template data-course-lessons>.*class="lesson-item" data-lesson-id', html)
    module_page = client.get(ModulePage.objects.get(slug="module-1").url).content.decode()
    assert re.search(r'class="lesson-item" data-lesson-id="\d+"', module_page)
    page = client.get(lesson("lesson-1-0").url).content.decode()
    assert "data-report-url" in page and "data-signed-in" not in page
