"""Where in a lecture a search matched: the caption cue a result can start the player at.

The full-text index says that a lesson matched, not where. The lesson's captions carry the
timing, so the words of the query are looked for cue by cue (with the next cue, for a phrase
that runs over a cue's end). A word counts fully when it appears as a whole word and half when
it is a stem of a longer one ("camera" in "cameras"), which is what the index's stemming finds
too. The cue covering most of the query wins; the earliest wins a tie.
"""

from dataclasses import dataclass

from modules.captions import Cue
from sitesearch.query import WORD

MIN_STEM = 4


@dataclass(frozen=True)
class Moment:
    start: float
    text: str


def _words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text)]


def _word_score(word: str, cue_words: list[str]) -> float:
    if word in cue_words:
        return 1.0
    stem = word[: max(MIN_STEM, len(word) - 2)]
    if len(stem) >= MIN_STEM and any(candidate.startswith(stem) for candidate in cue_words):
        return 0.5
    return 0.0


def cue_score(words: list[str], text: str) -> float:
    cue_words = _words(text)
    return sum(_word_score(word, cue_words) for word in words)


def best_moment(cues: list[Cue], words: list[str]) -> Moment | None:
    """The cue where the query's words are said, or None when no cue mentions any of them."""
    if not words:
        return None
    best, best_score = None, (0.0, 0.0)
    for index, cue in enumerate(cues):
        own = cue_score(words, cue.text)
        # The cue itself must hold one of the words, so the player lands where it is said.
        if own == 0:
            continue
        following = cues[index + 1].text if index + 1 < len(cues) else ""
        score = (cue_score(words, f"{cue.text} {following}"), own)
        if score > best_score:
            best, best_score = cue, score
    if best is None:
        return None
    return Moment(start=best.start, text=best.text)
