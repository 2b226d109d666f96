from django.urls import path

from workflows import views

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("dossiers/new/", views.dossier_create, name="dossier_create"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("tasks/<int:task_pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:task_pk>/take/", views.task_take, name="task_take"),
    path("tasks/<int:task_pk>/release/", views.task_release, name="task_release"),
]
