"""The lesson's downloads, for its cached content (modules/includes/lesson_downloads.html)."""

from django import template

from modules.downloads import lesson_downloads as downloads_of

register = template.Library()


@register.simple_tag
def lesson_downloads(page, caption_tracks):
    return downloads_of(page, caption_tracks)
