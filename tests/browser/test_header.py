"""The site header: one compact bar on a laptop in every language, signed in or not; on a phone,
brand, search and a "Menu" that opens with the keyboard, with or without JavaScript."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from modules.seed import seed_demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = [code for code, _name in settings.LANGUAGES]
HEADER_HEIGHT = "document.querySelector('.site-header').getBoundingClientRect().height"
# The placeholder, typed in as a value, fits the field: nothing of it is cut off.
PLACEHOLDER_FITS = """(() => {
    const field = document.querySelector('#site-search-q');
    field.value = field.placeholder;
    return field.scrollWidth <= field.clientWidth;
})()"""
NOTHING_PAST_THE_EDGE = """(() => {
    const bar = document.querySelector('.site-header__inner');
    return bar.scrollWidth <= bar.clientWidth;
})()"""


def language_prefix(code: str) -> str:
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"


def sign_in(page, base) -> None:
    user = get_user_model().objects.create_user(email="aino@example.org", password="x" * 20)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


@pytest.mark.parametrize("signed_in", [False, True])
def test_one_bar_on_a_laptop_in_every_language(browser_page, live_server, signed_in):
    seed_demo()
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    if signed_in:
        sign_in(page, live_server.url)
    for code in LANGUAGES:
        page.goto(live_server.url + language_prefix(code))
        assert page.evaluate(HEADER_HEIGHT) <= 64, code
        assert page.evaluate(NOTHING_PAST_THE_EDGE), code
        assert page.locator(".site-menu__toggle").is_hidden(), code
        for link in page.locator(".site-nav a").all():
            assert link.is_visible(), code
        assert page.evaluate(PLACEHOLDER_FITS), code


@pytest.mark.parametrize("javascript", [True, False])
def test_the_phone_menu_opens_from_the_keyboard(browser, live_server, javascript):
    seed_demo()
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    try:
        page.goto("/")
        assert page.evaluate(HEADER_HEIGHT) <= 120
        assert page.evaluate(PLACEHOLDER_FITS)
        assert page.locator("#site-search-q").is_visible()
        nav = page.locator(".site-nav a").first
        assert nav.is_hidden()

        page.locator(".site-menu__toggle").focus()
        page.keyboard.press("Enter")
        assert nav.is_visible()
        assert page.locator(".account-nav a", has_text="Log in").is_visible()
        page.keyboard.press("Tab")  # into the menu: its first link
        assert page.evaluate("document.activeElement.closest('.site-nav') !== null")

        page.locator(".site-menu__toggle").focus()
        page.keyboard.press("Enter")
        assert nav.is_hidden()
    finally:
        context.close()
