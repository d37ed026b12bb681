"""What a visitor typed, reduced to words a full-text search can use."""

import re

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w[\w'’-]*")


def truncate_query(query: str) -> tuple[str, bool]:
    """The query cut to its first 200 characters, at a word's end; and whether it was cut."""
    query = query.strip()
    if len(query) <= MAX_QUERY_LENGTH:
        return query, False
    cut = query[:MAX_QUERY_LENGTH]
    if not query[MAX_QUERY_LENGTH].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.strip(), True


def normalise_query(query: str) -> str:
    """Keep words, each once; drop characters that mean nothing to a reader's search."""
    query, _ = truncate_query(query)
    return " ".join(dict.fromkeys(WORD.findall(query)))


def query_words(query: str) -> list[str]:
    """The query's words, lower-cased, for matching inside captions."""
    return [word.lower().strip("'’-") for word in WORD.findall(query) if word.strip("'’-")]
