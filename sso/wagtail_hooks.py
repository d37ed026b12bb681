"""Organisations' sign-in providers in the Wagtail admin (Settings → Organisation sign-in), for
those with the model's permissions (administrators). The secret is never shown back
(sso.forms), removing a provider removes the identities linked through it
(sso.services.provider_remove), and a SAML provider's page links to the site's metadata for it,
which its identity provider's administrator imports."""

from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic import DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from sso.forms import OrganisationProviderForm
from sso.models import OrganisationProvider
from sso.services import provider_remove


class ProviderDeleteView(DeleteView):
    def delete_action(self):
        provider_remove(provider=self.object)


class ProviderEditView(EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.protocol == OrganisationProvider.Protocol.SAML:
            with translation.override(None):
                url = reverse("saml_metadata", args=[self.object.slug])
            buttons.append(
                HeaderButton(
                    _("This site's SAML metadata"),
                    url=self.request.build_absolute_uri(url),
                    icon_name="download",
                    attrs={"data-saml-metadata": ""},
                )
            )
        return buttons


class OrganisationProviderViewSet(ModelViewSet):
    model = OrganisationProvider
    icon = "key"
    menu_label = _("Organisation sign-in")
    add_to_settings_menu = True
    list_display = ["name", "slug", "protocol", "enabled", "asserts_mfa"]
    delete_view_class = ProviderDeleteView
    edit_view_class = ProviderEditView
    # What every provider has first, then one group of fields per protocol: an administrator
    # fills in the group of the protocol chosen and leaves the other empty.
    edit_handler = ObjectList(
        [
            FieldPanel("protocol"),
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("email_domains"),
            FieldPanel("asserts_mfa"),
            FieldPanel("enabled"),
            MultiFieldPanel(
                [
                    FieldPanel("issuer"),
                    FieldPanel("client_id"),
                    FieldPanel("client_secret"),
                    FieldPanel("scopes"),
                ],
                heading=_("OpenID Connect"),
                attrs={"data-protocol-fields": "oidc"},
            ),
            MultiFieldPanel(
                [
                    FieldPanel("saml_entity_id"),
                    FieldPanel("saml_metadata_url"),
                    FieldPanel("saml_metadata_xml"),
                    FieldPanel("saml_metadata_file"),
                    FieldPanel("saml_attribute_mapping"),
                ],
                heading=_("SAML 2.0"),
                attrs={"data-protocol-fields": "saml"},
            ),
        ],
        base_form_class=OrganisationProviderForm,
    )


@hooks.register("register_admin_viewset")
def register_provider_viewset():
    return OrganisationProviderViewSet("organisation_providers")
