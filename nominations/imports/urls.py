from django.urls import path

from nominations.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.import_upload, name="upload"),
    path("dossiers/<int:dossier_pk>/nominees/", views.import_nominees_upload, name="nominees"),
    path("<int:pk>/columns/", views.import_mapping, name="mapping"),
    path("<int:pk>/", views.import_preview, name="preview"),
    path("<int:pk>/apply/", views.import_apply, name="apply"),
    path("<int:pk>/discard/", views.import_discard, name="discard"),
]
