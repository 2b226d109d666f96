from django.urls import path, register_converter

from emulation import dashboard


class MovementCode:
    """A movement's code (a slug), except the words the movement pages use as paths of their
    own under /movements/ (emulation.pages_urls, included after these patterns)."""

    regex = "[-a-zA-Z0-9_]+"
    reserved = frozenset({"mine"})

    def to_python(self, value):
        if value in self.reserved:
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value


register_converter(MovementCode, "movement_code")

urlpatterns = [
    path("", dashboard.movement_list, name="movement_list"),
    path("<movement_code:code>/", dashboard.movement_dashboard, name="movement_dashboard"),
    path("<movement_code:code>/export.xlsx", dashboard.movement_export, name="movement_export"),
]
