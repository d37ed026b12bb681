"""A visitor in a real browser filters the library with the keyboard, with JavaScript off, and
follows a resource to its theme and an author's page; nothing is fetched from another site."""

import pytest

from library.seed import seed_library
from modules.seed import SeedReport, seed_demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_library(live_server):
    seed_demo()
    seed_library(SeedReport())
    return live_server.url


def test_keyboard_filtering_without_javascript(browser, demo_library):
    context = browser.new_context(base_url=demo_library, java_script_enabled=False)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto("/library/")
        # The six readings of the course and UN-Habitat's eight publications.
        assert page.locator(".library-count").inner_text() == "14 resources"
        theme = page.get_by_label("Inclusion", exact=True)
        theme.focus()
        page.keyboard.press("Space")
        assert theme.is_checked()
        page.get_by_role("button", name="Show resources").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/library/?theme=inclusion")
        assert (
            page.locator(".library-count").inner_text().startswith("7 resources match your filters")
        )
        assert page.get_by_label("Inclusion", exact=True).is_checked()
        page.get_by_label("Policy or strategy").check()
        page.get_by_role("button", name="Show resources").click()
        assert page.locator(".resource-item").count() == 1
        page.locator(".library-filters").get_by_role("link", name="Clear filters").click()
        assert page.locator(".library-count").inner_text() == "14 resources"
        assert page.locator(".resource-item").count() == 12  # the first page
        assert all(url.startswith(demo_library) for url in requested)
    finally:
        context.close()


def test_from_a_resource_to_its_theme_and_author(browser_page, demo_library):
    page = browser_page
    page.goto("/library/")
    page.get_by_role(
        "link", name="A Short Charter for People-Centred Smart Cities", exact=True
    ).click()
    assert page.locator("h1").inner_text() == "A Short Charter for People-Centred Smart Cities"
    download = page.get_by_role("link", name="Download A Short Charter")
    href = download.get_attribute("href")
    assert href.startswith("/documents/") and "people-centred-charter" in href
    page.get_by_role("link", name="Ingrid Halvorsen").click()
    assert page.locator("h1").inner_text() == "Ingrid Halvorsen"
    assert page.locator("#interviews-heading").is_visible()
    page.goto("/themes/")
    page.get_by_role("link", name="Inclusion").click()
    assert page.locator("h1").inner_text() == "Inclusion"
    assert page.locator("#resources-heading ~ ul .resource-item").count() == 7
