from django.urls import path

import config.converters  # noqa: F401  (registers the `id` and `text` converters)
from courses.views import certificates, dashboard, progress, reminders

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("courses/<id:course_id>/start/", progress.course_start, name="course_start"),
    path(
        "progress/lessons/<id:lesson_id>/report/",
        progress.progress_report,
        name="progress_report",
    ),
    path(
        "progress/lessons/<id:lesson_id>/complete/",
        progress.lesson_complete,
        name="lesson_complete",
    ),
    path("progress/import/", progress.progress_import, name="progress_import"),
    path("reminders/", reminders.reminder_settings, name="reminder_settings"),
    path(
        "reminders/unsubscribe/<str:token>/",
        reminders.reminder_unsubscribe,
        name="reminder_unsubscribe",
    ),
    path("certificates/<text:code>/", certificates.certificate_detail, name="certificate_detail"),
    path("certificates/<text:code>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path("certificates/<text:code>/name/", certificates.certificate_name, name="certificate_name"),
    path(
        "certificates/<text:code>/visibility/",
        certificates.certificate_visibility,
        name="certificate_visibility",
    ),
    path(
        "certificates/<text:code>/verify/",
        certificates.certificate_verify,
        name="certificate_verify",
    ),
]
