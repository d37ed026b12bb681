"""The Course insights area of the Wagtail admin, and a lesson's own figures for its editors.

Who may see what: the area is for the "Course analysts" group (permission
insights.view_insights) and superusers; a lesson's figures are for whoever may edit that lesson
(and for analysts). Everyone else is refused (Wagtail's admin answers PermissionDenied with a
redirect to its dashboard and a message). No view lists or links a learner.
"""

from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from insights import figures
from insights.charts import chart
from insights.figures import MAX_WEEKS, SECTIONS, Period
from insights.formatting import table_csv, table_texts
from insights.refresh import last_refresh, rollups_available

PERMISSION = "insights.view_insights"


def can_view_insights(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def _require_analyst(request):
    if not can_view_insights(request.user):
        raise PermissionDenied


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period is before its start."))
            if end - start > timedelta(weeks=MAX_WEEKS):
                raise forms.ValidationError(
                    _("Choose a period of at most %(weeks)s weeks.") % {"weeks": MAX_WEEKS}
                )
        return data

    def period(self) -> Period:
        if self.is_bound and self.is_valid():
            return Period.of(self.cleaned_data["start"], self.cleaned_data["end"])
        return Period.default()


def _period_form(request) -> PeriodForm:
    if "start" in request.GET or "end" in request.GET:
        return PeriodForm(request.GET)
    default = Period.default()
    return PeriodForm(initial={"start": default.first, "end": default.last + timedelta(days=6)})


def _shown(tables) -> list[dict]:
    return [
        {"table": table, "chart": chart(table), "texts": table_texts(table)} for table in tables
    ]


def _base_context(request, title):
    return {
        "page_title": title,
        "header_icon": "table",
        "refresh": last_refresh(),
        "available": rollups_available(),
    }


@require_GET
def insights_index(request, section="activity"):
    _require_analyst(request)
    chosen = SECTIONS.get(section)
    if chosen is None:
        raise Http404
    form = _period_form(request)
    context = _base_context(request, _("Course insights"))
    context.update(
        {
            "sections": [(s.slug, s.title()) for s in SECTIONS.values()],
            "section": chosen.slug,
            "section_title": chosen.title(),
            "form": form if chosen.slug == "activity" else None,
            "query": request.GET.urlencode(),
            "tables": (_shown(chosen.tables(period=form.period())) if context["available"] else []),
        }
    )
    return TemplateResponse(request, "insights/index.html", context)


def _csv_response(table) -> HttpResponse:
    response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.key}.csv"'
    return response


@require_GET
def insights_csv(request, key):
    _require_analyst(request)
    if not rollups_available():
        raise Http404
    table = figures.table_by_key(key, period=_period_form(request).period())
    if table is None:
        raise Http404
    return _csv_response(table)


def _lesson_for_editor(request, page_id):
    from modules.models import LessonPage

    lesson = get_object_or_404(LessonPage, pk=page_id)
    if not (
        lesson.permissions_for_user(request.user).can_edit() or can_view_insights(request.user)
    ):
        raise PermissionDenied
    return lesson


def lesson_tables(lesson) -> list:
    english = figures.english_lesson_id(lesson)
    if english is None or not rollups_available():
        return []
    tables = [figures.lesson_completion(english)]
    if lesson.media_id:
        tables.extend(figures.dropoffs(lesson_ids=[english]))
    return tables


@require_GET
def lesson_figures(request, page_id):
    lesson = _lesson_for_editor(request, page_id)
    context = _base_context(request, _("Figures for this lesson"))
    context.update({"lesson": lesson, "tables": _shown(lesson_tables(lesson))})
    return TemplateResponse(request, "insights/lesson.html", context)


@require_GET
def lesson_csv(request, page_id, key):
    lesson = _lesson_for_editor(request, page_id)
    for table in lesson_tables(lesson):
        if table.key == key:
            return _csv_response(table)
    raise Http404
