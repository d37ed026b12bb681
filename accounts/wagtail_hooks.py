"""The learners' data requests page in the Wagtail admin, for administrators only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import admin_views


@hooks.register("register_admin_urls")
def data_request_urls():
    return [path("data-requests/", admin_views.data_requests, name="data_requests")]


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def data_requests_menu_item():
    return AdministratorsMenuItem(
        _("Learners' data requests"), reverse("data_requests"), icon_name="lock", order=900
    )
