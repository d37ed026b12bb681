from django.urls import path

import config.converters  # noqa: F401  (registers the `id` and `text` converters)
from events import views

urlpatterns = [
    path("events/calendar.ics", views.upcoming_ics, name="events_calendar"),
    path("events/<id:pk>/register/", views.register, name="event_register"),
    path("events/<id:pk>/cancel/", views.cancel_registration, name="event_cancel"),
    path("events/<id:pk>/calendar.ics", views.event_ics, name="event_calendar"),
    path("events/<id:pk>/captions.vtt", views.recording_captions, name="event_captions"),
]
