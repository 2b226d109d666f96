from django.urls import include, path

urlpatterns = [
    path("", include("emulation.dashboard_urls")),
    path("", include("emulation.pages_urls")),
]
