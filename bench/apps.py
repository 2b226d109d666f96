from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Installed only by bench.settings, so that viewflow can resolve the bare flow's tasks."""

    name = "bench"
    label = "bench"
    default_auto_field = "django.db.models.BigAutoField"
