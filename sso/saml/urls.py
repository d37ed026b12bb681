"""SAML sign-in's addresses under /accounts/saml/<short name>/ (allauth includes them as the
SAML provider's package's; the names are allauth's, which its SAML code reverses). The
assertion consumer service address is csrf-exempt: the identity provider posts to it."""

from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from sso.saml import views

urlpatterns = [
    path(
        "saml/<slug:organization_slug>/",
        include(
            [
                path("acs/", csrf_exempt(views.acs), name="saml_acs"),
                path(
                    "acs/finish/",
                    views.finish_acs,
                    name="saml_finish_acs",
                ),
                path("sls/", csrf_exempt(views.sls), name="saml_sls"),
                path("metadata/", views.metadata, name="saml_metadata"),
                path("login/", views.login, name="saml_login"),
            ]
        ),
    )
]
