"""Every page type, as a visitor and as a signed-in learner, at 320 and 1280 px: axe-core finds
no WCAG 2.1 A/AA violation (EN 301 549), and the HTML as served validates with the Nu HTML
Checker with no error. The Wagtail page editor for a lesson is checked too, with Wagtail's own
known issues listed below as accepted exceptions.

One test per width walks the whole demo site, so the demo is seeded twice, not once per page.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from courses.services.progress import lesson_progress_complete
from events.models import EventIndexPage, EventPage
from library.models import ResourceIndexPage, ResourcePage
from modules.kinds import LessonKind
from modules.management.commands.seed_demo import seed_site
from modules.models import Expert, LessonPage, ModulePage, Theme
from modules.seed import seed_demo
from tests.support import skip_or_fail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Wagtail's page editor, which we do not write: its known issues, each with where it is tracked
# and what an affected element looks like, so that the same rule failing on our own markup still
# fails the test.
ADMIN_ACCEPTED = {
    # Draftail's contenteditable textbox is not tied to its field's label:
    # https://github.com/wagtail/wagtail/issues/14205 (open; fixes proposed in #14210, #14267).
    "aria-input-field-name": "public-DraftEditor-content",
}


def english(queryset):
    return queryset.live().filter(locale__language_code="en").order_by("path")


def public_pages() -> dict[str, str]:
    """One address of each kind of page a visitor can open, named for the failure report."""
    lessons = list(english(LessonPage.objects).select_related("media"))

    def lesson_of(kind):
        return next(lesson for lesson in lessons if lesson.kind == kind).url

    return {
        "course home": "/",
        "course home (Swedish)": "/sv/",
        "module": english(ModulePage.objects).first().url,
        "video lesson": lesson_of(LessonKind.VIDEO),
        "audio lesson": lesson_of(LessonKind.AUDIO),
        "written lesson": lesson_of(LessonKind.WRITTEN),
        "search": reverse("search") + "?q=city",
        "events": english(EventIndexPage.objects).first().url,
        "event": english(EventPage.objects).first().url,
        "library": english(ResourceIndexPage.objects).first().url,
        "resource": english(ResourcePage.objects).first().url,
        "experts": reverse("expert_list"),
        "expert": reverse("expert_detail", args=[Expert.objects.order_by("pk").first().slug]),
        "themes": reverse("theme_list"),
        "theme": reverse("theme_detail", args=[Theme.objects.order_by("pk").first().slug]),
        "privacy": reverse("privacy"),
        "sign in": reverse("account_login"),
        "sign up": reverse("account_signup"),
        "password reset": reverse("account_reset_password"),
        "not found": "/no-such-page/",
    }


def learner_pages() -> dict[str, str]:
    return {
        "dashboard": reverse("dashboard"),
        "profile": reverse("account_profile"),
        "reminders": reverse("reminder_settings"),
        "email addresses": reverse("account_email"),
        "delete account": reverse("account_delete"),
        "course home, signed in": "/",
        "video lesson, signed in": public_pages()["video lesson"],
    }


def sign_in(page, base, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


def new_learner():
    user = get_user_model().objects.create_user(email="reader@example.org", password="x" * 20)
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def is_accepted(violation, accepted) -> bool:
    marker = accepted.get(violation["id"])
    return marker is not None and all(marker in node["html"] for node in violation["nodes"])


def check_pages(page, base, pages, *, accepted=None) -> tuple[dict, dict]:
    """Open each page; return axe's violations per page and the served HTML per page."""
    violations, served = {}, {}
    for name, path in pages.items():
        response = page.goto(base + path)
        assert response is not None, name
        served[name] = response.text()
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in Axe().run(page, options=WCAG_21_AA).response["violations"]
            if not is_accepted(v, accepted or {})
        ]
        if found:
            violations[f"{name} {path}"] = found
    return violations, served


def html_errors(documents: dict[str, str], tmp_path) -> dict[str, list[str]]:
    """The Nu HTML Checker's errors for each document, as it reports them."""
    if not VNU_JAR.exists():
        skip_or_fail("the Nu HTML Checker is not installed (npm ci)", "REQUIRE_BROWSER")
    if shutil.which("java") is None:
        skip_or_fail("Java is not installed for the Nu HTML Checker", "REQUIRE_BROWSER")
    files = {}
    for number, (name, html) in enumerate(documents.items()):
        path = tmp_path / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    result = subprocess.run(  # noqa: S603 (fixed arguments, our own files)
        command + [str(tmp_path / name) for name in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stderr or '{"messages": []}')["messages"]:
        url = message.get("url", "")
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message.get('message')}"
        )
    return errors


@pytest.mark.parametrize(("width", "scheme"), [(320, "light"), (1280, "light"), (1280, "dark")])
def test_no_wcag_violation_on_any_page_type(browser_page, live_server, width, scheme, tmp_path):
    """Every page type, anonymous and signed in, in the light and the dark colour scheme."""
    seed_site()
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    base = live_server.url

    violations, served = check_pages(page, base, public_pages())
    sign_in(page, base, new_learner())
    signed_in, served_signed_in = check_pages(page, base, learner_pages())
    violations |= signed_in

    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)

    if width == 1280 and scheme == "light":
        errors = html_errors(served | served_signed_in, tmp_path)
        assert not errors, json.dumps(errors, indent=2, ensure_ascii=False)


def test_no_wcag_violation_in_the_lesson_editor(browser_page, live_server):
    seed_site()
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    editor = get_user_model().objects.create_superuser(
        email="editor@example.org", password="x" * 20
    )
    sign_in(page, live_server.url, editor)
    lesson = english(LessonPage.objects).first()
    editor_url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    violations, _ = check_pages(
        page, live_server.url, {"lesson editor": editor_url}, accepted=ADMIN_ACCEPTED
    )
    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)


def test_lesson_states_and_progress_keep_their_meaning_in_forced_colours(browser_page, live_server):
    seed_demo()
    page = browser_page
    learner = new_learner()
    module = english(ModulePage.objects).first()
    first, second, *_ = english(LessonPage.objects).child_of(module)
    lesson_progress_complete(user=learner, lesson=first)
    sign_in(page, live_server.url, learner)
    page.emulate_media(forced_colors="active")
    page.goto(live_server.url + module.url)

    def style(selector, prop):
        return page.evaluate(f"getComputedStyle(document.querySelector({selector!r}))[{prop!r}]")

    done = style(f"a[href='{first.url}'] .lesson-item__state", "backgroundColor")
    not_started = style(f"a[href='{second.url}'] .lesson-item__state", "backgroundColor")
    # A finished lesson is filled with the system's Highlight, one not started with Canvas.
    assert done == style("body", "backgroundColor") or not_started == style(
        "body", "backgroundColor"
    )
    assert done != not_started
    assert style(".progress-bar progress", "borderTopStyle") == "solid"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_form_fields_have_edges_of_at_least_3_to_1(browser_page, live_server, scheme):
    page = browser_page
    page.emulate_media(color_scheme=scheme)
    page.goto(live_server.url + reverse("account_login"))
    ratio = page.evaluate(
        """() => {
        const rgb = (c) => c.match(/\\d+/g).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => [r, g, b].map((v) => {
            v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
        const field = getComputedStyle(document.querySelector("input[name=login]"));
        const page = getComputedStyle(document.body);
        const edge = lum(rgb(field.borderTopColor));
        const ground = lum(rgb(page.backgroundColor));
        const [a, b] = [Math.max(edge, ground), Math.min(edge, ground)];
        return (a + 0.05) / (b + 0.05);
    }"""
    )
    assert ratio >= 3


def test_the_site_follows_the_systems_dark_setting(browser_page, live_server):
    page = browser_page
    page.goto(live_server.url + reverse("account_login"))
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    ink = page.evaluate("getComputedStyle(document.body).color")
    assert light == "rgb(251, 250, 246)"
    assert dark != light
    # Dark ground, light text: the luminance of each channel says which is which.
    assert sum(map(int, dark[4:-1].split(","))) < 100 < sum(map(int, ink[4:-1].split(",")))
