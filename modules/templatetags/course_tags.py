"""Small formatting helpers for course templates."""

import datetime
import functools
import math

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.filter
def minutes(seconds) -> str:
    """A length for people: "1 min", "12 min", "1 h 5 min" (units as the reader's language
    abbreviates them)."""
    if not seconds:
        return ""
    total = max(1, math.ceil(seconds / 60))
    hours, mins = divmod(total, 60)
    if hours and mins:
        return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": mins}
    if hours:
        return gettext("%(hours)d h") % {"hours": hours}
    return gettext("%(minutes)d min") % {"minutes": mins}


@register.filter
def iso_duration(seconds) -> str:
    """A length as an HTML/ISO 8601 duration for `<time datetime>`: "PT12M", "PT1H5M30S"."""
    try:
        total = max(0, round(float(seconds or 0)))
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    parts = [f"{value}{unit}" for value, unit in ((hours, "H"), (mins, "M"), (secs, "S")) if value]
    return "PT" + ("".join(parts) or "0S")


@register.filter
def iso_datetime(value) -> str:
    """A moment for `<time datetime>`: ISO 8601 to the second with its offset
    ("2026-12-01T09:30:00+01:00"). Django's "c" format keeps microseconds, which HTML does not
    accept (at most three digits of a second)."""
    if not isinstance(value, datetime.datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.filter
def clock(seconds) -> str:
    """A media timestamp: 0:45, 12:03, 1:02:03."""
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


@register.simple_tag
def lesson_count(count: int) -> str:
    return ngettext("%(n)d lesson", "%(n)d lessons", count) % {"n": count}


# The modules' illustrations are drawn by scripts/make_module_art.py, one per module number.
MODULE_ART = "img/modules/module-{number}.svg"


@functools.cache
def _module_art_exists(number: int) -> bool:
    return finders.find(MODULE_ART.format(number=number)) is not None


@register.simple_tag
def module_art(module) -> str:
    """`{% module_art module as art %}`: the static URL of the module's illustration, or "" when
    its number has none (a ninth module, before the script draws one)."""
    number = getattr(module, "number", None)
    if not number or not _module_art_exists(number):
        return ""
    return static(MODULE_ART.format(number=number))


@register.filter
def initials(name) -> str:
    """The initials shown for an expert without a photo: "Ingrid Halvorsen" -> "IH"; one name
    gives one letter. Titles and particles are skipped ("Dr. Anna de Vries" -> "AV")."""
    words = [word for word in str(name or "").replace("-", " ").split() if word[:1].isupper()]
    words = [word for word in words if not word.endswith(".")] or words
    if not words:
        return str(name or "?")[:1].upper() or "?"
    if len(words) == 1:
        return words[0][0]
    return words[0][0] + words[-1][0]


@register.simple_tag
def outline_totals(outline) -> dict:
    """`{% outline_totals content.outline as totals %}`: the course's lesson count and length."""
    return {
        "lessons": sum(len(entry.lessons) for entry in outline),
        "seconds": sum(entry.total_seconds for entry in outline),
    }
