"""Organisations' sign-in providers (OpenID Connect or SAML) from the command line, for
automated set-ups.

    manage.py identity_provider add tampere --name "City of Tampere" \\
        --issuer https://login.tampere.fi --client-id course --domains tampere.fi \\
        [--scopes "openid email profile"] [--asserts-mfa] [--disabled]
    manage.py identity_provider add espoo --protocol saml --name "City of Espoo" \\
        --saml-entity-id https://idp.espoo.fi/idp \\
        (--saml-metadata-url https://idp.espoo.fi/metadata | --saml-metadata-file idp.xml) \\
        [--saml-attribute-mapping "email = mail"] --domains espoo.fi
    manage.py identity_provider list
    manage.py identity_provider remove tampere

An OpenID Connect provider's client secret is read from the environment variable named by
--client-secret-env (IDENTITY_PROVIDER_CLIENT_SECRET unless told), never from the command line,
where other users of the machine could read it. `add` on an existing short name updates that
provider; an update without the secret in the environment keeps the stored one.
"""

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sso.models import DEFAULT_ATTRIBUTE_MAPPING, DEFAULT_SCOPES, OrganisationProvider
from sso.services import provider_remove, provider_save

MAPPING_KEYS = list(DEFAULT_ATTRIBUTE_MAPPING)


class Command(BaseCommand):
    help = "Add, list or remove organisations' sign-in providers (OpenID Connect or SAML)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Add a provider, or update the one with this name.")
        add.add_argument("slug", help="short name, part of the redirect address")
        add.add_argument("--protocol", choices=["oidc", "saml"], default="oidc")
        add.add_argument("--name", required=True, help="shown on the sign-in button")
        add.add_argument("--issuer", default="", help="OpenID Connect: the issuer address")
        add.add_argument("--client-id", default="", help="OpenID Connect: the client ID")
        add.add_argument(
            "--client-secret-env",
            default="IDENTITY_PROVIDER_CLIENT_SECRET",
            help="environment variable holding the client secret",
        )
        add.add_argument("--scopes", default=DEFAULT_SCOPES)
        add.add_argument("--saml-entity-id", default="", help="SAML: the provider's entity ID")
        add.add_argument("--saml-metadata-url", default="", help="SAML: its metadata address")
        add.add_argument(
            "--saml-metadata-file", type=Path, help="SAML: a file holding its metadata"
        )
        add.add_argument(
            "--saml-attribute-mapping",
            default="",
            help="SAML: attribute names where they differ from the usual "
            f"('key = name, name', several separated by ';'; keys: {', '.join(MAPPING_KEYS)})",
        )
        add.add_argument("--domains", default="", help="email domains it serves, comma-separated")
        add.add_argument("--asserts-mfa", action="store_true")
        add.add_argument("--disabled", action="store_true")
        actions.add_parser("list", help="List the providers (without secrets).")
        remove = actions.add_parser("remove", help="Remove a provider and its linked identities.")
        remove.add_argument("slug")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_add(self, *, slug, client_secret_env, **options):
        provider = OrganisationProvider.objects.filter(slug=slug).first()
        created = provider is None
        provider = provider or OrganisationProvider(slug=slug)
        saml = options["protocol"] == OrganisationProvider.Protocol.SAML
        secret = os.environ.get(client_secret_env, "")
        if secret and not saml:
            provider.client_secret = secret
        elif not saml and not provider.client_secret:
            raise CommandError(
                f"Set the client secret in the environment variable {client_secret_env}."
            )
        provider.protocol = options["protocol"]
        provider.saml_entity_id = options["saml_entity_id"]
        provider.saml_metadata_url = options["saml_metadata_url"]
        provider.saml_metadata_xml = ""
        if options["saml_metadata_file"]:
            try:
                provider.saml_metadata_xml = options["saml_metadata_file"].read_text("utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Cannot read the metadata file: {error}") from error
        provider.saml_attribute_mapping = options["saml_attribute_mapping"].replace(";", "\n")
        provider.name = options["name"]
        provider.issuer = options["issuer"]
        provider.client_id = options["client_id"]
        provider.scopes = options["scopes"]
        provider.email_domains = options["domains"]
        provider.asserts_mfa = options["asserts_mfa"]
        provider.enabled = not options["disabled"]
        try:
            provider_save(provider=provider)
        except ValidationError as error:
            reasons = "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()
            )
            raise CommandError(reasons) from error
        self.stdout.write(f"{'Added' if created else 'Updated'} {slug}.")

    def handle_list(self, **options):
        for provider in OrganisationProvider.objects.all():
            state = "enabled" if provider.enabled else "disabled"
            mfa = ", asserts MFA" if provider.asserts_mfa else ""
            domains = ", ".join(provider.domain_list) or "no domains"
            where = (
                provider.saml_metadata_url or "metadata pasted"
                if provider.protocol == OrganisationProvider.Protocol.SAML
                else provider.issuer
            )
            self.stdout.write(
                f"{provider.slug}\t{provider.name}\t{where}\t{domains}\t{state}{mfa}"
                f"\t{provider.get_protocol_display()}"
            )

    def handle_remove(self, *, slug, **options):
        provider = OrganisationProvider.objects.filter(slug=slug).first()
        if provider is None:
            raise CommandError(f"No provider is called {slug}.")
        links = provider_remove(provider=provider)
        self.stdout.write(f"Removed {slug} and {links} linked identities.")
