"""Experts and themes in the reader's language: translated in the admin like pages, shown where
the English ones are pointed at, and marked with their language when none exists yet."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale

from modules.models import Expert, LessonPage, Theme
from modules.models.snippets import translated_snippets
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


def swedish(snippet, **fields):
    """The snippet's Swedish translation, as wagtail-localize saves one."""
    copy = snippet.copy_for_translation(Locale.objects.get(language_code="sv"))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


@pytest.fixture
def ada(db):
    return ExpertFactory(
        name="Ada Lund",
        slug="ada-lund",
        role="Professor",
        organisation="Urban Institute",
        biography="Studies how cities move.",
    )


def test_existing_experts_and_themes_are_english(ada, mobility):
    assert ada.locale.language_code == "en" and mobility.locale.language_code == "en"
    assert Expert.objects.filter(translation_key=ada.translation_key).count() == 1


def test_a_swedish_translation_is_shown_at_the_english_address(client, ada):
    swedish(ada, role="Professor i stadsplanering", biography="Forskar om hur städer rör sig.")
    html = client.get("/sv/experts/ada-lund/").content.decode()
    assert "Forskar om hur städer rör sig." in html
    assert "Professor i stadsplanering" in html
    assert 'lang="en"' not in html.split("<main", 1)[-1]  # nothing of it is left in English
    english = client.get("/experts/ada-lund/").content.decode()
    assert "Studies how cities move." in english and "Forskar" not in english


def test_a_translated_address_leads_to_the_same_expert(client, ada):
    swedish(ada, slug="ada-lund-sv", biography="Forskar om hur städer rör sig.")
    assert "Forskar" in client.get("/sv/experts/ada-lund-sv/").content.decode()
    assert "Forskar" in client.get("/sv/experts/ada-lund/").content.decode()
    assert client.get("/experts/ada-lund-sv/").status_code == 404  # not an English address


def test_an_untranslated_expert_is_shown_in_english_and_says_so(client, ada):
    html = client.get("/sv/experts/ada-lund/").content.decode()
    assert '<h1 lang="en">Ada Lund</h1>' in html
    assert '<div class="prose" lang="en"><p>Studies how cities move.</p></div>' in html
    assert "<h1>Ada Lund</h1>" in client.get("/experts/ada-lund/").content.decode()


def test_the_swedish_directory_lists_each_expert_once_translated(client, ada, course):
    swedish(ada, role="Professor i stadsplanering")
    ExpertFactory(name="Bo Berg", slug="bo-berg")
    html = client.get("/sv/experts/").content.decode()
    assert html.count("Ada Lund") == 1 and "Professor i stadsplanering" in html
    assert html.count("Bo Berg") == 1


def test_theme_tags_and_pages_show_swedish_names(client, course, mobility, inclusion):
    swedish(mobility, name="Rörlighet", slug="rorlighet", description="Att röra sig i staden.")
    lesson = LessonPage.objects.filter(locale__language_code="en").first()
    lesson.themes = [mobility, inclusion]
    lesson.save_revision().publish()
    alias = lesson.copy_for_translation(
        Locale.objects.get(language_code="sv"), copy_parents=True, alias=True
    )
    html = client.get(alias.url).content.decode()
    assert 'href="/sv/themes/rorlighet/">Rörlighet</a>' in html
    assert 'href="/sv/themes/inclusion/" lang="en">Inclusion</a>' in html  # not translated yet

    listing = client.get("/sv/themes/").content.decode()
    assert "Rörlighet" in listing and "Att röra sig i staden." in listing
    page = client.get("/sv/themes/rorlighet/").content.decode()
    assert "<h1>Rörlighet</h1>" in page
    assert "Rörlighet" in client.get("/sv/themes/mobility/").content.decode()
    assert "<h1>Mobility</h1>" in client.get("/themes/mobility/").content.decode()


def test_translations_are_looked_up_in_one_query(ada, mobility, django_assert_num_queries):
    bo = ExpertFactory(name="Bo Berg", slug="bo-berg")
    swedish(ada, role="Professor i stadsplanering")
    experts = [ada, bo]
    with django_assert_num_queries(0):
        assert translated_snippets(experts, language="en") == experts
    with django_assert_num_queries(1):
        shown = translated_snippets(experts, language="sv")
    with django_assert_num_queries(0):
        assert [e.role for e in shown] == ["Professor i stadsplanering", "Researcher"]
        assert [e.content_language for e in shown] == ["sv", "en"]
    with translation.override("sv"), django_assert_num_queries(1):
        assert translated_snippets([mobility])[0].pk == mobility.pk  # no Swedish name yet


def test_a_translation_may_keep_the_slug_but_two_english_experts_may_not_share_one(ada):
    swedish(ada)  # same slug, other language: fine
    clash = Expert(name="Ada Other", slug="ada-lund")
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "slug" in error.value.message_dict
    other_theme = Theme(name="Mobility", slug="mobility-2", locale=Locale.get_default())
    Theme.objects.create(name="Mobility", slug="mobility")
    with pytest.raises(ValidationError):
        other_theme.full_clean()
