from django.urls import include, path

# The pages' fixed paths (mine/, <code>/unit/…, <code>/checks/) come before the dashboard's
# <code>/ so that no movement code can shadow them.
urlpatterns = [
    path("", include("emulation.pages_urls")),
    path("", include("emulation.dashboard_urls")),
]
