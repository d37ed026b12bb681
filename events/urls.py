from django.urls import path

from events import views

urlpatterns = [
    path("events/calendar.ics", views.upcoming_ics, name="events_calendar"),
    path("events/<int:pk>/register/", views.register, name="event_register"),
    path("events/<int:pk>/cancel/", views.cancel_registration, name="event_cancel"),
    path("events/<int:pk>/calendar.ics", views.event_ics, name="event_calendar"),
    path("events/<int:pk>/captions.vtt", views.recording_captions, name="event_captions"),
]
