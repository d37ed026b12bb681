"""The resource library: what a visitor sees, how filters behave, and what a module lists."""

import pytest

from library.models import ResourcePage
from library.queries import RESOURCES_PER_PAGE, module_resources
from tests.factories import ExpertFactory, ThemeFactory
from tests.library.factories import make_document, make_private, make_resource
from tests.support import page_queries

pytestmark = pytest.mark.django_db


def test_library_lives_under_the_course_and_holds_only_resources(library, course):
    from library.models import ResourceIndexPage
    from modules.models import CoursePage

    assert ResourceIndexPage in CoursePage.allowed_subpage_models()
    assert ResourceIndexPage.allowed_parent_page_models() == [CoursePage]
    assert ResourceIndexPage.allowed_subpage_models() == [ResourcePage]
    assert ResourcePage.allowed_parent_page_models() == [ResourceIndexPage]
    assert not ResourceIndexPage.can_create_at(course)  # one library per course
    assert library.url == "/library/"


def test_each_item_shows_its_facts_and_a_download_link(client, library, mobility):
    document = make_document("Sensor report", size=3 * 1024, extension="pdf")
    make_resource(
        library,
        "sensor-report",
        title="Sensors in public space",
        resource_type="technical-report",
        year=2021,
        publisher="Institute of Streets",
        language="sv",
        licence="cc-by-sa-4.0",
        themes=[mobility],
        document=document,
    )
    response = client.get("/library/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sensors in public space" in html
    for fact in ("Technical report", "2021", "Institute of Streets", "Svenska", "CC BY-SA 4.0"):
        assert fact in html
    assert "(PDF, 3.0\xa0KB)" in html
    assert f'href="{document.url}" download' in html
    assert 'href="/themes/mobility/"' in html
    assert "1 resource" in html


def test_filter_by_type_and_theme(client, library, mobility, inclusion):
    make_resource(library, "bus-toolkit", resource_type="toolkit", themes=[mobility])
    make_resource(library, "access-policy", resource_type="policy", themes=[inclusion])
    make_resource(library, "ramp-brochure", resource_type="brochure", themes=[inclusion, mobility])

    html = client.get("/library/", {"type": "toolkit"}).content.decode()
    assert "Bus toolkit" in html and "Access policy" not in html and "Ramp brochure" not in html
    assert "1 resource matches your filters" in html
    assert 'href="/library/">Clear filters</a>' in html

    html = client.get("/library/", {"theme": "inclusion"}).content.decode()
    assert "Access policy" in html and "Ramp brochure" in html and "Bus toolkit" not in html
    assert "2 resources match your filters" in html

    # Several values of one filter widen; two filters narrow.
    html = client.get("/library/?type=toolkit&type=policy").content.decode()
    assert "Bus toolkit" in html and "Access policy" in html and "Ramp brochure" not in html
    html = client.get("/library/?type=brochure&theme=mobility").content.decode()
    assert "Ramp brochure" in html and "Bus toolkit" not in html
    # A resource carrying two of the chosen themes is listed once.
    html = client.get("/library/?theme=mobility&theme=inclusion").content.decode()
    assert html.count(">Ramp brochure</a>") == 1
    assert "3 resources match your filters" in html


def test_the_filter_form_is_labelled_checkboxes_and_remembers_choices(client, library, mobility):
    make_resource(library, "plan", resource_type="policy", themes=[mobility])
    html = client.get("/library/?type=policy&theme=mobility").content.decode()
    assert '<form class="library-filters" method="get" action="/library/"' in html
    assert "<legend>Type</legend>" in html and "<legend>Theme</legend>" in html
    assert 'type="checkbox" name="type" value="policy"' in html
    assert 'value="policy" id="id_type_3" checked' in html or (
        'value="policy"' in html and "checked" in html
    )
    assert '<label for="id_theme_0">Mobility</label>' in html
    # Only types some resource has are offered: no brochure here, so no "Brochure" option.
    assert 'value="brochure"' not in html


@pytest.mark.parametrize(
    "query",
    [
        "type=novel",
        "theme=no-such-theme",
        "type=toolkit&type=%00",
        "theme=<script>",
        "page=-4",
        "page=abc",
        "page=999",
        "type=",
    ],
)
def test_unknown_filter_values_are_ignored_with_a_normal_page(client, library, query):
    make_resource(library, "kept", resource_type="toolkit")
    response = client.get(f"/library/?{query}")
    assert response.status_code == 200
    assert "Kept" in response.content.decode()


def test_unknown_values_are_reported_but_known_ones_still_apply(client, library, mobility):
    make_resource(library, "bus-toolkit", themes=[mobility])
    make_resource(library, "other-toolkit")
    html = client.get("/library/?theme=mobility&theme=nowhere").content.decode()
    assert "were not recognised" in html
    assert "Bus toolkit" in html and "Other toolkit" not in html
    assert "were not recognised" not in client.get("/library/?theme=mobility").content.decode()


def test_pages_of_results_keep_the_filters(client, library, mobility):
    for number in range(RESOURCES_PER_PAGE + 2):
        make_resource(library, f"item-{number:02d}", themes=[mobility])
    make_resource(library, "untagged")
    html = client.get("/library/?theme=mobility").content.decode()
    assert f"{RESOURCES_PER_PAGE + 2} resources match your filters" in html
    assert 'href="?theme=mobility&amp;page=2"' in html
    second = client.get("/library/?theme=mobility&page=2").content.decode()
    assert second.count('class="resource-item"') == 2
    assert "Untagged" not in second


def test_drafts_and_private_resources_are_not_listed(client, library):
    make_resource(library, "published")
    draft = make_resource(library, "still-a-draft", live=False)
    private = make_resource(library, "behind-a-password")
    make_private(private)
    html = client.get("/library/").content.decode()
    assert "Published" in html
    assert "Still a draft" not in html and "Behind a password" not in html
    assert "1 resource" in html
    assert client.get(draft.url or "/library/still-a-draft/").status_code == 404


def test_resource_page_shows_everything(client, library, modules, mobility):
    author = ExpertFactory(name="Ada Lund", slug="ada-lund")
    first, second = modules
    second.unpublish()
    resource = make_resource(
        library,
        "charter",
        title="A charter",
        resource_type="policy",
        licence="cc0",
        themes=[mobility],
        modules=[first, second],
        authors=[author],
    )
    response = client.get(resource.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<p>What charter is about.</p>" in html and "<p>A second paragraph.</p>" in html
    assert "Policy or strategy" in html and "Public domain (CC0)" in html
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/" rel="license"' in html
    assert 'href="/themes/mobility/"' in html
    assert f'href="{first.url}"' in html and "Module 1: Module title 1" in html
    assert "Module title 2" not in html  # unpublished modules are left out
    assert 'href="/experts/ada-lund/"' in html
    assert 'aria-label="Breadcrumb"' in html and ">Resource library</a>" in html
    assert f'href="{resource.document.url}" download' in html


def test_other_licence_shows_its_name(client, library):
    resource = make_resource(
        library, "odd", licence="other", licence_other="Open Government Licence"
    )
    assert "Open Government Licence" in client.get(resource.url).content.decode()


def test_module_resources_lists_live_related_resources(library, modules, django_assert_num_queries):
    first, second = modules
    make_resource(library, "b-guide", title="B guide", modules=[first])
    make_resource(library, "a-guide", title="A guide", modules=[first, second])
    make_resource(library, "other", modules=[second])
    make_resource(library, "draft-guide", modules=[first], live=False)
    make_private(make_resource(library, "private-guide", modules=[first]))
    with django_assert_num_queries(2):
        titles = [resource.title for resource in module_resources(first)]
    assert titles == ["A guide", "B guide"]


def test_module_resources_include_renders_downloads(library, modules):
    from django.template.loader import render_to_string

    make_resource(library, "a-guide", title="A guide", modules=[modules[0]])
    html = render_to_string(
        "library/includes/module_resources.html", {"resources": module_resources(modules[0])}
    )
    assert "Resources for this module" in html and "A guide" in html and "download" in html
    assert (
        render_to_string("library/includes/module_resources.html", {"resources": []}).strip() == ""
    )


def _add_resources(library, modules, count, *, start=0):
    themes = [ThemeFactory() for _ in range(3)]
    experts = [ExpertFactory() for _ in range(2)]
    for number in range(start, start + count):
        make_resource(
            library,
            f"resource-{number}",
            themes=themes[: 1 + number % 3],
            modules=modules,
            authors=experts,
        )


def test_library_pages_make_a_fixed_number_of_queries(client, library, modules, mobility):
    _add_resources(library, modules, 2)
    make_resource(library, "tagged", themes=[mobility], modules=modules)
    resource = ResourcePage.objects.get(slug="resource-1")
    urls = ["/library/", "/library/?theme=mobility&type=toolkit", "/library/?page=2", resource.url]
    small = {url: page_queries(client, url) for url in urls}

    _add_resources(library, modules, 25, start=2)
    for number in range(5):
        make_resource(library, f"tagged-{number}", themes=[mobility], modules=modules)
    large = {url: page_queries(client, url) for url in urls}

    assert large == small
    assert small["/library/"] <= 13  # one finds the reader's language tree
    assert small[resource.url] <= 14


def test_resources_are_searchable_by_summary_and_publisher_and_filterable(library):
    make_resource(library, "bus-toolkit", publisher="Transit Lab", resource_type="toolkit")
    make_resource(
        library, "sensor-policy", resource_type="policy", summary="Rules for street sensors."
    )
    make_resource(
        library, "sensor-guide", resource_type="toolkit", summary="Installing street sensors."
    )
    found = ResourcePage.objects.live().search("Transit")
    assert [page.slug for page in found] == ["bus-toolkit"]
    found = ResourcePage.objects.live().filter(resource_type="policy").search("sensors")
    assert [page.slug for page in found] == ["sensor-policy"]


def test_module_resources_panel_tag(library, modules):
    from django.template import Context, Template

    make_resource(library, "a-guide", title="A guide", modules=[modules[0]])
    template = Template("{% load library_tags %}{% module_resources_panel module %}")
    assert "A guide" in template.render(Context({"module": modules[0]}))
    assert "A guide" not in template.render(Context({"module": modules[1]}))
