from django.urls import path

from courses.views import certificates, dashboard, progress, reminders

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("courses/<int:course_id>/start/", progress.course_start, name="course_start"),
    path(
        "progress/lessons/<int:lesson_id>/report/",
        progress.progress_report,
        name="progress_report",
    ),
    path(
        "progress/lessons/<int:lesson_id>/complete/",
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
    path("certificates/<str:code>/", certificates.certificate_detail, name="certificate_detail"),
    path("certificates/<str:code>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/<str:code>/verify/",
        certificates.certificate_verify,
        name="certificate_verify",
    ),
]
