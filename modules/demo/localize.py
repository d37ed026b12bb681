"""The demo course in the other site languages: Swedish and Finnish translations of the course
home, the navigation pages and module 1, per-language captions for module 1's lectures, and
the whole page tree in every synchronised locale.

The translations are wagtail-localize PO files, one per page and language, under
`modules/demo/translations/<language>/<page key>.po`: the strings a translator receives when
the page is exported from the translation editor, with their msgstr filled in. Seeding imports
them into a wagtail-localize `Translation` and saves its target, so the translated pages are
ordinary translations an editor opens and changes in the translation editor.

The strings are matched by their text and their place (msgctxt: the field, or the StreamField
block, whose ids modules.seed derives from the page and the block's position). When the English
demo text changes, export the page's strings again (`TranslationSource.get_or_create_from_instance`
then `export_po()`) and translate the new msgids; until then the page stays an English alias and
the seed says so, rather than publishing a page in two languages.

Create-only, like the rest of the seed: a page already translated (not an alias) is left alone,
a caption track that exists is not replaced, and a second run writes nothing.
"""

from collections.abc import Iterator
from pathlib import Path

import polib
from django.conf import settings
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource
from wagtail_localize.synctree import PageIndex, synchronize_tree

from events.models import EventIndexPage
from events.seed import INDEX as EVENTS_INDEX
from library import demo as library_demo
from library.models import ResourceIndexPage
from modules.demo import content
from modules.models import CoursePage, LessonCaptionTrack, LessonPage, ModulePage
from modules.seed import CAPTION_LABELS, caption_files

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
# The languages the demo content is translated into; the other locales show English aliases.
DEMO_LANGUAGES = ["sv", "fi"]


def translated_pages(course: CoursePage) -> Iterator[tuple[str, Page]]:
    """The English pages the demo translates, each with the key that names its PO files."""
    yield "course", course
    events = EventIndexPage.objects.child_of(course).filter(slug=EVENTS_INDEX["slug"]).first()
    if events is not None:
        yield "events", events
    library = (
        ResourceIndexPage.objects.child_of(course).filter(slug=library_demo.LIBRARY["slug"]).first()
    )
    if library is not None:
        yield "library", library
    module_data = content.MODULES[0]
    module = ModulePage.objects.child_of(course).filter(slug=module_data["slug"]).first()
    if module is None:
        return
    yield "module-1", module
    for lesson_data in module_data["lessons"]:
        lesson = LessonPage.objects.child_of(module).filter(slug=lesson_data["slug"]).first()
        if lesson is not None:
            yield f"module-1-{lesson_data['slug']}", lesson


def po_path(language: str, key: str) -> Path:
    return TRANSLATIONS_DIR / language / f"{key}.po"


def seed_translations(report) -> None:
    """Give every synchronised locale the whole tree, add module 1's caption tracks and import
    the Swedish and Finnish translations that are not there yet."""
    course = CoursePage.objects.filter(
        slug=content.COURSE["slug"], locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if course is None:
        return
    add_caption_tracks(report)
    synchronise_trees(report)
    for key, page in translated_pages(course):
        for language in DEMO_LANGUAGES:
            path = po_path(language, key)
            if path.exists():
                translate_page(page, language, path, report)


def add_caption_tracks(report) -> None:
    """Add the translated captions shipped beside the media to English lessons seeded before
    they were (a new lesson gets every track when it is created, in modules.seed).

    The tracks belong to the English lesson (they caption the same recording) and are copied
    to its translations, which synchronise the `caption_tracks` relation."""
    for module_data in content.MODULES:
        for lesson_data in module_data["lessons"]:
            if lesson_data["media"]:
                add_missing_tracks(lesson_data, report)


def add_missing_tracks(lesson_data: dict, report) -> None:
    files = dict(caption_files(lesson_data["media"]))
    lesson = LessonPage.objects.filter(
        slug=lesson_data["slug"], locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if lesson is None or len(files) < 2:
        return
    present = set(lesson.caption_tracks.values_list("language", flat=True))
    missing = [
        language
        for language in files
        if language not in present and language != settings.LANGUAGE_CODE
    ]
    if missing:
        for language in missing:
            lesson.caption_tracks.add(
                LessonCaptionTrack(
                    language=language,
                    label=CAPTION_LABELS[language],
                    vtt=files[language].read_text(encoding="utf-8"),
                )
            )
        lesson.save_revision().publish()
        resync_translations(lesson)
        report.add(f"captions {', '.join(missing)} for lesson {lesson.slug}")


def resync_translations(page: Page) -> None:
    """Carry a changed English page into translations made before the change, as the admin's
    "Sync translated pages" does."""
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None:
        return
    translations = list(source.translations.filter(enabled=True))
    if not translations:
        return
    source.update_from_db()
    for translation in translations:
        translation.save_target(publish=True)


def synchronise_trees(report) -> None:
    """Create alias pages so that every synchronised locale holds the whole tree.

    wagtail-localize does this when a page is created in the admin; pages made by code get no
    aliases, so the seed calls the same function directly (not `LocaleSynchronization.sync_trees`,
    which may hand the work to a background queue). One page index serves every locale."""
    page_index = None
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        page_index = page_index or PageIndex.from_database().sort_by_tree_position()
        missing = page_index.not_translated_into(sync.locale)
        needed = [
            entry
            for entry in missing
            if sync.locale.id not in entry.aliased_locales
            and (sync.sync_from.id in entry.locales or sync.sync_from.id in entry.aliased_locales)
        ]
        if not needed:
            continue
        synchronize_tree(sync.sync_from, sync.locale, page_index=page_index)
        report.add(f"{sync.locale.language_code} tree: {len(needed)} aliases")


def translate_page(page: Page, language: str, path: Path, report) -> None:
    """Import one page's PO file through wagtail-localize and publish the translation, unless
    the page is translated already."""
    locale = Locale.objects.get(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing is not None and existing.alias_of_id is None:
        return
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    translation.import_po(polib.pofile(str(path)), tool_name="seed_demo")
    total, translated = translation.get_progress()
    if translated < total:
        # The English page has changed since the PO file was written: publishing would mix
        # languages, so the page stays an alias for an editor to translate.
        missing = total - translated
        report.add(f"{language} translation of {page.slug} skipped: {missing} new strings")
        return
    translation.save_target(publish=True)
    report.add(f"{language} translation of {page.slug}")
