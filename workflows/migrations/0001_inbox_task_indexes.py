"""Partial indexes on viewflow's task table for our inbox (bench/inbox.py measures them).

- takeable: open steps nobody holds, in creation order (the inbox lists oldest first);
- held: a person's open steps, without walking their finished history.

PostgreSQL builds them CONCURRENTLY (no write lock on a live table), hence atomic = False.
SQLite (the demo) gets the same partial indexes without INCLUDE.
"""

from django.db import migrations

TAKEABLE = "workflows_task_takeable"
HELD = "workflows_task_held"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {TAKEABLE} ON viewflow_task "
            "(created, id) INCLUDE (flow_task, process_id) "
            "WHERE status = 'NEW' AND owner_id IS NULL"
        )
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {HELD} ON viewflow_task "
            "(owner_id, created, id) WHERE status IN ('ASSIGNED', 'STARTED')"
        )
    else:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TAKEABLE} ON viewflow_task (created, id) "
            "WHERE status = 'NEW' AND owner_id IS NULL"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {HELD} ON viewflow_task (owner_id, created, id) "
            "WHERE status IN ('ASSIGNED', 'STARTED')"
        )


def drop(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name in (TAKEABLE, HELD):
        schema_editor.execute(f"DROP INDEX {concurrently}IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("viewflow", "0015_task_scheduled")]

    operations = [migrations.RunPython(create, drop)]
