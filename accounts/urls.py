from django.urls import path

from accounts.views import export, profile

urlpatterns = [
    path("profile/", profile.profile, name="account_profile"),
    path("export/", export.export, name="account_export"),
]
