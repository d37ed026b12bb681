"""The lesson editor's "Preview captions" view and the header button that leads to it."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from modules import admin_views
from modules.models import LessonPage


@hooks.register("register_admin_urls")
def caption_preview_urls():
    return [
        path(
            "lessons/<int:page_id>/captions-preview/",
            admin_views.caption_preview,
            name="caption_preview",
        ),
        path(
            "lessons/<int:page_id>/captions-preview/<str:kind>/<str:language>.vtt",
            admin_views.caption_preview_track,
            name="caption_preview_track",
        ),
    ]


class CaptionPreviewButton(PageMenuItem):
    label = _("Preview captions")
    icon_name = "media"
    url_name = "caption_preview"
    priority = 66

    def is_shown(self, user):
        return (
            self.page.specific_class is LessonPage
            and self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def caption_preview_button(page, user, view_name, next_url=None):
    yield CaptionPreviewButton(page=page)  # the preview links back to the editor itself
