from django.urls import path

from accounts.views import deletion, export, profile

urlpatterns = [
    path("profile/", profile.profile, name="account_profile"),
    path("export/", export.export, name="account_export"),
    path("delete/", deletion.account_delete_view, name="account_delete"),
    path("delete/done/", deletion.account_delete_done, name="account_delete_done"),
]
