"""Finding the caption cue where a search's words are said, and starting the player there."""

import pytest

from modules.captions import Cue, start_from_query
from sitesearch.moments import best_moment
from sitesearch.query import query_words
from tests.factories import make_course, make_lesson, make_module

CUES = [
    Cue(0.0, 4.0, "Welcome to this lecture on city data."),
    Cue(4.0, 9.5, "Residents kept a ledger of every streetlight"),
    Cue(9.5, 14.0, "camera the council had installed."),
    Cue(14.0, 20.0, "Cameras were later removed from two squares."),
]


def test_the_cue_holding_the_whole_phrase_wins():
    moment = best_moment(CUES, query_words("ledger of every streetlight"))
    assert moment.start == 4.0
    assert "ledger" in moment.text


def test_a_phrase_running_over_a_cue_end_starts_where_it_begins():
    assert best_moment(CUES, query_words("streetlight camera")).start == 4.0


def test_a_stem_finds_a_longer_word():
    assert best_moment(CUES, query_words("removed cameras")).start == 14.0
    assert best_moment(CUES, query_words("lectures")).start == 0.0


def test_words_said_nowhere_give_no_moment():
    assert best_moment(CUES, query_words("participatory budgeting")) is None
    assert best_moment(CUES, []) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("83.5", 83.5),
        ("12", 12.0),
        (None, None),
        ("", None),
        ("abc", None),
        ("-4", None),
        ("0", None),
        ("nan", None),
        ("inf", None),
        ("95", None),
        ("400", None),
    ],
)
def test_a_start_time_in_the_address_must_fall_inside_the_media(value, expected):
    assert start_from_query(value, 95.0) == expected


@pytest.mark.django_db
def test_a_lesson_opened_at_a_moment_starts_its_player_there(client):
    module = make_module(make_course(), 1)
    make_lesson(module, "talk", kind="video")
    html = client.get("/module-1/talk/", {"t": "4.5"}).content.decode()
    assert 'data-start="4.5"' in html
    assert "#t=4.5" in html  # the media fragment starts the player even without JavaScript
    assert "The player starts at 0:04" in html

    html = client.get("/module-1/talk/", {"t": "nonsense"}).content.decode()
    assert "data-start" not in html
    assert "#t=" not in html
