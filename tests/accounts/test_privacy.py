"""What we record: the privacy page is written from the registry, public, and linked where a
learner decides about their data."""

import json
import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Site

from accounts.data_registry import Audience, declarations
from accounts.models import PrivacySettings
from accounts.views.privacy import AUDIENCE_WORDS
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/privacy/"


def text(response) -> str:
    """The page's HTML with entities as Django escapes them, for plain-language matching."""
    return response.content.decode()


def escaped(value) -> str:
    return str(escape(str(value)))


@pytest.fixture
def learner():
    return factories.make_learner("aino@example.org")


def test_url_name():
    assert reverse("privacy") == URL


@pytest.mark.parametrize("signed_in", [False, True])
def test_everyone_sees_every_kind_of_data_from_the_registry(client, learner, signed_in):
    if signed_in:
        client.force_login(learner)

    response = client.get(URL)

    assert response.status_code == 200
    page = text(response)
    for entry in declarations():
        assert f">{escaped(entry.category)}</h3>" in page
        assert escaped(entry.purpose) in page
        assert escaped(entry.retention) in page
        for description in entry.fields.values():
            assert f"<li>{escaped(description)}</li>" in page
    assert "aino@example.org" not in page.split("</header>", 1)[1]  # nothing about the reader


def test_each_category_is_one_heading_in_the_registrys_order(client):
    page = text(client.get(URL))

    headings = re.findall(r"<h3 id=\"privacy-category-\d+\">(.*?)</h3>", page)
    expected = list(dict.fromkeys(escaped(entry.category) for entry in declarations()))
    assert headings == expected


def test_who_can_see_each_kind_is_said_in_words(client):
    page = text(client.get(URL))

    for audience in Audience:
        words = escaped(AUDIENCE_WORDS[audience])
        assert words in page or words.capitalize() in page
    assert "Nobody: only the site itself uses it." in page  # sign-in sessions


def test_it_says_no_trackers_no_third_parties_no_ip_and_what_the_browser_keeps(client):
    page = text(client.get(URL))

    assert "No trackers, no analytics" in page
    assert "no third parties" in page
    assert "We do not store your IP address." in page
    assert "<code>smartcities.progress.v1</code>" in page
    assert "<code>sessionid</code>" in page
    assert "<code>csrftoken</code>" in page
    assert "Forget my progress on this device" in page


def test_it_says_how_to_export_or_delete(client):
    page = text(client.get(URL))

    assert '<a href="/accounts/export/">Export your data</a>' in page
    assert '<a href="/accounts/delete/">Delete your account</a>' in page


def test_the_forget_button_is_a_real_button_off_until_javascript_runs(client):
    page = text(client.get(URL))

    button = re.search(r"<button[^>]*data-forget-start[^>]*>", page)[0]
    assert 'type="button"' in button and "disabled" in button
    assert "With JavaScript turned off this site keeps nothing in your browser" in page
    assert "<script>" not in page and " onclick=" not in page


def test_the_page_is_accessible_one_h1_sections_with_headings_and_lang(client):
    page = text(client.get(URL))

    assert '<html lang="en">' in page
    assert page.count("<h1") == 1
    for label in re.findall(r'<section[^>]*aria-labelledby="([^"]+)"', page):
        assert f'id="{label}"' in page
    assert page.count('<dl class="privacy-kind">') >= len(list(declarations()))


def test_the_page_is_the_same_for_every_visitor_and_may_be_cached(client):
    response = client.get(URL)

    assert "private" not in response.get("Cache-Control", "")
    assert not response.cookies  # no session, no CSRF cookie: a shared cache may keep it


def test_a_fixed_small_number_of_queries(client, learner, django_assert_num_queries):
    client.get(URL)  # the first request writes the site's (empty) privacy settings
    with django_assert_num_queries(2):  # the site, its privacy settings
        assert client.get(URL).status_code == 200
    client.force_login(learner)
    # + the user, for the header (the session comes from the cache; only staff get Wagtail's
    # user bar and its permission queries)
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200


def test_editors_introduction_and_controller_appear(client):
    site = Site.objects.get(is_default_site=True)
    PrivacySettings.objects.update_or_create(
        site=site,
        defaults={
            "privacy_introduction": "<p>Run by <b>the City of Tampere</b>.</p>",
            "data_controller": "City of Tampere",
            "privacy_contact": "dpo@tampere.example",
        },
    )

    page = text(client.get(URL))

    assert "Run by <b>the City of Tampere</b>." in page
    assert "<dd>City of Tampere</dd>" in page
    assert '<a href="mailto:dpo@tampere.example">dpo@tampere.example</a>' in page


def test_an_administrator_writes_the_introduction_in_the_wagtail_admin(client):
    admin = factories.make_learner("admin@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["accounts", "privacysettings", site.pk])
    intro = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "text": "This site is run by the City of Oulu.",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
                "data": {},
            }
        ],
        "entityMap": {},
    }

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "privacy_introduction": json.dumps(intro),
            "data_controller": "City of Oulu",
            "privacy_contact": "privacy@oulu.example",
        },
    )

    assert response.status_code == 302
    client.logout()
    page = text(client.get(URL))
    assert ">This site is run by the City of Oulu.</p>" in page
    assert "<dd>City of Oulu</dd>" in page


def test_the_footer_links_to_it(client):
    assert f'<a href="{URL}">What we record</a>' in text(client.get("/accounts/login/"))


def test_sign_up_links_to_it(client):
    assert f'<a href="{URL}">What we record</a> about you' in text(client.get("/accounts/signup/"))


def test_the_profile_links_to_it_and_to_export_and_delete(client, learner):
    client.force_login(learner)

    page = text(client.get("/accounts/profile/"))

    section = page.split('id="your-data-heading"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="{URL}">what we record</a>' in section
    assert '<a href="/accounts/export/">Export your data</a>' in section
    assert '<a href="/accounts/delete/">Delete your account</a>' in section


def test_visitors_can_forget_their_browser_progress_from_the_course_home(client):
    course = factories.make_course()
    factories.extend_course(course, modules=1, lessons_per_module=1)

    page = text(client.get(course.url))

    assert "Your progress stays in this browser" in page
    assert f'<a href="{URL}#privacy-browser">What this browser keeps</a>' in page
    assert re.search(r"<button[^>]*data-forget-start[^>]*disabled", page)
