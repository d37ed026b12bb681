"""Organisations' sign-in providers in the Wagtail admin (Settings → Organisation sign-in), for
those with the model's permissions (administrators). The secret is never shown back
(sso.forms), and removing a provider removes the identities linked through it
(sso.services.provider_remove)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet

from sso.forms import OrganisationProviderForm
from sso.models import OrganisationProvider
from sso.services import provider_remove


class ProviderDeleteView(DeleteView):
    def delete_action(self):
        provider_remove(provider=self.object)


class OrganisationProviderViewSet(ModelViewSet):
    model = OrganisationProvider
    icon = "key"
    menu_label = _("Organisation sign-in")
    add_to_settings_menu = True
    list_display = ["name", "slug", "issuer", "enabled", "asserts_mfa"]
    delete_view_class = ProviderDeleteView

    def get_form_class(self, for_update=False):
        return OrganisationProviderForm


@hooks.register("register_admin_viewset")
def register_provider_viewset():
    return OrganisationProviderViewSet("organisation_providers")
