"""/api/v2/: the content API's endpoints and, beside them, their OpenAPI description."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from contentapi import views
from contentapi.endpoints import DocumentsEndpoint, ImagesEndpoint, MediaEndpoint, PagesEndpoint

router = WagtailAPIRouter("contentapi")
router.register_endpoint("pages", PagesEndpoint)
router.register_endpoint("images", ImagesEndpoint)
router.register_endpoint("documents", DocumentsEndpoint)
router.register_endpoint("media", MediaEndpoint)

urlpatterns = [
    path("openapi.json", views.openapi_json, name="contentapi_openapi"),
    path("", router.urls),
]
