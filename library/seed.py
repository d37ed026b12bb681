"""Adds the resource library to the demo course: the library page, one resource for each
reading that `modules.seed` has stored as a Wagtail document, and UN-Habitat's eight
publications on people-centred smart cities, read on the publisher's site.

Create-only and idempotent, like `modules.seed`: the library and each resource are found by slug
and only what is missing is created, so a second run writes nothing and an editor's changes are
never overwritten. Run it after `seed_demo`; without the demo course it does nothing.
"""

from django.db import transaction
from django.utils.text import Truncator
from wagtail.documents import get_document_model

from library import demo
from library.models import ResourceIndexPage, ResourcePage
from modules.demo import content
from modules.models import CoursePage, Expert, ModulePage, Theme


@transaction.atomic
def seed_library(report) -> None:
    course = CoursePage.objects.filter(slug=content.COURSE["slug"]).first()
    if course is None:
        return
    library = _library_page(course, report)
    titles = {data["key"]: data["title"] for data in content.DOCUMENTS}
    Document = get_document_model()
    for data in demo.RESOURCES:
        if ResourcePage.objects.child_of(library).filter(slug=data["slug"]).exists():
            continue
        title = titles[data["document"]]
        document = Document.objects.filter(title=title).first()
        if document is None:  # the reading was removed by an editor: leave it out
            continue
        _resource(course, library, document, title, data)
        report.add(f"resource {title}")
    for data in demo.PUBLICATIONS:
        if ResourcePage.objects.child_of(library).filter(slug=data["slug"]).exists():
            continue
        _resource(course, library, None, data["title"], _publication(data))
        report.add(f"resource {data['title']}")


def _publication(data: dict) -> dict:
    """A UN-Habitat publication, read on the publisher's site: no year or licence is given."""
    return {
        **data,
        "external_url": data["url"],
        "year": None,
        "publisher": demo.UN_HABITAT,
        "language": "en",
        "licence": "",
        "authors": [],
    }


def _library_page(course: CoursePage, report) -> ResourceIndexPage:
    library = ResourceIndexPage.objects.child_of(course).filter(slug=demo.LIBRARY["slug"]).first()
    if library is None:
        library = ResourceIndexPage(
            title=demo.LIBRARY["title"],
            slug=demo.LIBRARY["slug"],
            introduction=demo.LIBRARY["introduction"],
        )
        course.add_child(instance=library)
        library.save_revision().publish()
        report.add(f"library {library.title}")
    return library


def _resource(course, library, document, title: str, data: dict) -> ResourcePage:
    resource = ResourcePage(
        title=title,
        slug=data["slug"],
        document=document,
        external_url=data.get("external_url", ""),
        resource_type=data["resource_type"],
        year=data["year"],
        publisher=data["publisher"],
        language=data["language"],
        licence=data["licence"],
        summary=data["summary"],
        search_description=Truncator(data["summary"].split("\n")[0]).chars(255),
    )
    resource.themes = list(Theme.objects.source().filter(slug__in=data["themes"]))
    resource.related_modules = list(
        ModulePage.objects.child_of(course).filter(number__in=data["modules"])
    )
    resource.authors = list(Expert.objects.source().filter(slug__in=data["authors"]))
    library.add_child(instance=resource)
    resource.save_revision().publish()
    return resource
