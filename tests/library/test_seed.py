"""`seed_library` adds the library and a resource per demo reading; a second run adds nothing."""

import pytest
from wagtail.models import Page, Revision

from library.demo import PUBLICATIONS, RESOURCES
from library.models import ResourceIndexPage, ResourcePage
from library.seed import seed_library
from modules.demo import content
from modules.seed import SeedReport, seed_demo

pytestmark = pytest.mark.django_db


def test_seed_library_builds_the_library_once(client):
    seed_demo()
    report = SeedReport()
    seed_library(report)
    library = ResourceIndexPage.objects.get()
    assert library.live and library.url == "/library/"
    resources = ResourcePage.objects.child_of(library).live()
    assert len(content.DOCUMENTS) == len(RESOURCES) == 6 and len(PUBLICATIONS) == 8
    assert resources.count() == 14
    assert report.created[0] == "library Resource library"
    assert len(report.created) == 15
    for resource in resources.filter(document__isnull=False):
        assert resource.document.title == resource.title
        assert resource.themes.exists() and resource.related_modules.exists()
        assert resource.summary and resource.publisher and 2000 < resource.year < 2100
    charter = resources.get(slug="people-centred-charter")
    assert charter.get_resource_type_display() == "Policy or strategy"
    assert [module.number for module in charter.related_modules.order_by("number")] == [1, 8]
    assert list(charter.authors.values_list("slug", flat=True)) == ["ingrid-halvorsen"]

    pages, revisions = Page.objects.count(), Revision.objects.count()
    again = SeedReport()
    seed_library(again)
    assert again.created == []
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)

    # The seeded library is a working page with every resource, filterable by theme.
    html = client.get("/library/").content.decode()
    assert "14 resources" in html
    html = client.get("/library/?theme=mobility").content.decode()
    assert "2 resources match your filters" in html
    assert client.get("/themes/data-and-privacy/").status_code == 200
    assert (
        "Data, Privacy and Digital Rights" in client.get("/experts/amira-haddad/").content.decode()
    )


def test_an_editors_change_survives_a_second_run():
    seed_demo()
    seed_library(SeedReport())
    resource = ResourcePage.objects.get(slug="smart-city-glossary")
    resource.publisher = "Edited by hand"
    resource.save_revision().publish()
    seed_library(SeedReport())
    assert ResourcePage.objects.get(slug="smart-city-glossary").publisher == "Edited by hand"


def test_without_the_demo_course_it_does_nothing():
    report = SeedReport()
    seed_library(report)
    assert report.created == [] and not ResourceIndexPage.objects.exists()
