"""Builders for the library's tests: real documents, resource pages and private pages.

Events are built with the events app's own builders (tests/events/factories.py)."""

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
    attribution="",
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
        attribution=attribution,
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
