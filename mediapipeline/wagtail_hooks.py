"""The media processing page in the admin's Reports menu, for editors who may add media."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def processing_urls():
    return [
        path(
            "media-processing/",
            admin_views.processing_list,
            name="mediapipeline_processing",
        ),
        path(
            "media-processing/<int:media_id>/reprocess/",
            admin_views.reprocess,
            name="mediapipeline_reprocess",
        ),
    ]


class MediaEditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see(request.user)


@hooks.register("register_reports_menu_item")
def processing_menu_item():
    return MediaEditorsMenuItem(
        _("Media processing"), reverse("mediapipeline_processing"), icon_name="media", order=800
    )
