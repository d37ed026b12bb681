"""A module's length has one source: the sum of its live lessons' durations (a written lesson's
reading time, the media's own length otherwise). The course home and the module page say the
same thing, and the demo's reading times are ones a reader could keep to."""

import math
import re

import pytest
from django.utils import translation

from modules.demo import content
from modules.outline import ModuleContent, course_outline
from modules.templatetags.course_tags import minutes
from tests.factories import make_course, make_lesson, make_module

pytestmark = pytest.mark.django_db

META = re.compile(r'<p class="(?:meta|module-card__meta)">([^<]*)</p>')


def lengths_shown(html: str) -> list[str]:
    return [text.split(" · ")[-1] for text in META.findall(html) if " · " in text]


@pytest.fixture
def module():
    course = make_course()
    module = make_module(course, 1)
    make_lesson(module, "watch", kind="video")  # a 95-second lecture
    make_lesson(module, "read", kind="written")  # six minutes of reading
    return module


def test_course_home_and_module_page_give_the_same_length(client, module):
    course_home = client.get("/").content.decode()
    module_page = client.get(module.url).content.decode()
    # 95 s + 360 s = 455 s, rounded up to the minute on both pages.
    assert lengths_shown(course_home) == ["8 min"]
    assert lengths_shown(module_page) == ["8 min"]
    assert "about" not in module_page.split('class="meta"')[1].split("</p>")[0]


def test_the_length_follows_the_lessons_that_are_live(client, module):
    audio = make_lesson(module, "listen", kind="audio")  # another 95 s: 550 s
    assert lengths_shown(client.get(module.url).content.decode()) == ["10 min"]
    assert lengths_shown(client.get("/").content.decode()) == ["10 min"]

    audio.unpublish()
    assert lengths_shown(client.get(module.url).content.decode()) == ["8 min"]
    assert lengths_shown(client.get("/").content.decode()) == ["8 min"]


def test_module_content_and_course_outline_agree(module):
    (entry,) = course_outline(module.get_parent(), images=False)
    assert entry.total_seconds == ModuleContent(module).total_seconds == 95 + 6 * 60


def test_a_module_without_timed_lessons_shows_no_length(client):
    module = make_module(make_course(), 1)
    assert lengths_shown(client.get(module.url).content.decode()) == []


def _words(value) -> int:
    if isinstance(value, str):
        return len(re.sub(r"<[^>]+>", " ", value).split())
    if isinstance(value, dict):
        return sum(_words(item) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(_words(item) for item in value)
    return 0


@pytest.mark.parametrize(
    "lesson",
    [
        lesson
        for module in content.MODULES
        for lesson in module["lessons"]
        if lesson["kind"] == "written"
    ],
    ids=lambda lesson: lesson["slug"],
)
def test_demo_reading_times_are_realistic(lesson):
    """Between 120 and 250 words a minute: careful reading, often in a second language."""
    words = _words(lesson["intro"]) + _words(lesson["body"])
    minutes = lesson["reading_minutes"]
    assert math.ceil(words / 250) <= minutes <= math.ceil(words / 120), (words, minutes)


def test_demo_modules_carry_no_length_of_their_own():
    assert all("minutes" not in module for module in content.MODULES)


@pytest.mark.parametrize(
    ("language", "hour_and_minutes", "hours"),
    [("en", "1 h 5 min", "2 h"), ("sv", "1 tim 5 min", "2 tim"), ("fi", "1 t 5 min", "2 t")],
)
def test_a_length_over_an_hour_is_written_in_the_readers_abbreviations(
    language, hour_and_minutes, hours
):
    with translation.override(language):
        assert minutes(65 * 60) == hour_and_minutes
        assert minutes(2 * 3600) == hours
        assert minutes(95) == "2 min"
