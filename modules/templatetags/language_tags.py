"""The languages of a page, for templates: the language switcher, `hreflang` alternates, the
canonical link and `lang` attributes that tell the truth.

    {% load language_tags %}
    {% page_languages page as languages %}   {# None outside Wagtail pages #}
    <html lang="{{ languages.content }}">
    {% for link in languages.links %}<a href="{{ link.switch_url }}" hreflang="{{ link.code }}">…
    <li lang="{{ lesson|content_lang }}">…       {# on each page shown in a list #}
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, override

from config.languages import SWITCH_PARAMETER
from modules.content_cache import content_data
from modules.translations import content_language, is_translated, translations_by_language

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str  # the page in that language
    absolute_url: str  # the same, for hreflang
    current: bool
    translated: bool  # False: the page exists there only in its source language

    @property
    def switch_url(self) -> str:
        """The same address, telling the site to remember the choice (config/languages.py)."""
        separator = "&" if "?" in self.url else "?"
        return f"{self.url}{separator}{urlencode({SWITCH_PARAMETER: self.code})}"


@dataclass(frozen=True)
class PageLanguages:
    interface: str  # the language of the site's own words: the address's
    content: str  # the language of what the page says
    links: list[LanguageLink]
    canonical: str

    @property
    def untranslated(self) -> bool:
        return self.content != self.interface

    @property
    def alternates(self) -> list[LanguageLink]:
        """The addresses where the page is written in that language (for hreflang)."""
        return [link for link in self.links if link.translated]


def _page_addresses(request, page) -> tuple[list[tuple[str, str, bool]], str]:
    """(language, address, translated) per site language, and the canonical address."""
    found = translations_by_language(page)
    source = found.get(settings.LANGUAGE_CODE, page)
    addresses, canonical = [], None
    for code, _name in settings.LANGUAGES:
        translation = found.get(code)
        if translation is not None and translation.live:
            url = translation.get_url(request)
            translated = is_translated(translation)
        else:
            # Not in that language's tree: its address there serves the English page
            # (CoursePage.route), with a notice in the reader's language.
            with override(settings.LANGUAGE_CODE):
                url = translate_url(source.get_url(request), code)
            translated = code == settings.LANGUAGE_CODE
        addresses.append((code, url, translated))
        if code == content_language(page) and translated:
            canonical = url
    return addresses, canonical or page.get_url(request)


def _page_links(request, page, interface: str) -> tuple[list[LanguageLink], str]:
    # Read once per revision, language and content generation: a warm page pays no query.
    addresses, canonical = content_data(
        "languages", page, lambda: _page_addresses(request, page), request=request
    )
    names = dict(settings.LANGUAGES)
    links = [
        LanguageLink(
            code, names[code], url, request.build_absolute_uri(url), code == interface, translated
        )
        for code, url, translated in addresses
    ]
    return links, canonical


def _view_links(request, interface: str) -> list[LanguageLink]:
    path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        links.append(
            LanguageLink(code, name, url, request.build_absolute_uri(url), code == interface, True)
        )
    return links


@register.simple_tag(takes_context=True)
def page_languages(context, page=None):
    """The page's languages: the interface's, its content's, a link per site language, and
    its canonical address. Without a page, the view's address in each language."""
    request = context.get("request")
    interface = get_language() or settings.LANGUAGE_CODE
    if request is None:
        return PageLanguages(interface, interface, [], "")
    if page is not None and getattr(page, "translation_key", None):
        links, canonical = _page_links(request, page, interface)
        content = content_language(page)
    else:
        links, canonical, content = _view_links(request, interface), request.path, interface
    return PageLanguages(interface, content, links, request.build_absolute_uri(canonical))


@register.filter
def content_lang(page) -> str:
    """The language a page listed in another page is written in, for its `lang` attribute."""
    if getattr(page, "translation_key", None) is None:
        return get_language() or settings.LANGUAGE_CODE
    return content_language(page)
