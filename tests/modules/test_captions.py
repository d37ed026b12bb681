import pytest
from django.core.exceptions import ValidationError

from modules.captions import parse_vtt


def test_parses_cues_with_and_without_identifiers_and_hours():
    cues = parse_vtt(
        "WEBVTT\n\nNOTE made by hand\n\n1\n00:00:01.000 --> 00:00:03.500\nFirst <b>line</b>\n"
        "continues\n\n01:02:03.250 --> 01:02:04.000 align:start\nSecond\n"
    )
    assert [(c.start, c.end, c.text) for c in cues] == [
        (1.0, 3.5, "First line continues"),
        (3723.25, 3724.0, "Second"),
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("00:00:01.000 --> 00:00:02.000\nNo header", "Line 1: a WebVTT file must start"),
        ("WEBVTT\n\n00:00:01 --> 00:00:02\nBad timing", "Line 3, cue 1: .* not valid WebVTT"),
        (
            "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nBackwards",
            "Line 3, cue 1: the end time 00:00:02.000 is before the start 00:00:05.000",
        ),
        ("WEBVTT\n", "no cues"),
    ],
)
def test_rejects_broken_captions_with_a_reason(source, message):
    with pytest.raises(ValidationError, match=message):
        parse_vtt(source)
