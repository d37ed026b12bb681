"""Forms of organisation sign-in: the address on the login page, and the provider in the admin."""

from django import forms
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


class OrganisationProviderForm(WagtailAdminModelForm):
    """The provider in the admin. The stored client secret is never sent back: the field is
    empty, says how the stored one ends, and leaving it empty keeps it."""

    issuer = forms.URLField(
        label=_("issuer"),
        max_length=500,
        assume_scheme="https",
        help_text=OrganisationProvider._meta.get_field("issuer").help_text,
    )
    client_secret = forms.CharField(
        label=_("client secret"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = OrganisationProvider
        fields = [
            "name",
            "slug",
            "issuer",
            "client_id",
            "client_secret",
            "scopes",
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
            self.fields["slug"].disabled = True
        else:
            field.required = True

    def clean_client_secret(self) -> str:
        return self.cleaned_data.get("client_secret") or self.stored_secret
