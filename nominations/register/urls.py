from django.urls import path

from nominations.register import views

urlpatterns = [
    path("register/", views.register_list, name="register_list"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
]
