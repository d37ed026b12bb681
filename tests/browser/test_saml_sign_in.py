"""A learner signs in through their municipality's SAML identity provider in a real browser
(tests/sso/saml_idp.py): the button on the login page, the provider's login form, the signed
answer posted back by the provider's page, and the site signed in, under the site's CSP."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from tests.sso.conftest import SAML_ACCOUNTS, add_saml_provider
from tests.sso.saml_idp import LocalSamlIdP

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def saml_idp_live(live_server):
    provider = LocalSamlIdP(accounts=SAML_ACCOUNTS).start()
    yield provider
    provider.stop()


def test_a_learner_signs_in_through_their_municipalitys_saml_provider(
    browser_page, live_server, saml_idp_live
):
    idp = saml_idp_live
    add_saml_provider(idp)
    # The provider's administrator imports the site's metadata.
    page = browser_page
    idp.trust(page.request.get(reverse("saml_metadata", args=["espoo"])).text())

    page.goto(reverse("account_login"))
    page.get_by_role("button", name="City of Espoo").click()

    page.wait_for_url(f"{idp.base}/sso/redirect?**")
    page.fill("input[name=login]", "sanna")
    page.fill("input[name=password]", "any password")
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(re.compile(rf"^{re.escape(live_server.url)}/dashboard/$"))
    assert page.get_by_role("button", name="Log out").is_visible()
    email = SAML_ACCOUNTS["sanna"]["attributes"]["mail"]
    assert EmailAddress.objects.get(email=email).verified
    assert SocialAccount.objects.get().provider == "espoo"
