"""What an anonymous visitor sees on the course home, module and lesson pages."""

import re

import pytest
from wagtail.models import Page

from modules.kinds import LessonKind
from modules.models import CoursePage, LessonPage, ModulePage
from tests.factories import (
    ExpertFactory,
    extend_course,
    make_course,
    make_lesson,
    make_media,
    make_module,
)
from tests.support import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course()
    extend_course(course, modules=2, lessons_per_module=3, experts=[ExpertFactory(name="Ada Lund")])
    return course


def test_the_tree_only_allows_course_module_lesson_beside_events_and_library():
    from events.models import EventIndexPage
    from library.models import ResourceIndexPage

    assert CoursePage.can_exist_under(Page.get_first_root_node())
    assert ModulePage.allowed_parent_page_models() == [CoursePage]
    assert LessonPage.allowed_parent_page_models() == [ModulePage]
    assert set(CoursePage.allowed_subpage_models()) == {
        ModulePage,
        EventIndexPage,
        ResourceIndexPage,
    }
    assert LessonPage.allowed_subpage_models() == []


def test_kind_follows_the_primary_media():
    assert LessonKind.for_media(None) == LessonKind.WRITTEN
    assert LessonKind.for_media(make_media("video")) == LessonKind.VIDEO
    assert LessonKind.for_media(make_media("audio")) == LessonKind.AUDIO


def test_course_home_shows_modules_with_lesson_counts_and_experts(client, course):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Test course" in html
    assert "Who decides?" in html
    assert html.index("Module title 1") < html.index("Module title 2")
    assert "3 lessons" in html
    assert "Ada Lund" in html
    # The lessons, with their kinds and lengths, are listed on the module pages.
    first = ModulePage.objects.child_of(course).order_by("path").first()
    assert first.url in html
    module_html = client.get(first.url).content.decode()
    for kind in ("Video", "Audio", "Written"):
        assert f"</svg>{kind}</span>" in module_html
    assert "6 min" in module_html  # the written lesson's reading time
    assert "2 min" in module_html  # a 95-second lecture, rounded up


def test_module_page_lists_lessons_in_order_with_neighbouring_modules(client, course):
    first, second = ModulePage.objects.child_of(course).order_by("path")
    response = client.get(first.url)
    html = response.content.decode()
    assert response.status_code == 200
    positions = [html.index(f"Lesson 1 {i}") for i in range(3)]
    assert positions == sorted(positions)
    assert "Next module" in html and second.url in html
    assert "Previous module" not in html
    html = client.get(second.url).content.decode()
    assert "Previous module" in html and first.url in html


def test_video_lesson_has_player_with_captions_track_and_transcript(client, course):
    lesson = LessonPage.objects.get(slug="lesson-1-0")
    response = client.get(lesson.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<video" in html
    track = re.search(r'<track kind="captions" srclang="en"[^>]*src="([^"]+)"', html)
    assert track is not None
    captions = client.get(track[1])
    assert captions.status_code == 200
    assert captions["Content-Type"].startswith("text/vtt")
    assert captions.content.decode().startswith("WEBVTT")
    assert "Transcript" in html and "This is what is said." in html


def test_audio_lesson_shows_its_transcript(client, course):
    html = client.get(LessonPage.objects.get(slug="lesson-1-1").url).content.decode()
    assert "<audio" in html
    assert 'id="transcript-heading"' in html
    assert "This is what is said." in html


def test_lesson_page_has_breadcrumbs_and_neighbours_across_modules(client, course):
    last_of_first_module = LessonPage.objects.get(slug="lesson-1-2")
    html = client.get(last_of_first_module.url).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert ">Test course</a>" in html and ">Module title 1</a>" in html
    assert "Previous lesson" in html and "Lesson 1 1" in html
    assert "Next lesson" in html and "Lesson 2 0" in html


def test_draft_lessons_are_not_listed_and_their_captions_are_not_served(client, course):
    lesson = LessonPage.objects.get(slug="lesson-1-0")
    lesson.unpublish()
    assert "Lesson 1 0" not in client.get("/").content.decode()
    assert client.get(f"/lessons/{lesson.pk}/captions/en.vtt").status_code == 404
    assert client.get(f"/lessons/{lesson.pk}/captions/xx.vtt").status_code == 404


def test_a_caption_language_with_a_nul_character_names_nothing(client, course):
    lesson = LessonPage.objects.get(slug="lesson-1-0")
    assert client.get(f"/lessons/{lesson.pk}/captions/e%00n.vtt").status_code == 404


def test_anonymous_pages_make_a_fixed_number_of_queries_whatever_the_course_size(client):
    expert = ExpertFactory()
    course = make_course()
    extend_course(course, modules=2, lessons_per_module=3, experts=[expert])
    lesson = LessonPage.objects.get(slug="lesson-1-0")
    module = ModulePage.objects.get(slug="module-1")
    small = {url: page_queries(client, url) for url in ("/", lesson.url, module.url)}

    extend_course(course, modules=6, lessons_per_module=5, start=3, experts=[expert])
    for number in (1, 2):
        parent = ModulePage.objects.get(slug=f"module-{number}")
        for index in range(3, 6):
            make_lesson(parent, f"extra-{number}-{index}", experts=[ExpertFactory()])
    large = {url: page_queries(client, url) for url in ("/", lesson.url, module.url)}

    assert large == small
    # The course home reads its upcoming events (with their view restrictions), the lesson page
    # its themes, the module page its resources and its events.
    assert small["/"] <= 14, small
    assert small[lesson.url] <= 17, small
    assert small[module.url] <= 17, small


def test_unpublished_module_is_left_out_of_the_course_home(client):
    course = make_course()
    visible = make_module(course, 1)
    hidden = make_module(course, 2, title="Hidden module")
    make_lesson(visible, "seen")
    hidden.unpublish()
    html = client.get("/").content.decode()
    assert "Module title 1" in html
    assert "Hidden module" not in html


def test_course_home_shows_upcoming_live_events_only(client):
    from datetime import timedelta

    from django.utils import timezone

    from tests.events.factories import make_event, make_event_index

    course = make_course()
    index = make_event_index(course)
    make_event(index, "soon-workshop", title="Workshop soon")
    make_event(
        index, "long-ago", title="Debate long ago", start=timezone.now() - timedelta(days=30)
    )
    make_event(index, "draft-event", title="Draft event").unpublish()
    html = client.get("/").content.decode()
    assert "Live events" in html
    assert "Workshop soon" in html
    assert "Debate long ago" not in html and "Draft event" not in html
    assert 'href="/events/"' in html


def test_page_titles_name_the_site_once(client, course):
    module = ModulePage.objects.child_of(course).first()
    titles = {
        url: re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S).group(1)
        for url in (course.url, module.url, "/search/?q=city")
    }
    # The course is the site: its home is called by the course's name alone.
    assert titles[course.url] == course.title
    assert titles[module.url] == f"{module.title} · Smart Cities for City Officials"
    assert titles["/search/?q=city"].endswith(" · Smart Cities for City Officials")
    assert all(title.count("Smart Cities for City Officials") <= 1 for title in titles.values())
