"""Addresses of organisation sign-in, included by allauth under /accounts/ (allauth includes
each provider package's urls; this app is the `organisation` provider's package)."""

from django.urls import path

from sso import views

urlpatterns = [
    path("organisation/", views.discover, name="sso_discover"),
    path("organisation/<slug:provider_id>/login/", views.login, name="organisation_login"),
    path(
        "organisation/<slug:provider_id>/login/callback/",
        views.callback,
        name="organisation_callback",
    ),
]
