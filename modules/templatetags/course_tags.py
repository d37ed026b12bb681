"""Small formatting helpers for course templates."""

import math

from django import template
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
def clock(seconds) -> str:
    """A media timestamp: 0:45, 12:03, 1:02:03."""
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


@register.simple_tag
def lesson_count(count: int) -> str:
    return ngettext("%(n)d lesson", "%(n)d lessons", count) % {"n": count}
