from django.urls import path

from nominations.documents import views

urlpatterns = [
    path(
        "dossiers/<int:pk>/documents/upload/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "dossiers/<int:pk>/documents/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "dossiers/<int:pk>/documents/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
]
