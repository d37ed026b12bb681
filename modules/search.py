"""Search over the course: modules and lessons, transcripts and captions included."""

import re

from wagtail.models import Page

from modules.models import LessonPage, ModulePage

MAX_QUERY_LENGTH = 200


def normalise_query(query: str) -> str:
    """Keep words; drop characters that mean nothing to a reader's search."""
    words = re.findall(r"\w[\w'’-]*", query)
    return " ".join(words)[:MAX_QUERY_LENGTH]


def search_course_content(query: str):
    """Live, public modules and lessons matching the query, best first, as specific pages."""
    terms = normalise_query(query)
    if not terms:
        return Page.objects.none()
    return (
        Page.objects.live()
        .public()
        .type(ModulePage, LessonPage)
        .specific()
        .search(terms, operator="and")
    )
