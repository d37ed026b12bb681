"""No account enumeration: sign-up and the add-address page answer a registered address exactly
as they answer a new one, in status, in body and in time.

The timing tests send many requests of both kinds, interleaved (ABBA, so that a slow spell of
a busy machine hits both kinds alike), and compare the median of the paired differences with
the typical time of one request. On a quiet machine a request varies by a few milliseconds; on
a loaded two-core CI runner by hundreds. What they catch is a path that skips the slow work the
other does: before the fix a registered address answered sign-up in a twentieth of the time of
a new one, because only the new one hashed a password. What they cannot promise is equality to
the millisecond: creating the account still writes two rows that the other path does not, well
below the noise of one request over a network.
"""

import re
import statistics
import time

import pytest
from django.conf import global_settings
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "plane-trees-along-the-canal-42"
CSRF_VALUES = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSP_NONCES = re.compile(r'(nonce=")[^"]*(")')


def same_page_for(response, email):
    """The body a visitor sees, with what differs by request alone (CSRF token, the scripts'
    CSP nonce, the address they typed) replaced."""
    body = CSRF_VALUES.sub(r"\1\2", response.content.decode())
    return CSP_NONCES.sub(r"\1\2", body).replace(email, "ADDRESS")


def interleaved(pairs, send):
    """Time `send(kind, index)` for both kinds, `pairs` times each, alternating which goes first."""
    times = {"taken": [], "free": []}
    for index in range(pairs):
        order = ("taken", "free") if index % 2 == 0 else ("free", "taken")
        for kind in order:
            started = time.perf_counter()
            send(kind, index)
            times[kind].append(time.perf_counter() - started)
    return times


def assert_indistinguishable(times, *, margin, floor):
    """The median paired difference is under `margin` of a typical request (or `floor` seconds,
    for requests so short that scheduling noise alone is a large part of them)."""
    differences = [free - taken for free, taken in zip(times["free"], times["taken"], strict=True)]
    typical = statistics.median(times["free"] + times["taken"])
    difference = statistics.median(differences)
    summary = (
        f"median free {statistics.median(times['free']) * 1000:.0f} ms, "
        f"taken {statistics.median(times['taken']) * 1000:.0f} ms, "
        f"median paired difference {difference * 1000:.0f} ms"
    )
    assert abs(difference) < max(margin * typical, floor), summary


@pytest.fixture
def unlimited_attempts(settings):
    """The rate limits would stop a timing test long before it has enough samples."""
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "signup": "1000/m/ip",
        "manage_email": "1000/m/user",
    }


# --- sign-up --------------------------------------------------------------------------------------


def signup(client, email):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def register(email, how):
    """An account for `email`, made long ago (a verified learner) or just now, by signing up:
    then its link went out a moment ago, and allauth sends no second one for a while."""
    if how == "long ago":
        factories.make_learner(email, PASSWORD)
    else:
        signup(Client(), email)


def mailed_after(registered):
    """Who is emailed when both addresses are tried: the owner of the registered one is told
    (once: not again so soon after the link they were sent when signing up)."""
    owner = [] if registered == "just now" else [["taken@example.com"]]
    return [*owner, ["free@example.com"]]


@pytest.mark.parametrize("registered", ["long ago", "just now"])
def test_sign_up_shows_the_same_pages_for_a_registered_address(mailoutbox, registered):
    register("taken@example.com", registered)
    mailoutbox.clear()
    answers = {}
    for email in ("taken@example.com", "free@example.com"):
        client = Client()
        response = signup(client, email)
        page = client.get(response.url)
        answers[email] = (
            response.status_code,
            response.url,
            response.content,
            page.status_code,
            same_page_for(page, email),
        )

    assert answers["taken@example.com"] == answers["free@example.com"]
    assert [m.to for m in mailoutbox] == mailed_after(registered)


def test_sign_up_takes_as_long_for_a_registered_address(
    require_postgres, settings, unlimited_attempts, mailoutbox
):
    pairs = 30
    for index in range(pairs):
        factories.make_learner(f"taken{index}@example.com", PASSWORD)
    # The production hasher: with the test suite's fast one, hashing costs nothing to skip.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    signup(Client(), "warm-up@example.com")
    answers = set()

    def send(kind, index):
        response = signup(Client(), f"{kind}{index}@example.com")
        answers.add((response.status_code, response.url, response.content))

    times = interleaved(pairs, send)

    assert answers == {(302, reverse("account_email_verification_sent"), b"")}
    assert len(mailoutbox) == 2 * pairs + 1
    # A third of a request: several standard errors of the paired median on a runner loaded
    # four times over, and still far below the gap of a skipped hash (about 95%).
    assert_indistinguishable(times, margin=1 / 3, floor=0.025)


# --- adding an address --------------------------------------------------------------------------


def add_address(client, email):
    return client.post(reverse("account_email"), {"action_add": "", "email": email})


@pytest.mark.parametrize("registered", ["long ago", "just now"])
def test_adding_a_registered_address_shows_the_same_pages_as_a_free_one(
    client, mailoutbox, registered
):
    register("taken@example.com", registered)
    mailoutbox.clear()
    client.force_login(factories.make_learner("me@example.com", PASSWORD))
    answers = {}
    for email in ("taken@example.com", "free@example.com"):
        response = add_address(client, email)
        page = client.get(response.url)
        answers[email] = (
            response.status_code,
            response.url,
            response.content,
            page.status_code,
            same_page_for(page, email),
        )

    assert answers["taken@example.com"] == answers["free@example.com"]
    assert [m.to for m in mailoutbox] == mailed_after(registered)


def test_adding_a_registered_address_takes_as_long_as_a_free_one(
    require_postgres, client, settings, unlimited_attempts
):
    pairs = 60
    for index in range(pairs):
        factories.make_learner(f"taken{index}@example.com", PASSWORD)
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    client.force_login(factories.make_learner("me@example.com", PASSWORD))
    add_address(client, "warm-up@example.com")
    answers = set()

    def send(kind, index):
        response = add_address(client, f"{kind}{index}@example.com")
        answers.add((response.status_code, response.url))

    times = interleaved(pairs, send)

    assert answers == {(302, reverse("account_email"))}
    assert_indistinguishable(times, margin=0.25, floor=0.025)
