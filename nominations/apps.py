from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = _("Nominations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from nominations.roles_sync import sync_role_groups

        post_migrate.connect(sync_role_groups, sender=self)
