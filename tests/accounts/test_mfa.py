"""Two-step sign-in (allauth.mfa) and the account's sessions (allauth.usersessions).

Codes are real: pyotp computes them from the authenticator's secret as a phone app would.
Staff made here start without an authenticator (the marker below), as a new editor does.
"""

from datetime import timedelta

import pyotp
import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.sessions import NO_IP_ADDRESS, device_label
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.staff_without_mfa]

PASSWORD = "plane-trees-along-the-canal-42"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1"
)


def make_editor(email="editor@example.org"):
    editor = factories.make_learner(email, PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


def sign_in(client, email, *, remember=False, agent=FIREFOX, address="203.0.113.7"):
    data = {"login": email, "password": PASSWORD}
    if remember:
        data["remember"] = "on"
    return client.post(reverse("account_login"), data, HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


def turn_on_authenticator_app(client) -> str:
    """Set up an authenticator app as a person does: confirm the password (allauth asks for it
    again before a change to how the account signs in), read the key, type the app's code."""
    page = client.get(reverse("mfa_activate_totp"))
    assert page.url.startswith(reverse("account_reauthenticate"))
    page = client.post(page.url, {"password": PASSWORD}, follow=True)
    assert page.resolver_match.url_name == "mfa_activate_totp"
    secret = page.context["form"].secret
    assert "<svg" in page.content.decode()  # the QR code, in the page (no data: image)
    response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302, response.context["form"].errors
    return secret


def signed_in(client) -> bool:
    return client.get(reverse("account_profile")).status_code == 200


# --- staff must set it up before the admin opens ---------------------------------------------


def test_an_editor_without_two_step_sign_in_is_sent_to_set_it_up(client):
    make_editor()
    sign_in(client, "editor@example.org")

    response = client.get("/admin/pages/", follow=True)

    assert response.redirect_chain[-1][0] == reverse("mfa_index")
    html = response.content.decode()
    assert "must use two-step sign-in" in html
    profile = client.get(reverse("account_profile")).content.decode()
    assert "you must turn it on before you can open the admin" in profile
    assert "unless you sign in through an organisation whose sign-in asks for a second" in profile


@pytest.mark.parametrize("kind", ["superuser", "moderator", "access_admin"])
def test_every_kind_of_staff_is_held_to_the_rule(client, kind):
    from django.contrib.auth.models import Permission

    user = factories.make_learner("staff@example.org", PASSWORD)
    if kind == "superuser":
        user.is_superuser = True
        user.save()
    elif kind == "moderator":
        user.groups.add(Group.objects.get(name="Moderators"))
    else:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user.email)

    assert client.get("/admin/").url == reverse("mfa_index")


def test_a_learner_is_not_asked_and_may_turn_it_on(client):
    factories.make_learner("reader@example.org", PASSWORD)
    sign_in(client, "reader@example.org")

    profile = client.get(reverse("account_profile")).content.decode()
    assert "Turn on two-step sign-in" in profile
    assert "before you can open the admin" not in profile
    turn_on_authenticator_app(client)
    assert "Manage two-step sign-in" in client.get(reverse("account_profile")).content.decode()


def test_with_an_authenticator_app_the_editor_signs_in_with_a_code_and_opens_the_admin(client):
    editor = make_editor()
    sign_in(client, editor.email)
    secret = turn_on_authenticator_app(client)
    assert client.get("/admin/").status_code == 200
    client.post(reverse("account_logout"))

    # The next code of the app (each code is accepted once).
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=True):
        response = sign_in(client, editor.email)
        assert response.url == reverse("mfa_authenticate")
        assert client.get("/admin/").status_code == 302  # not signed in before the code
        wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert wrong.status_code == 200
        assert "Incorrect code" in wrong.content.decode()
        response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200


def test_recovery_codes_work_once_each(client):
    editor = make_editor()
    sign_in(client, editor.email)
    turn_on_authenticator_app(client)
    codes = RecoveryCodes(
        Authenticator.objects.get(user=editor, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()
    assert len(codes) == 10
    client.post(reverse("account_logout"))

    sign_in(client, editor.email)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post(reverse("account_logout"))

    sign_in(client, editor.email)
    again = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert again.status_code == 200
    assert not signed_in(client)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[1]}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_are_rate_limited(client):
    editor = make_editor()
    sign_in(client, editor.email)
    secret = turn_on_authenticator_app(client)
    client.post(reverse("account_logout"))

    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=True):
        sign_in(client, editor.email)
        for wrong in ["111111", "222222", "333333", "444444", "555555"]:
            response = client.post(reverse("mfa_authenticate"), {"code": wrong})
            assert "Incorrect code" in response.content.decode()
        # Even the right code is refused now, with a clear reason.
        response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
        assert response.status_code == 200
        assert "Too many failed login attempts" in response.content.decode()
        assert not signed_in(client)


# --- sessions ---------------------------------------------------------------------------------


def test_the_profile_lists_the_sessions_and_stores_no_ip_address():
    factories.make_learner("reader@example.org", PASSWORD)
    laptop, phone = Client(), Client()
    sign_in(laptop, "reader@example.org", agent=FIREFOX, address="203.0.113.7")
    sign_in(phone, "reader@example.org", agent=SAFARI, address="2001:db8::1")

    html = laptop.get(reverse("account_profile"), HTTP_USER_AGENT=FIREFOX).content.decode()

    assert "Where you are signed in" in html
    assert "Firefox on Windows" in html
    assert "Safari on iOS" in html
    assert html.count("This browser") == 1
    assert "203.0.113.7" not in html
    rows = UserSession.objects.all()
    assert rows.count() == 2
    assert {str(row.ip) for row in rows} == {NO_IP_ADDRESS}


def test_sign_out_everywhere_else_ends_the_other_session():
    factories.make_learner("reader@example.org", PASSWORD)
    laptop, phone = Client(), Client()
    sign_in(laptop, "reader@example.org", agent=FIREFOX)
    sign_in(phone, "reader@example.org", agent=SAFARI)
    assert signed_in(phone)

    response = laptop.post(reverse("usersessions_list"), follow=True)

    assert response.status_code == 200
    assert not signed_in(phone)
    assert signed_in(laptop)
    assert UserSession.objects.count() == 1
    assert "Sign out everywhere else" not in response.content.decode()  # nothing else to end


def test_last_seen_is_kept_every_few_minutes_not_on_every_request(client):
    factories.make_learner("reader@example.org", PASSWORD)
    sign_in(client, "reader@example.org")
    signed_in_at = UserSession.objects.get().last_seen_at

    client.get(reverse("account_profile"))
    assert UserSession.objects.get().last_seen_at == signed_in_at
    later = timezone.now() + timedelta(seconds=settings.USERSESSION_SEEN_SECONDS + 5)
    with time_machine.travel(later, tick=False):
        client.get(reverse("account_profile"))
    assert UserSession.objects.get().last_seen_at == later


def test_a_staff_sign_in_ends_sooner_than_a_learners():
    editor = make_editor()
    factories.make_learner("reader@example.org", PASSWORD)
    editor_client, learner_client = Client(), Client()
    sign_in(learner_client, "reader@example.org", remember=True)
    sign_in(editor_client, editor.email, remember=True)
    assert signed_in(editor_client)
    assert settings.STAFF_SESSION_SECONDS < settings.SESSION_COOKIE_AGE
    assert editor_client.session.get_expiry_age() <= settings.STAFF_SESSION_SECONDS
    assert learner_client.session.get_expiry_age() > settings.STAFF_SESSION_SECONDS

    later = timezone.now() + timedelta(seconds=settings.STAFF_SESSION_SECONDS + 60)
    with time_machine.travel(later, tick=False):
        response = editor_client.get(reverse("account_profile"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        assert signed_in(learner_client)


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (FIREFOX, "Firefox on Windows"),
        (SAFARI, "Safari on iOS"),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0",
            "Edge on Linux",
        ),
        ("", "Unknown browser"),
    ],
)
def test_device_labels(agent, label):
    assert device_label(agent) == label


# --- the overview page, in the site's words ----------------------------------------------------


def overview(client):
    from bs4 import BeautifulSoup

    response = client.get(reverse("mfa_index"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_overview_says_what_is_on_and_what_to_do_next_in_plain_words(client):
    factories.make_learner("learner@example.org", PASSWORD)
    sign_in(client, "learner@example.org")
    page = overview(client)
    assert page.h1.get_text(strip=True) == "Two-step sign-in"
    assert "Two-Factor" not in page.get_text()
    panels = {p.h2.get_text(strip=True): p for p in page.select("main section.panel")}
    assert list(panels) == ["Authenticator app", "Security keys and passkeys", "Recovery codes"]
    assert "Off" in panels["Authenticator app"].select_one(".badge").get_text()
    assert panels["Authenticator app"].select_one("a.button")["href"] == reverse(
        "mfa_activate_totp"
    )
    assert "when you set up an authenticator app" in panels["Recovery codes"].get_text()

    turn_on_authenticator_app(client)
    page = overview(client)
    panels = {p.h2.get_text(strip=True): p for p in page.select("main section.panel")}
    assert "On" in panels["Authenticator app"].select_one(".badge").get_text()
    assert "Turn off" in panels["Authenticator app"].get_text()
    codes = RecoveryCodes(Authenticator.objects.get(type=Authenticator.Type.RECOVERY_CODES))
    left = len(codes.get_unused_codes())
    assert f"{left} of {left} codes left." in panels["Recovery codes"].get_text()
    assert "Show my codes" in panels["Recovery codes"].get_text()


def test_the_overview_speaks_the_page_s_language(client):
    from bs4 import BeautifulSoup

    factories.make_learner("learner@example.org", PASSWORD)
    sign_in(client, "learner@example.org")
    for language, heading in (
        ("sv", "Inloggning i två steg"),
        ("fi", "Kaksivaiheinen kirjautuminen"),
    ):
        with translation.override(language):
            response = client.get(reverse("mfa_index"))
        page = BeautifulSoup(response.content, "html.parser")
        assert page.h1.get_text(strip=True) == heading
        assert page.html["lang"] == language
