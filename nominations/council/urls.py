from django.urls import path

from nominations.council import views

urlpatterns = [
    path("", views.session_list, name="council_session_list"),
    path("new/", views.session_create, name="council_session_create"),
    path("<int:pk>/", views.session_detail, name="council_session_detail"),
    path("<int:pk>/recusals/", views.recusal_add, name="council_recusal_add"),
    path("<int:pk>/ballot/", views.ballot, name="council_ballot"),
    path("<int:pk>/written/<int:member_pk>/", views.written_ballot, name="council_written_ballot"),
    path("<int:pk>/minutes.<str:kind>", views.minutes_download, name="council_minutes_download"),
]
