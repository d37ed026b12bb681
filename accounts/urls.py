from django.urls import path

from accounts.views import deletion, export, playback, profile

urlpatterns = [
    path("profile/", profile.profile, name="account_profile"),
    path("playback-rate/", playback.playback_rate, name="account_playback_rate"),
    path("export/", export.export, name="account_export"),
    path("delete/", deletion.account_delete_view, name="account_delete"),
    path("delete/done/", deletion.account_delete_done, name="account_delete_done"),
]
