from django.urls import path

from accounts.views import profile

urlpatterns = [
    path("profile/", profile.profile, name="account_profile"),
]
