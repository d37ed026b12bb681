"""Setting up organisations' providers: the Wagtail admin, the management command, and the
exemption from two-step sign-in for staff whose provider asks for a second step itself."""

import io

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from sso.models import OrganisationProvider
from tests import factories
from tests.sso.conftest import add_provider
from tests.sso.test_oidc_sign_in import sign_in_at, signed_in_user

pytestmark = pytest.mark.django_db

SECRET = "a-very-long-client-secret-0123456789-wxyz"


@pytest.fixture
def admin_client(client):
    admin = factories.make_learner("admin@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def form_data(**changes):
    data = {
        "protocol": "oidc",
        "name": "City of Turku",
        "slug": "turku",
        "issuer": "https://login.turku.example",
        "client_id": "course",
        "client_secret": SECRET,
        "scopes": "openid email profile",
        "email_domains": "turku.example\n@Kaarina.example",
        "enabled": "on",
    }
    data.update(changes)
    return data


def test_an_administrator_adds_a_provider_and_never_sees_its_secret_again(admin_client):
    response = admin_client.post(reverse("organisation_providers:add"), form_data())

    assert response.status_code == 302, response.context["form"].errors
    provider = OrganisationProvider.objects.get()
    assert provider.client_secret == SECRET
    assert provider.domain_list == ["turku.example", "kaarina.example"]

    edit = admin_client.get(reverse("organisation_providers:edit", args=[provider.pk]))
    html = edit.content.decode()
    assert SECRET not in html
    assert "wxyz" in html  # how it ends, so that an administrator can tell which one is stored

    response = admin_client.post(
        reverse("organisation_providers:edit", args=[provider.pk]),
        form_data(client_secret="", name="Turku", slug="changed"),
    )
    assert response.status_code == 302, response.context["form"].errors
    provider.refresh_from_db()
    assert (provider.name, provider.slug, provider.client_secret) == ("Turku", "turku", SECRET)


def test_a_domain_belongs_to_one_provider_only(admin_client):
    add_provider("https://login.tampere.example")

    response = admin_client.post(
        reverse("organisation_providers:add"),
        form_data(email_domains="turku.example\ntampere.example\nnot a domain"),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["email_domains"]
    assert any("tampere.example" in error for error in errors)
    assert any("Not a domain name" in error for error in errors)
    assert OrganisationProvider.objects.count() == 1


def test_removing_a_provider_removes_the_links_made_through_it(admin_client):
    provider = add_provider("https://login.tampere.example")
    learner = factories.make_learner()
    SocialAccount.objects.create(user=learner, provider="tampere", uid="abc")

    response = admin_client.post(reverse("organisation_providers:delete", args=[provider.pk]))

    assert response.status_code == 302
    assert not OrganisationProvider.objects.exists()
    assert not SocialAccount.objects.exists()
    learner.refresh_from_db()  # the account stays


def test_learners_cannot_open_the_providers(client):
    client.force_login(factories.make_learner())
    response = client.get(reverse("organisation_providers:index"))
    assert response.status_code in (302, 403)


def test_the_management_command_adds_lists_and_removes(monkeypatch):
    monkeypatch.setenv("IDENTITY_PROVIDER_CLIENT_SECRET", SECRET)
    call_command(
        "identity_provider",
        "add",
        "turku",
        "--name=City of Turku",
        "--issuer=https://login.turku.example",
        "--client-id=course",
        "--domains=turku.example,kaarina.example",
        "--asserts-mfa",
    )
    provider = OrganisationProvider.objects.get()
    assert (provider.client_secret, provider.asserts_mfa) == (SECRET, True)

    out = io.StringIO()
    call_command("identity_provider", "list", stdout=out)
    assert "turku\tCity of Turku" in out.getvalue()
    assert "turku.example, kaarina.example" in out.getvalue()
    assert SECRET not in out.getvalue()

    with pytest.raises(CommandError, match="Already served by another provider"):
        call_command(
            "identity_provider",
            "add",
            "other",
            "--name=Other",
            "--issuer=https://other.example",
            "--client-id=x",
            "--domains=turku.example",
        )

    call_command("identity_provider", "remove", "turku", stdout=io.StringIO())
    assert not OrganisationProvider.objects.exists()


def test_the_command_wants_the_secret_from_the_environment(monkeypatch):
    monkeypatch.delenv("IDENTITY_PROVIDER_CLIENT_SECRET", raising=False)
    with pytest.raises(CommandError, match="IDENTITY_PROVIDER_CLIENT_SECRET"):
        call_command(
            "identity_provider",
            "add",
            "turku",
            "--name=Turku",
            "--issuer=https://login.turku.example",
            "--client-id=course",
        )


# --- staff and two-step sign-in --------------------------------------------------------------


@pytest.mark.staff_without_mfa
@pytest.mark.parametrize(
    ("asserts_mfa", "login", "exempt"),
    [
        (True, "maija", True),  # the setting, and the ID token's amr names a one-time code
        (False, "maija", False),  # a second factor, but the provider is not marked
        (True, "anna", False),  # marked, but this sign-in's ID token names no second factor
    ],
)
def test_staff_signed_in_through_a_provider_that_asks_for_a_second_step_are_exempt(
    client, idp, asserts_mfa, login, exempt
):
    add_provider(idp.issuer, slug="mfa-city", asserts_mfa=asserts_mfa)
    sign_in_at(client, idp, login, slug="mfa-city")
    editor = signed_in_user(client)
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))

    response = client.get("/admin/")

    if exempt:
        assert response.status_code == 200
    else:
        assert response["Location"] == reverse("mfa_index")


# --- SAML providers --------------------------------------------------------------------------


def saml_form_data(**changes):
    data = {
        "protocol": "saml",
        "name": "City of Espoo",
        "slug": "espoo",
        "scopes": "openid email profile",
        "saml_entity_id": "https://idp.espoo.example/idp",
        "saml_metadata_url": "https://idp.espoo.example/metadata",
        "email_domains": "espoo.example",
        "enabled": "on",
    }
    data.update(changes)
    return data


def test_an_administrator_adds_a_saml_provider_and_finds_the_sites_metadata(admin_client):
    response = admin_client.post(reverse("organisation_providers:add"), saml_form_data())

    assert response.status_code == 302, response.context["form"].errors
    provider = OrganisationProvider.objects.get()
    assert (provider.protocol, provider.client_secret) == ("saml", "")

    edit = admin_client.get(reverse("organisation_providers:edit", args=[provider.pk]))
    assert "http://testserver/accounts/saml/espoo/metadata/" in edit.content.decode()
    index = admin_client.get(reverse("organisation_providers:index")).content.decode()
    assert "SAML 2.0" in index


def test_a_saml_providers_metadata_may_be_uploaded_as_a_file(admin_client, saml_idp):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("idp.xml", saml_idp.metadata_xml().encode(), "text/xml")
    data = saml_form_data(saml_entity_id=saml_idp.entity_id, saml_metadata_url="")

    response = admin_client.post(
        reverse("organisation_providers:add"), {**data, "saml_metadata_file": upload}
    )

    assert response.status_code == 302, response.context["form"].errors
    provider = OrganisationProvider.objects.get()
    assert saml_idp.entity_id in provider.saml_metadata_xml
    assert "127.0.0.1" in client_origins()


def client_origins():
    from sso.services import provider_origins

    return " ".join(provider_origins())


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"saml_metadata_url": ""}, "saml_metadata_url", "either the metadata address"),
        (
            {"saml_metadata_xml": "<EntityDescriptor/>"},
            "saml_metadata_url",
            "either the metadata address",
        ),
        (
            {"saml_metadata_url": "", "saml_metadata_xml": "not xml <"},
            "saml_metadata_xml",
            "not readable XML",
        ),
        ({"saml_entity_id": ""}, "saml_entity_id", "A SAML provider needs this"),
        (
            {"saml_attribute_mapping": "email = mail\nphone = telephoneNumber"},
            "saml_attribute_mapping",
            "Line 2",
        ),
    ],
)
def test_a_saml_provider_is_checked_before_it_is_saved(admin_client, changes, field, message):
    response = admin_client.post(reverse("organisation_providers:add"), saml_form_data(**changes))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not OrganisationProvider.objects.exists()


def test_pasted_metadata_for_another_entity_is_refused(admin_client, saml_idp):
    response = admin_client.post(
        reverse("organisation_providers:add"),
        saml_form_data(saml_metadata_url="", saml_metadata_xml=saml_idp.metadata_xml()),
    )

    errors = response.context["form"].errors["saml_metadata_xml"]
    assert any("https://idp.espoo.example/idp" in error for error in errors)


def test_an_openid_connect_provider_still_needs_its_issuer_and_secret(admin_client):
    response = admin_client.post(
        reverse("organisation_providers:add"), form_data(issuer="", client_secret="")
    )

    errors = response.context["form"].errors
    assert "issuer" in errors and "client_secret" in errors


def test_the_management_command_adds_a_saml_provider(tmp_path, saml_idp):
    metadata = tmp_path / "idp.xml"
    metadata.write_text(saml_idp.metadata_xml())

    call_command(
        "identity_provider",
        "add",
        "espoo",
        "--protocol=saml",
        "--name=City of Espoo",
        f"--saml-entity-id={saml_idp.entity_id}",
        f"--saml-metadata-file={metadata}",
        "--saml-attribute-mapping=email = mail; name = cn",
        "--domains=espoo.example",
    )

    provider = OrganisationProvider.objects.get()
    assert provider.protocol == "saml"
    assert provider.attribute_mapping["email"] == ["mail"]
    assert provider.attribute_mapping["name"] == ["cn"]
    out = io.StringIO()
    call_command("identity_provider", "list", stdout=out)
    assert "espoo\tCity of Espoo\tmetadata pasted\tespoo.example\tenabled\tSAML 2.0" in (
        out.getvalue()
    )

    with pytest.raises(CommandError, match="saml_metadata_url"):
        call_command(
            "identity_provider",
            "add",
            "vantaa",
            "--protocol=saml",
            "--name=Vantaa",
            f"--saml-entity-id={saml_idp.entity_id}",
        )


def test_the_form_groups_each_protocols_fields_under_its_name(admin_client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(
        admin_client.get(reverse("organisation_providers:add")).content, "html.parser"
    )
    form = page.select_one("form[enctype='multipart/form-data']")
    assert form is not None  # the SAML metadata file can be sent

    def names_in(protocol):
        group = form.select_one(f"[data-protocol-fields='{protocol}']")
        return {field["name"] for field in group.select("input[name], textarea[name]")}

    assert names_in("oidc") == {"issuer", "client_id", "client_secret", "scopes"}
    assert names_in("saml") == {
        "saml_entity_id",
        "saml_metadata_url",
        "saml_metadata_xml",
        "saml_metadata_file",
        "saml_attribute_mapping",
    }
    headings = [" ".join(h.get_text().split()) for h in form.select("h2, h3")]
    assert "OpenID Connect" in headings and "SAML 2.0" in headings
    # What every provider has comes before either group.
    fields = [field["name"] for field in form.select("[name]") if field.name != "button"]
    assert fields.index("email_domains") < fields.index("issuer") < fields.index("saml_entity_id")


def test_a_saved_providers_short_name_stays_and_the_sites_own_names_are_refused(
    admin_client, saml_idp
):
    from django.core.exceptions import ValidationError

    from tests.sso.conftest import add_saml_provider

    provider = add_saml_provider(saml_idp)
    edit = reverse("organisation_providers:edit", args=[provider.pk])
    data = saml_form_data(
        slug="renamed", saml_entity_id=saml_idp.entity_id, saml_metadata_url=saml_idp.metadata_url
    )

    response = admin_client.post(edit, data)

    assert response.status_code == 302, response.context["form"].errors
    provider.refresh_from_db()
    assert provider.slug == "espoo"  # the address the identity provider registered holds
    provider.slug = "renamed"
    with pytest.raises(ValidationError) as error:
        provider.full_clean()
    assert "slug" in error.value.message_dict

    for taken in ("saml", "organisation"):
        response = admin_client.post(reverse("organisation_providers:add"), form_data(slug=taken))
        assert response.status_code == 200
        assert "slug" in response.context["form"].errors
