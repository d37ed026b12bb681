"""The account's settings tabs: one row on a laptop in the languages whose labels fit it, and on
any screen nothing cut off or pushed past the edge (they wrap instead)."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import make_learner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TAB_TOPS = """[...document.querySelectorAll('.account-menu li')]
    .map(li => li.getBoundingClientRect().top)"""
NOTHING_PAST_THE_EDGE = """(() => {
    const menu = document.querySelector('.account-menu ul');
    const page = document.documentElement;
    return menu.scrollWidth <= menu.clientWidth && page.scrollWidth <= page.clientWidth;
})()"""
# Finnish words are long: its five tabs take two rows beside a 38rem column.
ONE_ROW_AT_1280 = ["en", "sv", "nb", "da"]


def prefix(code: str) -> str:
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_account_tabs_fit(browser_page, live_server, width):
    client = Client()
    client.force_login(make_learner("aino@example.org", "x" * 20))
    page = browser_page
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": width, "height": 800})
    for code, _name in settings.LANGUAGES:
        page.goto(f"{live_server.url}{prefix(code)}accounts/profile/")
        tabs = page.locator(".account-menu a")
        assert tabs.count() == 5, code
        for index in range(5):
            assert tabs.nth(index).is_visible(), code
        assert page.evaluate(NOTHING_PAST_THE_EDGE), code
        if width == 1280 and code in ONE_ROW_AT_1280:
            assert len(set(page.evaluate(TAB_TOPS))) == 1, code
