from django.urls import path

from learningrecords import views

urlpatterns = [
    path(
        "dashboard/learning-records.json",
        views.statements_download,
        name="learning_records_download",
    ),
]
