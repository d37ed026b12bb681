"""Builds the demo course from `modules.demo.content` and the files shipped beside it.

Safe to run any number of times: everything is found by a stable key (slug, title or name) and
only what is missing is created. Nothing that exists is changed, so an editor's work on the demo
course is never overwritten and a second run writes nothing.
"""

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.html import escape
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site, Workflow, WorkflowPage
from wagtail_localize.models import LocaleSynchronization
from wagtailmedia.models import get_media_model

from mediapipeline.services import media_process
from modules.captions import parse_vtt
from modules.demo import content
from modules.licences import Licence
from modules.models import (
    CoursePage,
    Expert,
    LessonCaptionTrack,
    LessonPage,
    ModulePage,
    Theme,
)

DEMO_DIR = Path(content.__file__).resolve().parent
MEDIA_DIR = DEMO_DIR / "media"
DOCUMENTS_DIR = DEMO_DIR / "documents"
WORKFLOW_NAME = "Course content review"
# A caption track is labelled in its own language, as players list them.
CAPTION_LABELS = {"en": "English", "sv": "Svenska", "fi": "Suomi", "nb": "Norsk", "da": "Dansk"}
# The demo lessons are published under CC BY 4.0 and credit the course and the people in them.
DEMO_LICENCE = Licence.CC_BY


def lesson_attribution(expert_names: list[str]) -> str:
    """The credit a demo lesson asks for: the course, what it is, and the experts heard in it."""
    credit = (
        f"{content.COURSE['title']}, a free and open online course on smart cities "
        "from a social science perspective"
    )
    if expert_names:
        credit += ", with " + " and ".join(expert_names)
    return credit + "."


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.created.append(what)


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


# Block ids are derived from the page and the block's place in it rather than drawn at random:
# wagtail-localize names each string of a StreamField by its block's id, so stable ids let the
# translations shipped in modules/demo/translations find their strings in every fresh database.
BLOCK_NAMESPACE = uuid.UUID("5d0c6f0e-4a51-4f0e-9d7e-2b8f4c1a6e37")


def block_id(*parts) -> str:
    return str(uuid.uuid5(BLOCK_NAMESPACE, "/".join(str(part) for part in parts)))


def _items(texts: list[str], key: str) -> str:
    return json.dumps(
        [
            {"type": "item", "value": text, "id": block_id(key, index)}
            for index, text in enumerate(texts)
        ]
    )


def _list_value(values: list, key: str) -> list[dict]:
    """A ListBlock's value in the form Wagtail stores (each item with an id), which is also
    the form wagtail-localize reads strings from."""
    return [
        {"type": "item", "value": value, "id": block_id(key, index)}
        for index, value in enumerate(values)
    ]


class DemoSeeder:
    def __init__(self):
        self.report = SeedReport()
        self.experts: dict[str, Expert] = {}
        self.themes: dict[str, Theme] = {}
        self.documents: dict[str, object] = {}

    @transaction.atomic
    def run(self) -> SeedReport:
        self.ensure_roots()
        self.seed_themes()
        self.seed_experts()
        self.seed_documents()
        course = self.seed_course()
        for module_data in content.MODULES:
            module = self.seed_module(course, module_data)
            for lesson_data in module_data["lessons"]:
                self.seed_lesson(module, lesson_data, themes=module_data["themes"])
        self.assign_workflow(course)
        return self.report

    def ensure_roots(self) -> None:
        for created in tree_roots_ensure():
            self.report.add(created)

    def seed_themes(self) -> None:
        for data in content.THEMES:
            theme, created = Theme.objects.source().get_or_create(
                slug=data["key"],
                defaults={"name": data["name"], "description": data["description"]},
            )
            if created:
                self.report.add(f"theme {theme.name}")
            self.themes[data["key"]] = theme

    def seed_experts(self) -> None:
        for data in content.EXPERTS:
            expert, created = Expert.objects.source().get_or_create(
                name=data["name"],
                defaults={
                    "slug": data["key"],
                    "role": data["role"],
                    "organisation": data["organisation"],
                    "biography": data["biography"],
                },
            )
            if created:
                self.report.add(f"expert {expert.name}")
            self.experts[data["key"]] = expert

    def seed_documents(self) -> None:
        Document = get_document_model()
        for data in content.DOCUMENTS:
            document = Document.objects.filter(title=data["title"]).first()
            if document is None:
                with (DOCUMENTS_DIR / data["file"]).open("rb") as handle:
                    document = Document(title=data["title"], file=File(handle, name=data["file"]))
                    document.file_size = len(handle.read()) or None
                    handle.seek(0)
                    document.save()
                self.report.add(f"document {document.title}")
            self.documents[data["key"]] = document

    def seed_course(self) -> CoursePage:
        course = CoursePage.objects.filter(slug=content.COURSE["slug"]).first()
        if course is None:
            root = Page.get_first_root_node()
            course = CoursePage(
                title=content.COURSE["title"],
                slug=content.COURSE["slug"],
                tagline=content.COURSE["tagline"],
                introduction=_paragraphs(content.COURSE["introduction"]),
                audience=_paragraphs(content.COURSE["audience"]),
                questions=_items(content.COURSE["questions"], "course/questions"),
                search_description=content.COURSE["tagline"],
            )
            root.add_child(instance=course)
            course.save_revision().publish()
            self.report.add(f"course {course.title}")
            self.make_site_root(course)
        return course

    def make_site_root(self, course: CoursePage) -> None:
        """Serve the course at the site's root, retiring Wagtail's placeholder welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=course, is_default_site=True
            )
            return
        previous = site.root_page
        site.root_page = course
        site.save()
        if previous.specific_class is Page and previous.is_leaf():
            previous.delete()

    def seed_module(self, course: CoursePage, data: dict) -> ModulePage:
        module = ModulePage.objects.child_of(course).filter(slug=data["slug"]).first()
        if module is not None:
            return module
        module = ModulePage(
            title=data["title"],
            slug=data["slug"],
            number=data["number"],
            summary=data["summary"],
            learning_outcomes=_items(data["outcomes"], f"{data['slug']}/learning_outcomes"),
            questions=_items(data["questions"], f"{data['slug']}/questions"),
            search_description=data["summary"],
        )
        course.add_child(instance=module)
        module.save_revision().publish()
        self.report.add(f"module {data['number']}")
        return module

    def media_for_lesson(self, data: dict):
        Media = get_media_model()
        stem = data["media"]
        title = f"{data['title']} ({data['kind']})"
        media = Media.objects.filter(title=title).first()
        if media is not None:
            return media
        extension = "mp4" if data["kind"] == "video" else "mp3"
        cues = parse_vtt(self.captions_for(stem))
        with (MEDIA_DIR / f"{stem}.{extension}").open("rb") as handle:
            media = Media(
                title=title,
                type=data["kind"],
                duration=round(cues[-1].end, 1),
                file=File(handle, name=f"{stem}.{extension}"),
            )
            if data["kind"] == "video":
                media.width, media.height = 640, 360
            media.save()
        # The pipeline in place (a fraction of a second per small demo file, nothing to
        # transcode): the demo lessons are publishable at once, with posters and audio versions.
        media_process(media=media)
        self.report.add(f"media {stem}.{extension}")
        return media

    @staticmethod
    def captions_for(stem: str) -> str:
        return (MEDIA_DIR / f"{stem}.en.vtt").read_text(encoding="utf-8")

    def seed_lesson(self, module: ModulePage, data: dict, *, themes: list[str]) -> LessonPage:
        lesson = LessonPage.objects.child_of(module).filter(slug=data["slug"]).first()
        if lesson is not None:
            return lesson
        lesson = LessonPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            duration_minutes=data.get("reading_minutes"),
            body=json.dumps(
                [
                    self.block(kind, value, key=f"{data['slug']}/body/{index}")
                    for index, (kind, value) in enumerate(data["body"])
                ]
            ),
            search_description=data["intro"],
            licence=DEMO_LICENCE,
            attribution=lesson_attribution([self.experts[key].name for key in data["experts"]]),
        )
        if data["media"]:
            lesson.media = self.media_for_lesson(data)
            lesson.transcript = transcript_text(data["script"])
            lesson.caption_tracks = [
                LessonCaptionTrack(
                    language=language,
                    label=CAPTION_LABELS[language],
                    vtt=path.read_text(encoding="utf-8"),
                )
                for language, path in caption_files(data["media"])
            ]
        lesson.experts = [self.experts[key] for key in data["experts"]]
        lesson.themes = [self.themes[key] for key in themes]
        module.add_child(instance=lesson)
        lesson.save_revision().publish()
        self.report.add(f"lesson {data['slug']}")
        return lesson

    def block(self, kind: str, value, *, key: str) -> dict:
        if kind == "downloads":
            value = {
                "heading": value["heading"],
                "documents": _list_value(
                    [self.documents[name].pk for name in value["documents"]], f"{key}/documents"
                ),
            }
        elif kind == "interview":
            value = {
                **value,
                "expert": self.experts[value["expert"]].pk,
                "exchanges": _list_value(value["exchanges"], f"{key}/exchanges"),
            }
        return {"type": kind, "value": value, "id": block_id(key)}

    def assign_workflow(self, course: CoursePage) -> None:
        workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
        if workflow is None or WorkflowPage.objects.filter(page=course).exists():
            return
        WorkflowPage.objects.create(page=course, workflow=workflow)
        self.report.add(f"workflow {WORKFLOW_NAME} on the course")


def tree_roots_ensure() -> list[str]:
    """Recreate what Wagtail's migrations make (default locale, root collection, root page) and
    what modules/0005_locales adds (a locale per language, kept in step with English) if a flush
    has removed it. Returns what it had to create."""
    created = []
    source, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    for code, _name in settings.LANGUAGES:
        if code != source.language_code and not Locale.objects.filter(language_code=code).exists():
            locale = Locale.objects.create(language_code=code)
            LocaleSynchronization.objects.create(locale=locale, sync_from=source)
            created.append(f"locale {code}")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
        created.append("root collection")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
        created.append("root page")
    return created


def caption_files(stem: str) -> list[tuple[str, Path]]:
    """The caption files shipped for a media file, `<stem>.<language>.vtt`, English first."""
    return [
        (language, MEDIA_DIR / f"{stem}.{language}.vtt")
        for language, _name in settings.LANGUAGES
        if (MEDIA_DIR / f"{stem}.{language}.vtt").exists()
    ]


def transcript_text(sentences: list[str], per_paragraph: int = 3) -> str:
    """Group a script's sentences into paragraphs separated by blank lines."""
    paragraphs = [
        " ".join(sentences[start : start + per_paragraph])
        for start in range(0, len(sentences), per_paragraph)
    ]
    return "\n\n".join(paragraphs)


def seed_demo() -> SeedReport:
    return DemoSeeder().run()
