"""Course insights in the Wagtail admin: its menu item and URLs, a summary panel on the admin
home for analysts, and "Figures for this lesson" on a lesson's page for its editors."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import HeaderButton

from insights import views
from insights.figures import Period, completion, weekly
from insights.refresh import last_refresh, rollups_available
from insights.tables import SUPPRESSED


@hooks.register("register_admin_urls")
def insights_urls():
    return [
        path("insights/", views.insights_index, name="insights"),
        path("insights/<slug:section>/", views.insights_index, name="insights_section"),
        path("insights/csv/<slug:key>.csv", views.insights_csv, name="insights_csv"),
        path("insights/lesson/<int:page_id>/", views.lesson_figures, name="insights_lesson"),
        path(
            "insights/lesson/<int:page_id>/<slug:key>.csv",
            views.lesson_csv,
            name="insights_lesson_csv",
        ),
    ]


class AnalystsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view_insights(request.user)


@hooks.register("register_admin_menu_item")
def insights_menu_item():
    return AnalystsMenuItem(_("Course insights"), reverse("insights"), icon_name="table", order=850)


class InsightsSummaryPanel(Component):
    """A few figures on the admin home: this week's activity and the course's completion."""

    name = "insights_summary"
    template_name = "insights/home_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        this_week = Period.default()
        week = weekly(Period(this_week.last, this_week.last)).rows[0]
        rows = completion().rows  # the whole course comes first
        course = rows[0] if rows else None
        context.update(
            {
                "enrolled": week[1],
                "active": week[2],
                "completion": course[1] if course else SUPPRESSED,
                "course_label": course[0] if course else "",
                "refresh": last_refresh(),
            }
        )
        return context


@hooks.register("construct_homepage_panels")
def insights_summary_panel(request, panels):
    if views.can_view_insights(request.user) and rollups_available():
        panels.append(InsightsSummaryPanel())


@hooks.register("register_page_header_buttons")
def lesson_figures_button(page, user, view_name, next_url=None):
    from modules.models import LessonPage

    if page.specific_class is not LessonPage or not page.pk:
        return
    if page.permissions_for_user(user).can_edit() or views.can_view_insights(user):
        yield HeaderButton(
            _("Figures for this lesson"),
            url=reverse("insights_lesson", args=[page.pk]),
            icon_name="table",
            priority=80,
        )
