"""The project's settings, plus the bench app, a dedicated database and no outside effects.

The database name always ends in `_bench` (DATABASE_URL=.../thidua becomes thidua_bench; the
inbox benchmark adds `_inbox`), so the benchmarks, which drop and recreate their database,
never touch a working one.
"""

from config.settings import *  # noqa: F403
from config.settings import DATABASES, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.postgresql" and not _db["NAME"].endswith("_bench"):
    _db["NAME"] = f"{_db['NAME']}_bench"

# Notification e-mails: queued to an in-memory broker (a publish, as with Redis in
# production) and never sent from inside the timed chain; nothing reaches a real mailbox.
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
