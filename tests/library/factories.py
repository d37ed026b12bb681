"""Builders for the library's tests: real documents, resource pages, events and private pages."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from library.models import ResourceIndexPage, ResourcePage


def make_document(title="A report", *, size=2048, extension="pdf"):
    document = get_document_model()(
        title=title, file=ContentFile(b"%PDF" + b"0" * (size - 4), name=f"file.{extension}")
    )
    document.file_size = size
    document.save()
    return document


def make_library(course, *, slug="library", title="Resource library"):
    library = ResourceIndexPage(title=title, slug=slug, introduction="<p>Things to read.</p>")
    course.add_child(instance=library)
    library.save_revision().publish()
    return library


def make_resource(
    library,
    slug,
    *,
    title=None,
    resource_type="toolkit",
    year=2024,
    publisher="City of Testing",
    language="en",
    licence="cc-by-4.0",
    licence_other="",
    themes=(),
    modules=(),
    authors=(),
    document=None,
    summary=None,
    live=True,
):
    resource = ResourcePage(
        title=title or slug.replace("-", " ").capitalize(),
        slug=slug,
        document=document or make_document(f"File for {slug}"),
        resource_type=resource_type,
        year=year,
        publisher=publisher,
        language=language,
        licence=licence,
        licence_other=licence_other,
        summary=summary or f"What {slug} is about.\nA second paragraph.",
        live=live,
    )
    resource.themes = list(themes)
    resource.related_modules = list(modules)
    resource.authors = list(authors)
    library.add_child(instance=resource)
    revision = resource.save_revision()
    if live:
        revision.publish()
    return resource


def make_private(page):
    """Put a page behind a password: it stays live but is no longer public."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def make_event_index(course):
    from events.models import EventIndexPage

    index = EventIndexPage(title="Events", slug="events")
    course.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_event(
    index, slug, *, start, hours=2, kind="workshop", speakers=(), themes=(), live=True, title=None
):
    from datetime import timedelta

    from events.models import EventPage

    event = EventPage(
        title=title or slug.replace("-", " ").capitalize(),
        slug=slug,
        kind=kind,
        summary=f"What happens at {slug}.",
        start=start,
        end=start + timedelta(hours=hours),
        timezone="Europe/Oslo",
        event_format="online",
        online_url="https://meet.example.org/room",
        live=live,
    )
    event.speakers = list(speakers)
    event.themes = list(themes)
    index.add_child(instance=event)
    revision = event.save_revision()
    if live:
        revision.publish()
    return event
