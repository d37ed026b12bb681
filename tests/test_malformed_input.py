"""No input makes the site answer 5xx, and refused input changes nothing.

Hypothesis throws generated values at every URL parameter of the URLconf (outside the Wagtail
admin, which answers only staff), at every form and JSON endpoint, and at the Wagtail page
routes (page paths with odd suffixes and query strings), anonymously and signed in. The values
include NUL characters, lone surrogates (sent as the invalid UTF-8 bytes a client would send),
huge and non-finite numbers, deeply nested JSON, very long strings and bodies that are not
UTF-8. A request that is refused (4xx, or a form shown again) must leave the learner's rows as
they were.

Each test builds a small site once and runs its examples inside that test's transaction, each
request in a savepoint, so that a database error fails the example it belongs to and no other.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.models import Certificate, Enrolment, LessonProgress, ReminderPreference, ReminderSend
from courses.reminders.preferences import reminder_preference_for
from courses.reminders.tokens import unsubscribe_token
from courses.services.certificates import certificate_issue
from events.models import EventRegistration
from modules.models import LessonPage
from tests.events.factories import make_event, make_event_index
from tests.factories import ExpertFactory, ThemeFactory, extend_course, make_course, make_learner
from tests.library.factories import make_library, make_resource

pytestmark = pytest.mark.django_db

# Modest example counts: the whole file runs in about a minute on a small machine.
EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    database=None,  # nothing written into the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

LEARNER_TABLES = [
    get_user_model(),
    EmailAddress,
    Enrolment,
    LessonProgress,
    Certificate,
    ReminderPreference,
    ReminderSend,
    EventRegistration,
]

# --- generated values ---------------------------------------------------------------------------

NASTY_CHARACTERS = ["\x00", "\ud800", "\udfff", "\x7f", "\n", "%", "/", ".", "é", "😀", "\u202e"]
SPECIAL_VALUES = [
    "",
    "\x00",
    "a\x00b",
    "\ud800",
    "0",
    "-1",
    "1e400",
    "-1e400",
    "Infinity",
    "NaN",
    "9" * 40,
    str(2**63),
    "..",
    "../../etc/passwd",
    "%00",
    "x" * 5000,
    "\x00" * 300,
]

texts = st.one_of(
    st.sampled_from(SPECIAL_VALUES),
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from([*NASTY_CHARACTERS, "a", "0", "-"]), max_size=20),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.builds(
        lambda character, length: character * length,
        st.sampled_from(["a", "\x00", "é", "\ud800", "/"]),
        st.integers(min_value=256, max_value=8000),
    ),
)
QUERY_KEYS = ["q", "kind", "theme", "type", "page", "t", "next", "lang", "code", "key"]
queries = st.dictionaries(st.one_of(st.sampled_from(QUERY_KEYS), texts), texts, max_size=4)
FORM_FIELDS = [
    *("login", "password", "remember", "email", "password1", "password2", "oldpassword"),
    *("display_name", "organisation", "role", "country", "timezone", "language"),
    *("enabled", "cadence", "position", "played", "duration", "lessons", "next"),
    *("action_add", "action_remove", "action_primary", "action_send", "code", "q", "theme"),
]
form_data = st.dictionaries(st.one_of(st.sampled_from(FORM_FIELDS), texts), texts, max_size=6)

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(["lesson", "position", "played"]), texts),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def report_shaped(value):
    return {"position": value[0], "played": value[1], "duration": value[2]}


json_bodies = st.one_of(
    json_values.map(json.dumps),  # json.dumps writes inf and nan as Infinity and NaN
    st.tuples(json_scalars, json_scalars, json_scalars).map(report_shaped).map(json.dumps),
    st.lists(
        st.fixed_dictionaries(
            {"lesson": json_scalars, "position": json_scalars, "played": json_scalars}
        ),
        max_size=3,
    ).map(lambda entries: json.dumps({"lessons": entries})),
    st.integers(min_value=500, max_value=200_000).map(lambda depth: "[" * depth + "]" * depth),
    st.integers(min_value=500, max_value=100_000).map(
        lambda depth: '{"lessons": ' + '{"a": ' * depth + "1" + "}" * depth + "}"
    ),
    st.sampled_from(['{"lesson": 1e400}', '{"lessons": [{"lesson": Infinity}]}', "-Infinity"]),
)
raw_bodies = st.one_of(
    json_bodies.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
    st.sampled_from([b"\xff\xfe\xfd", b'{"position": "\xc3\x28"}', b"\x00" * 64]),
)


def encoded(value: str) -> str:
    """A value as it appears in an address; a lone surrogate becomes invalid UTF-8 bytes."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def query_string(pairs: dict) -> str:
    return "&".join(f"{encoded(key)}={encoded(value)}" for key, value in pairs.items())


# --- the URLconf ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    template: str  # "{}" where a parameter goes
    converters: tuple[str, ...]


ROUTE_SLOT = re.compile(r"<(?:(?P<converter>\w+):)?\w+>")
SKIPPED_PREFIXES = ("admin/",)  # the Wagtail admin: staff only; every other route is here


def _regex_template(regex: str) -> tuple[str, tuple[str, ...]]:
    """'^confirm-email/(?P<key>[-:\\w]+)/$' -> ('confirm-email/{}/', ('regex',))."""
    text, slots, depth, index = [], 0, 0, 0
    body = regex.removeprefix("^").removesuffix("$")
    while index < len(body):
        character = body[index]
        if character == "\\":
            if depth == 0:
                text.append(body[index + 1])
            index += 2
            continue
        if character == "(":
            if depth == 0:
                text.append("{}")
                slots += 1
            depth += 1
        elif character == ")":
            depth -= 1
        elif depth == 0:
            text.append(character)
        index += 1
    return "".join(text), ("regex",) * slots


def _routes(patterns, prefix="", converters=()):
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            route = str(pattern)
            found = tuple(match["converter"] or "str" for match in ROUTE_SLOT.finditer(route))
            part = ROUTE_SLOT.sub("{}", route.replace("{", "{{").replace("}", "}}"))
        else:
            part, found = _regex_template(pattern.regex.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + part, converters + found)
        else:
            yield Route(entry.name or part, prefix + part, converters + found)


@cache
def all_routes() -> tuple[Route, ...]:
    routes = tuple(
        route
        for route in _routes(get_resolver().url_patterns)
        if not route.template.startswith(SKIPPED_PREFIXES)
    )
    assert len(routes) > 30  # the enumeration found the site's own and allauth's routes
    return routes


def test_the_urlconf_is_enumerated_with_its_parameters():
    names = {route.name: route for route in all_routes()}
    assert names["certificate_verify"].template == "certificates/{}/verify/"
    assert names["lesson_captions"].converters == ("id", "text")
    assert names["account_reset_password_from_key"].template == "accounts/password/reset/key/{}-{}/"
    assert names["wagtail_serve"].template == "{}"
    assert "account_login" in names and "progress_import" in names and "search" in names


# --- a small site, and requests that are watched ------------------------------------------------


@dataclass
class Site:
    anonymous: Client
    learner: Client
    ids: list[str]
    page_urls: list[str]
    report_urls: list[str]


@pytest.fixture
def site():
    expert, theme = ExpertFactory(slug="ada"), ThemeFactory(slug="mobility")
    course = make_course()
    modules = extend_course(course, modules=1, lessons_per_module=3, experts=[expert])
    event = make_event(make_event_index(course), themes=[theme], speakers=[expert])
    resource = make_resource(make_library(course), "toolkit", themes=[theme], authors=[expert])
    learner = make_learner()
    certificate = certificate_issue(
        user=learner, course=course, now=timezone.now(), learner_name="Ada Lovelace"
    )
    reminder_preference_for(learner)
    lessons = list(LessonPage.objects.order_by("path"))
    signed_in = Client()
    signed_in.force_login(learner)
    pages = [course, *modules, *lessons, event, resource, resource.get_parent(), event.get_parent()]
    return Site(
        anonymous=Client(),
        learner=signed_in,
        ids=[
            *(str(page.pk) for page in pages),
            certificate.code,
            unsubscribe_token(learner),
            "en",
            "ada",
            "mobility",
        ],
        page_urls=[page.url for page in pages],
        report_urls=[f"/progress/lessons/{lesson.pk}/report/" for lesson in lessons],
    )


def snapshot() -> dict:
    return {
        model.__name__: list(model.objects.order_by("pk").values_list()) for model in LEARNER_TABLES
    }


def refused(response) -> bool:
    """A 4xx, or a form shown again with its errors."""
    if response.status_code >= 400:
        return True
    form = response.context.get("form") if response.context else None
    return bool(form is not None and form.is_bound and form.errors)


FORM = "application/x-www-form-urlencoded"


def send(client: Client, method: str, path: str, fields: dict | None = None, **kwargs):
    """One request: never a 5xx, and nothing changed when it was refused.

    `fields` are posted as a browser posts a form, encoded by hand so that a lone surrogate
    arrives as the invalid UTF-8 a client can send (Django's test client cannot encode it)."""
    if fields is not None:
        kwargs.update(data=query_string(fields), content_type=FORM)
    before = snapshot()
    with transaction.atomic():  # a database error fails this example, not the ones after
        response = getattr(client, method)(path, **kwargs)
    assert response.status_code < 500, f"{method.upper()} {path[:300]} answered {response}"
    if refused(response):
        assert snapshot() == before, f"{method.upper()} {path[:300]} was refused but changed rows"
    return response


def fill(route: Route, values: list[str]) -> str:
    return "/" + route.template.format(*(encoded(value) for value in values))


# --- the tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_every_url_parameter_with_the_nastiest_values(site, signed_in):
    """Every route of the URLconf, each parameter in turn given each of a few nasty values
    (the others a real id), by GET and by POST."""
    client = site.learner if signed_in else site.anonymous
    nasty = ["a\x00b", "\ud800", "9" * 40, "x" * 3000]
    for route in all_routes():
        real = [site.ids[0]] * len(route.converters)
        for value in nasty:
            fields = {"q": value, "login": value, "email": value, "position": value}
            if not route.converters:
                send(client, "get", fill(route, []) + "?" + query_string(fields))
                send(client, "post", fill(route, []), fields)
            for slot in range(len(route.converters)):
                values = [*real[:slot], value, *real[slot + 1 :]]
                send(client, "get", fill(route, values))
                send(client, "post", fill(route, values), fields)


@EXAMPLES
@given(data=st.data())
def _url_parameters(site, data):
    route = data.draw(st.sampled_from(all_routes()), label="route")
    values = [
        data.draw(st.one_of(texts, st.sampled_from(site.ids)), label=converter)
        for converter in route.converters
    ]
    path = fill(route, values)
    query = data.draw(queries, label="query")
    if query:
        path += "?" + query_string(query)
    method = data.draw(st.sampled_from(["get", "post", "head"]), label="method")
    client = site.learner if data.draw(st.booleans(), label="signed in") else site.anonymous
    fields = data.draw(form_data, label="form") if method == "post" else None
    send(client, method, path, fields)


def test_generated_url_parameters_and_query_strings(site):
    _url_parameters(site)


@EXAMPLES
@given(data=st.data())
def _forms(site, data):
    forms = [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/profile/",
        "/accounts/logout/",
        "/reminders/",
        f"/reminders/unsubscribe/{site.ids[-4]}/",
        *(f"/progress/lessons/{page_id}/complete/" for page_id in site.ids[:6]),
        *site.report_urls,  # as sendBeacon sends them: form-encoded
        f"/courses/{site.ids[0]}/start/",
        *(f"/events/{page_id}/register/" for page_id in site.ids),
        *(f"/events/{page_id}/cancel/" for page_id in site.ids),
        "/_util/login/",
    ]
    url = data.draw(st.sampled_from(forms), label="form")
    client = site.learner if data.draw(st.booleans(), label="signed in") else site.anonymous
    send(client, "post", url, data.draw(form_data, label="fields"))


def test_generated_form_posts(site):
    _forms(site)


@EXAMPLES
@given(data=st.data())
def _searches(site, data):
    """The GET forms: search, the library's filters, a lesson's `?t=` and the events list."""
    url = data.draw(st.sampled_from(["/search/", *site.page_urls]), label="page")
    client = site.learner if data.draw(st.booleans(), label="signed in") else site.anonymous
    send(client, "get", url + "?" + query_string(data.draw(queries, label="query")))


def test_generated_search_and_filter_queries(site):
    _searches(site)


@EXAMPLES
@given(data=st.data())
def _json(site, data):
    url = data.draw(st.sampled_from([*site.report_urls, "/progress/import/"]), label="url")
    body = data.draw(raw_bodies, label="body")
    client = site.learner if data.draw(st.booleans(), label="signed in") else site.anonymous
    response = send(client, "post", url, data=body, content_type="application/json")
    if response.status_code == 400:
        assert response.json()["error"]  # a reason the sender can read


def test_generated_json_bodies(site):
    _json(site)


@EXAMPLES
@given(data=st.data())
def _page_routes(site, data):
    """Wagtail's page routes: real page paths with odd suffixes and query strings."""
    url = data.draw(st.sampled_from(site.page_urls), label="page")
    suffix = data.draw(texts, label="suffix")
    slash = data.draw(st.sampled_from(["", "/"]), label="slash")
    path = url + encoded(suffix) + slash
    query = data.draw(queries, label="query")
    if query:
        path += "?" + query_string(query)
    client = site.learner if data.draw(st.booleans(), label="signed in") else site.anonymous
    send(client, data.draw(st.sampled_from(["get", "post"]), label="method"), path)


def test_generated_page_paths(site):
    _page_routes(site)
