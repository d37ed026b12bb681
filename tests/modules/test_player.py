"""The lesson page's player and transcript as served, before any JavaScript runs: a named
player, a transcript of links into the lecture, chapters, the text description, and the plain
transcript when there are no captions."""

import re

import pytest
from django.utils import translation

from modules.models import LessonCaptionTrack, TrackKind
from modules.outline import LessonContent
from tests import factories

pytestmark = pytest.mark.django_db

CHAPTERS = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:04.500\nWhy it matters\n\n"
    "00:00:04.500 --> 00:00:09.000\nWhat to do\n"
)


def publish(lesson):
    lesson.save_revision().publish()
    return lesson


def test_a_video_lesson_has_a_named_player_and_a_transcript_of_links(client, module):
    lesson = factories.make_lesson(module, "talk", kind="video", caption_text="Who decides?")
    html = client.get(lesson.url).content.decode()

    assert f'aria-label="Video lecture: {lesson.title}"' in html
    lines = re.findall(
        r'<a class="cue" href="([^"]+)"[^>]*><span class="cue__time">([^<]+)</span>'
        r' <span class="cue__text">([^<]+)</span>',
        html,
    )
    assert lines == [
        ("?t=0.0#lesson-player", "0:00", "Welcome to the lesson."),
        ("?t=4.5#lesson-player", "0:04", "Who decides?"),
    ]
    # The enhancements wait for the script; the native controls do not.
    assert re.search(r'<div class="player__controls" data-player-controls hidden>', html)
    assert re.search(r"<video [^>]*controls", html)
    assert "js/player.js" in html
    speeds = re.search(r"<select data-player-rate>(.*?)</select>", html).group(1)
    assert re.findall(r'<option value="([\d.]+)"', speeds) == [
        "0.75",
        "1",
        "1.25",
        "1.5",
        "1.75",
        "2",
    ]
    assert '<option value="1" selected>1×</option>' in speeds


def test_speeds_are_written_the_readers_way(module):
    lesson = factories.make_lesson(module, "talk", kind="video")
    with translation.override("sv"):
        assert LessonContent(lesson).playback_rates[0] == ("0.75", "0,75")
    with translation.override("en"):
        assert LessonContent(lesson).playback_rates[0] == ("0.75", "0.75")


def test_a_transcript_line_opens_the_lesson_at_its_moment(client, module):
    lesson = factories.make_lesson(module, "talk", kind="video")
    html = client.get(lesson.url + "?t=4.5").content.decode()
    assert 'data-start="4.5"' in html


def test_an_audio_lesson_is_named_and_has_a_caption_line(client, module):
    lesson = factories.make_lesson(module, "listen", kind="audio")
    html = client.get(lesson.url).content.decode()
    assert f'aria-label="Audio lecture: {lesson.title}"' in html
    assert "data-player-live-caption hidden" in html


def test_several_caption_languages_offer_a_choice_and_a_transcript_each(client, module):
    lesson = factories.make_lesson(module, "talk", kind="video")
    lesson.caption_tracks.add(
        LessonCaptionTrack(language="sv", vtt=factories.VTT.format(text="Vem bestämmer?"))
    )
    publish(lesson)
    html = client.get(lesson.url).content.decode()
    select = re.search(r"<select data-player-language>(.*?)</select>", html).group(1)
    assert re.findall(r'<option value="(\w*)"', select) == ["en", "sv", ""]
    assert 'data-transcript-lines data-language="sv" hidden' in html
    assert '<ol class="transcript__cues" lang="sv">' in html
    assert "Vem bestämmer?" in html


def test_chapters_and_the_text_description_are_shown(client, module):
    lesson = factories.make_lesson(module, "talk", kind="video")
    lesson.caption_tracks.add(LessonCaptionTrack(kind=TrackKind.CHAPTERS, vtt=CHAPTERS))
    lesson.text_description = "<p>The slide shows a map of bus lines.</p>"
    publish(lesson)
    html = client.get(lesson.url).content.decode()
    chapters = re.search(r'<ol class="chapters__list">(.*?)</ol>', html).group(1)
    assert re.findall(r'href="([^"]+)"', chapters) == [
        "?t=0.0#lesson-player",
        "?t=4.5#lesson-player",
    ]
    assert "What to do" in chapters
    assert "Text description of the slides" in html
    assert "a map of bus lines" in html


def test_without_captions_the_transcript_stays_paragraphs(client, module):
    lesson = factories.make_lesson(module, "talk", kind="video", transcript="First.\n\nSecond.")
    lesson.caption_tracks = []
    publish(lesson)
    html = client.get(lesson.url).content.decode()
    assert "<p>First.</p><p>Second.</p>" in html
    assert 'class="cue"' not in html


def test_a_written_lesson_loads_no_player(client, module):
    lesson = factories.make_lesson(module, "read")
    html = client.get(lesson.url).content.decode()
    assert "js/player.js" not in html
    assert "lesson-player" not in html
