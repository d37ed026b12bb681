"""Forms of organisation sign-in: the address on the login page, and the provider in the admin."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from sso.models import OrganisationProvider


class DiscoveryForm(forms.Form):
    email = forms.EmailField(label=_("Work email address"), max_length=254)


def masked(secret: str) -> str:
    """What the admin shows of a stored secret: its length in dots and its last four characters
    only when it is long enough that they give little away."""
    if not secret:
        return ""
    tail = secret[-4:] if len(secret) >= 16 else ""
    return "•" * 8 + tail


MAX_METADATA_BYTES = 1024 * 1024


class OrganisationProviderForm(WagtailAdminModelForm):
    """The provider in the admin, of either kind (the model says which fields each needs). The
    stored client secret is never sent back: the field is empty, says how the stored one ends,
    and leaving it empty keeps it. SAML metadata may be pasted or uploaded as a file."""

    issuer = forms.URLField(
        label=capfirst(_("issuer")),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=OrganisationProvider._meta.get_field("issuer").help_text,
    )
    saml_metadata_url = forms.URLField(
        label=_("SAML metadata address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=OrganisationProvider._meta.get_field("saml_metadata_url").help_text,
    )
    saml_metadata_file = forms.FileField(
        label=_("SAML metadata file"),
        required=False,
        help_text=_("SAML: or upload the metadata file; it replaces the metadata above."),
    )
    client_secret = forms.CharField(
        label=capfirst(_("client secret")),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = OrganisationProvider
        fields = [
            "protocol",
            "name",
            "slug",
            "issuer",
            "client_id",
            "client_secret",
            "scopes",
            "saml_entity_id",
            "saml_metadata_url",
            "saml_metadata_xml",
            "saml_metadata_file",
            "saml_attribute_mapping",
            "email_domains",
            "asserts_mfa",
            "enabled",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_secret = self.instance.client_secret if self.instance.pk else ""
        field = self.fields["client_secret"]
        if self.stored_secret:
            field.help_text = _("Stored: %(masked)s. Leave empty to keep it.") % {
                "masked": masked(self.stored_secret)
            }
        if self.instance.pk:
            self.fields["slug"].disabled = True

    def clean_client_secret(self) -> str:
        return self.cleaned_data.get("client_secret") or self.stored_secret

    def clean_saml_metadata_file(self):
        upload = self.cleaned_data.get("saml_metadata_file")
        if upload:
            if upload.size > MAX_METADATA_BYTES:
                raise forms.ValidationError(_("The metadata file is too large."))
            try:
                self.cleaned_data["saml_metadata_xml"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(_("The metadata file is not UTF-8 text.")) from error
        return upload
