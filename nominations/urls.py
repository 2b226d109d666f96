from django.urls import path

from nominations import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dossiers/", views.dossier_list, name="dossier_list"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
    path(
        "decisions/<int:pk>/certificates/",
        views.decision_certificates,
        name="decision_certificates",
    ),
    path("public/decisions/", views.public_decisions, name="public_decisions"),
    path("public/decisions/<int:pk>/", views.public_decision, name="public_decision"),
    path("public/decisions/<int:pk>/pdf/", views.public_decision_pdf, name="public_decision_pdf"),
    path(
        "public/decisions/<int:pk>/docx/", views.public_decision_docx, name="public_decision_docx"
    ),
]
