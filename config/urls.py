from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("", include("nominations.urls")),
    path("", include("workflows.urls")),
    path("", include("nominations.documents.urls")),
    path("", include("nominations.register.urls")),
    path("", include("nominations.eligibility.urls")),
    path("imports/", include("nominations.imports.urls")),
    path("movements/", include("emulation.urls")),
    path("council/sessions/", include("nominations.council.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]
