"""Factories and a course builder for tests: real pages in a real tree, no mocks."""

import io
import json

import factory
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtailmedia.models import get_media_model

from modules.models import (
    CoursePage,
    Expert,
    LessonCaptionTrack,
    LessonPage,
    ModulePage,
    Theme,
)
from modules.seed import tree_roots_ensure

VTT = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nWelcome to the lesson.\n\n"
    "00:00:04.500 --> 00:00:09.000\n{text}\n"
)


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    name = factory.Sequence(lambda n: f"Expert {n}")
    slug = factory.Sequence(lambda n: f"expert-{n}")
    role = "Researcher"
    organisation = "University of Testing"
    biography = "Studies how cities use data."


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    description = "A theme for tests."


def make_image(title="Picture", colour="#336699"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 32), colour).save(buffer, format="PNG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name=f"{title}.png"))
    image.save()
    return image


def make_media(kind="video", title=None):
    Media = get_media_model()
    extension = "mp4" if kind == "video" else "mp3"
    media = Media(
        title=title or f"A {kind}",
        type=kind,
        duration=95.0,
        file=ContentFile(b"\x00" * 64, name=f"lecture.{extension}"),
    )
    media.save()
    return media


def make_course(title="Test course", slug="test-course", *, as_site_root=True):
    tree_roots_ensure()  # a transactional test may start from a flushed database
    root = Page.get_first_root_node()
    course = CoursePage(
        title=title,
        slug=slug,
        tagline="A course for tests.",
        introduction="<p>What the course is.</p>",
        audience="<p>Who it is for.</p>",
        questions=json.dumps([{"type": "item", "value": "Who decides?"}]),
    )
    root.add_child(instance=course)
    if as_site_root:
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": course},
        )
    return course


def make_module(course, number, *, image=None, title=None):
    module = ModulePage(
        title=title or f"Module title {number}",
        slug=f"module-{number}",
        number=number,
        summary=f"Summary of module {number}.",
        learning_outcomes=json.dumps([{"type": "item", "value": "Explain a thing."}]),
        questions=json.dumps([{"type": "item", "value": "What would you change?"}]),
        image=image,
    )
    course.add_child(instance=module)
    return module


def make_lesson(
    module,
    slug,
    *,
    kind="written",
    experts=(),
    transcript="",
    caption_text=None,
    vtt=None,
    body=None,
    title=None,
    themes=(),
):
    lesson = LessonPage(
        title=title or slug.replace("-", " ").capitalize(),
        slug=slug,
        intro=f"Introduction to {slug}.",
        duration_minutes=6 if kind == "written" else None,
        transcript=transcript,
        body=json.dumps(body or [{"type": "paragraph", "value": "<p>Body text.</p>"}]),
    )
    if kind != "written":
        lesson.media = make_media(kind)
        if not transcript:
            lesson.transcript = "Welcome to the lesson.\n\nThis is what is said."
        lesson.caption_tracks = [
            LessonCaptionTrack(
                language="en",
                vtt=vtt or VTT.format(text=caption_text or "This is what is said."),
            )
        ]
    lesson.experts = list(experts)
    lesson.themes = list(themes)
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def extend_course(course, *, modules, lessons_per_module, start=1, experts=()):
    """Add modules, each with video, audio and written lessons in turn, images and experts."""
    kinds = ["video", "audio", "written"]
    made = []
    for number in range(start, start + modules):
        module = make_module(course, number, image=make_image(f"module-{number}"))
        for index in range(lessons_per_module):
            make_lesson(
                module,
                f"lesson-{number}-{index}",
                kind=kinds[index % 3],
                experts=experts,
            )
        made.append(module)
    return made


def make_learner(
    email="learner@example.org", password="a-long-passphrase", *, verified=True, **extra
):
    """A signed-up learner with their email address, verified unless told otherwise."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(email=email, password=password, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def translate_page(page, language, **fields):
    """A published translation of `page` into `language`, its fields set from `fields` (its
    parents are copied into the language first when they are not there yet)."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language)
    translation = page.get_translation_or_none(locale)
    if translation is None or translation.alias_of_id is not None:
        translation = page.specific.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def sync_language_trees(languages=("sv", "fi", "nb", "da")):
    """What wagtail-localize does for pages created in the admin: each language's tree gets an
    alias of every English page it lacks."""
    from wagtail.models import Locale
    from wagtail_localize.synctree import synchronize_tree

    source = Locale.get_default()
    for locale in Locale.objects.filter(language_code__in=languages):
        synchronize_tree(source, locale)
