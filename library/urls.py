"""Expert and theme pages. The resource library itself is a Wagtail page (at /library/)."""

from django.urls import path

from library.views import experts, themes

urlpatterns = [
    path("experts/", experts.expert_list, name="expert_list"),
    path("experts/<slug:slug>/", experts.expert_detail, name="expert_detail"),
    path("themes/", themes.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", themes.theme_detail, name="theme_detail"),
]
