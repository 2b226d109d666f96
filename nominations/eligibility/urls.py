from django.urls import path

from nominations.eligibility import views

urlpatterns = [
    path(
        "dossiers/<int:pk>/nominees/<int:nominee_pk>/identify/",
        views.identify_nominee,
        name="nominee_identify",
    ),
]
