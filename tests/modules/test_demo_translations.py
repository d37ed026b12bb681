"""`seed_demo` in the other languages: the course home, the navigation pages and module 1 in
Swedish and Finnish through wagtail-localize, module 1's captions per language, and the whole
tree (English aliases) in every synchronised locale."""

import re
from io import StringIO

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation

from modules.captions import parse_vtt
from modules.demo import content
from modules.demo.localize import DEMO_LANGUAGES, TRANSLATIONS_DIR, po_path
from modules.models import CoursePage, LessonCaptionTrack, LessonPage, ModulePage
from modules.seed import MEDIA_DIR

MODULE_1 = content.MODULES[0]
MODULE_2 = content.MODULES[1]
PAGE_KEYS = ["course", "events", "library", "module-1"] + [
    f"module-1-{lesson['slug']}" for lesson in MODULE_1["lessons"]
]
CAPTIONED = [lesson for lesson in MODULE_1["lessons"] if lesson["media"]]


def seed() -> str:
    """Run the command as it runs for real: its translations are published on commit."""
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seeded site, built once for the tests of this module (seeding every language takes
    a while) and rolled back after them; each test still runs in its own savepoint."""
    with django_db_blocker.unblock():
        ContentType.objects.clear_cache()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield seed()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def below_course(url_path: str) -> str:
    """A page's path below its course: the course pages of the locales are siblings under the
    tree's root, so Wagtail gives them distinct slugs, but the site serves each from its root."""
    return url_path.split("/", 2)[2]


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def snapshot():
    return {
        "pages": list(
            Page.objects.order_by("path").values_list("path", "title", "live", "alias_of")
        ),
        "revisions": Revision.objects.count(),
        "translations": Translation.objects.count(),
        "captions": sorted(LessonCaptionTrack.objects.values_list("page_id", "language")),
    }


@pytest.mark.django_db
def test_the_demo_course_reads_in_swedish_and_finnish_and_falls_back_to_english(seeded, client):
    module_path = f"/{MODULE_1['slug']}/"
    lesson = MODULE_1["lessons"][0]
    lesson_path = f"{module_path}{lesson['slug']}/"

    response = client.get("/sv/")
    assert '<html lang="sv">' in response.content.decode()
    home = text_of(response)
    # The programme's name stays in English in every language (locale/glossary-terms.txt).
    assert "Smart Cities for City Officials" in title_of(home)
    assert "Kursen är i första hand skriven för kommunala tjänstepersoner" in home

    module = text_of(client.get(f"/fi{module_path}"))
    assert "Mitä varten älykäs kaupunki on?" in title_of(module)
    assert "Osaat selittää, miten yritysvetoiset määritelmät" in module

    swedish_lesson = text_of(client.get(f"/sv{lesson_path}"))
    assert "Vems smarta stad?" in title_of(swedish_lesson)
    assert "En inledande föreläsning om kursens centrala fråga" in swedish_lesson
    assert "Under många år beskrevs den smarta staden främst av teknikföretag" in swedish_lesson
    assert re.search(r'<track[^>]*srclang="sv"[^>]*label="Svenska"', swedish_lesson)

    assert "Evenemang" in title_of(text_of(client.get("/sv/events/")))
    assert "Aineistokirjasto" in title_of(text_of(client.get("/fi/library/")))

    # Module 2 is not translated: it is there in Swedish, showing its English content.
    untranslated = text_of(client.get(f"/sv/{MODULE_2['slug']}/"))
    assert MODULE_2["title"] in title_of(untranslated)


@pytest.mark.django_db
def test_translations_are_wagtail_localize_translations_with_captions_per_language(seeded, client):
    english = CoursePage.objects.get(locale__language_code="en")
    english_pages = Page.objects.descendant_of(english, inclusive=True)

    for language in ["sv", "fi", "nb", "da"]:
        locale = Locale.objects.get(language_code=language)
        in_locale = Page.objects.filter(locale=locale)
        # The whole tree, each page with the path of its English source.
        paths = in_locale.values_list("url_path", flat=True)
        english_paths = english_pages.values_list("url_path", flat=True)
        assert sorted(map(below_course, paths)) == sorted(map(below_course, english_paths))
        translated = in_locale.filter(alias_of__isnull=True).count()
        assert translated == (len(PAGE_KEYS) if language in DEMO_LANGUAGES else 0)

    for language in DEMO_LANGUAGES:
        assert Translation.objects.filter(target_locale__language_code=language).count() == len(
            PAGE_KEYS
        )
        for data in CAPTIONED:
            source = LessonPage.objects.get(slug=data["slug"], locale__language_code="en")
            translated = source.get_translation(Locale.objects.get(language_code=language))
            assert translated.alias_of_id is None and translated.live
            assert not translated.has_unpublished_changes
            assert set(translated.caption_tracks.values_list("language", flat=True)) == {
                "en",
                "sv",
                "fi",
            }
            track = translated.caption_tracks.get(language=language)
            assert track.vtt == (MEDIA_DIR / f"{data['media']}.{language}.vtt").read_text()

    editor = get_user_model().objects.create_superuser("translator@example.org", "pw")
    client.force_login(editor)
    swedish_home = english.get_translation(Locale.objects.get(language_code="sv"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[swedish_home.pk]))
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [
        template.name for template in response.templates
    ]


@pytest.mark.django_db
def test_seeding_twice_changes_nothing(seeded):
    assert "sv translation of what-is-a-smart-city-for" in seeded
    before = snapshot()

    output = seed()

    assert "nothing to add" in output
    assert snapshot() == before


PROGRAMME_NAME = "Smart Cities for City Officials"


@pytest.mark.parametrize("language", DEMO_LANGUAGES)
def test_every_string_of_every_demo_page_is_translated(language):
    keys = sorted(path.stem for path in (TRANSLATIONS_DIR / language).glob("*.po"))
    assert keys == sorted(PAGE_KEYS)
    for key in keys:
        po = polib.pofile(str(po_path(language, key)))
        assert po.metadata.get("Language") == language, key
        for entry in po:
            assert entry.msgstr.strip(), f"{language}/{key}.po: {entry.msgctxt} is not translated"
            assert not entry.fuzzy, f"{language}/{key}.po: {entry.msgctxt} is fuzzy"
            # A name stays a name: a quote's attribution, and the programme's own name, which
            # stays in English in every language (locale/glossary-terms.txt).
            if not entry.msgctxt.endswith(".attribution") and entry.msgid != PROGRAMME_NAME:
                assert entry.msgstr != entry.msgid, f"{language}/{key}.po: {entry.msgctxt}"
            # Inline markup (links, line breaks) survives translation.
            assert re.findall(r"<[^>]+>", entry.msgstr) == re.findall(r"<[^>]+>", entry.msgid)


@pytest.mark.parametrize("language", DEMO_LANGUAGES)
@pytest.mark.parametrize("lesson", CAPTIONED, ids=lambda lesson: lesson["media"])
def test_translated_captions_keep_the_english_timings(language, lesson):
    english = parse_vtt((MEDIA_DIR / f"{lesson['media']}.en.vtt").read_text())
    translated = parse_vtt((MEDIA_DIR / f"{lesson['media']}.{language}.vtt").read_text())
    assert [(cue.start, cue.end) for cue in translated] == [(cue.start, cue.end) for cue in english]
    # The transcript is the captions' words, paragraph by paragraph.
    transcript = next(
        entry.msgstr
        for entry in polib.pofile(str(po_path(language, f"module-1-{lesson['slug']}")))
        if entry.msgctxt == "transcript"
    )
    assert transcript.replace("<br/><br/>", " ") == " ".join(cue.text for cue in translated)


def test_module_pages_keep_their_english_slug_in_every_language():
    """Slugs are synchronised, so a page's path is the same in every language."""
    from wagtail_localize.fields import get_translatable_fields

    for model in (CoursePage, ModulePage, LessonPage):
        fields = {field.field_name: field for field in get_translatable_fields(model)}
        assert not fields["slug"].is_translated(None)
        assert fields["slug"].is_synchronized(None)
    lesson_fields = {field.field_name: field for field in get_translatable_fields(LessonPage)}
    assert not lesson_fields["caption_tracks"].is_translated(None)
    assert lesson_fields["transcript"].is_translated(None)


@pytest.mark.django_db
def test_captions_added_after_a_translation_reach_it(seeded):
    """A database seeded before a caption file existed gets the track on the English lesson and,
    synchronised, on the translations already made."""
    from modules.demo.localize import resync_translations, seed_translations
    from modules.seed import SeedReport

    data = CAPTIONED[0]
    english = LessonPage.objects.get(slug=data["slug"], locale__language_code="en")
    english.caption_tracks.remove(english.caption_tracks.get(language="fi"))
    english.save_revision().publish()
    resync_translations(english)
    swedish = english.get_translation(Locale.objects.get(language_code="sv"))
    assert not swedish.caption_tracks.filter(language="fi").exists()

    report = SeedReport()
    with TestCase.captureOnCommitCallbacks(execute=True):
        seed_translations(report)

    assert report.created == [f"captions fi for lesson {data['slug']}"]
    for page in (english, swedish):
        assert LessonCaptionTrack.objects.filter(page=page, language="fi").exists()
