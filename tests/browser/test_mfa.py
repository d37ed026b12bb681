"""Security keys in a real browser: Chromium's virtual authenticator, through the DevTools
protocol (WebAuthn.enable, WebAuthn.addVirtualAuthenticator), on http://localhost (a secure
context). An editor registers a key, the admin opens, and the next sign-in is password + key."""

import importlib
import re

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth.models import Group

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.staff_without_mfa]

PASSWORD = "plane-trees-along-the-canal-42"
EMAIL = "editor@example.org"


def virtual_security_key(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def csp_violations(page) -> list[str]:
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def sign_in_with_password(page, next_path="/admin/") -> None:
    page.goto(f"/accounts/login/?next={next_path}")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def confirm_password_if_asked(page) -> None:
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").first.click()


def test_an_editor_registers_a_security_key_and_signs_in_with_it(browser_page, live_server):
    page = browser_page
    assert live_server.url.startswith("http://localhost:")
    editor = factories.make_learner(EMAIL, PASSWORD, is_staff=True)
    # The group comes from a data migration; a flush by an earlier transactional test may have
    # removed it, so it is made again here the way the migration makes it.
    editorial = importlib.import_module("modules.migrations.0002_editorial_groups_and_workflow")
    editorial.grant(apps, None)
    editor.groups.add(Group.objects.get(name="Editors"))
    violations = csp_violations(page)
    virtual_security_key(page)

    # Without a second step, the admin sends the editor to set one up.
    sign_in_with_password(page)
    page.wait_for_url(re.compile(r".*/accounts/2fa/$"))
    assert "must use two-step sign-in" in page.locator("main").inner_text()

    page.goto("/accounts/2fa/webauthn/add/")
    confirm_password_if_asked(page)
    page.wait_for_url(re.compile(r".*/accounts/2fa/webauthn/add/"))
    page.get_by_label("Name").fill("Blue key")
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.WEBAUTHN).exists()

    page.goto("/admin/")
    page.wait_for_url(re.compile(r".*/admin/$"))
    assert page.locator("main").count() == 1
    assert "/accounts/" not in page.url

    # Sign out, and back in: the password, then the key.
    page.goto("/accounts/logout/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/logout/" not in url)
    sign_in_with_password(page)
    page.wait_for_url(re.compile(r".*/accounts/2fa/authenticate/$"))
    page.get_by_role("button", name="Use a security key").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    assert page.locator("main").count() == 1
    assert violations == []


def test_a_learner_signs_in_with_a_passkey_alone(browser_page, live_server):
    page = browser_page
    factories.make_learner(EMAIL, PASSWORD)
    violations = csp_violations(page)
    virtual_security_key(page)
    sign_in_with_password(page, next_path="/accounts/2fa/webauthn/add/")
    confirm_password_if_asked(page)
    page.wait_for_url(re.compile(r".*/accounts/2fa/webauthn/add/"))
    page.get_by_label("Name").fill("Laptop")
    page.get_by_label("Passwordless").check()
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)

    page.goto("/accounts/logout/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/logout/" not in url)
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto("/accounts/profile/")
    assert "/accounts/profile/" in page.url
    assert "Manage two-step sign-in" in page.locator("main").inner_text()
    assert violations == []
