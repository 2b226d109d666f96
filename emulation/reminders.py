"""Reminders of the movements: before each milestone, and for the reports still missing.

Run by Celery beat (emulation.tasks.send_movement_reminders) as often as one likes: each
Reminder has a unique key (milestone, unit, person), so a second run adds nothing; the rows are
written in one transaction and the mails are queued after commit, each sent at most once
(`emailed_at`, under a row lock), as nominations.notifications does it.

The number of queries does not depend on the number of units or people: participants, plans,
memberships, unit names and reports are loaded in bulk; only the targets are read per movement
that has a review milestone due (selectors.target_specs, four queries each).
"""

import logging
from collections import defaultdict
from datetime import date
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from emulation.evaluation import REPORT_FIELDS, current_reports
from emulation.models import (
    ImplementationPlan,
    Milestone,
    MilestoneKind,
    Movement,
    MovementStatus,
    ProgressReport,
    Reminder,
    ReminderKind,
)
from emulation.selectors import target_specs
from nominations.models import Membership, Unit
from nominations.register.calendar import load_calendar
from nominations.roles import Role

logger = logging.getLogger(__name__)

REMINDED_ROLES = (Role.UNIT_CLERK, Role.UNIT_HEAD)
REVIEW_KINDS = (MilestoneKind.INTERIM_REVIEW, MilestoneKind.FINAL_REVIEW)


def working_days_ahead() -> int:
    return getattr(settings, "MOVEMENT_REMINDER_WORKING_DAYS", 3)


def reminders_due(today: date) -> int:
    """Write the reminders due on `today` and queue their mails; returns how many are new."""
    horizon = load_calendar().add_working_days(today, working_days_ahead())
    milestones = list(
        Milestone.objects.filter(movement__status=MovementStatus.LAUNCHED)
        .filter(
            Q(due_on__gte=today, due_on__lte=horizon) | Q(kind__in=REVIEW_KINDS, due_on__lte=today)
        )
        .select_related("movement")
        .order_by("due_on", "pk")
    )
    if not milestones:
        return 0
    upcoming = [m for m in milestones if today <= m.due_on]
    reviews = [m for m in milestones if m.kind in REVIEW_KINDS and m.due_on <= today]
    movement_ids = {m.movement_id for m in milestones}

    participants = defaultdict(set)
    for movement_id, unit_id in Movement.participants.through.objects.filter(
        movement_id__in=movement_ids
    ).values_list("movement_id", "unit_id"):
        participants[movement_id].add(unit_id)
    filed = set(
        ImplementationPlan.objects.filter(movement_id__in=movement_ids).values_list(
            "movement_id", "unit_id"
        )
    )

    # (milestone, unit) -> what to say; built first, the people are looked up once for all.
    wanted: list[tuple[str, Milestone, int, dict]] = []
    for milestone in upcoming:
        for unit_id in sorted(participants[milestone.movement_id]):
            if milestone.kind == MilestoneKind.PLANS_DUE and (
                (milestone.movement_id, unit_id) in filed
            ):
                continue
            wanted.append((ReminderKind.MILESTONE, milestone, unit_id, {}))

    missing = _missing_targets({m.movement_id for m in reviews})
    for milestone in reviews:
        for unit_id, targets in sorted(missing.get(milestone.movement_id, {}).items()):
            wanted.append((ReminderKind.MISSING_REPORT, milestone, unit_id, {"targets": targets}))
    if not wanted:
        return 0

    unit_ids = {unit_id for _kind, _m, unit_id, _extra in wanted}
    people = defaultdict(set)
    for unit_id, user_id in (
        Membership.objects.active(today)
        .filter(unit_id__in=unit_ids, role__in=REMINDED_ROLES, user__is_active=True)
        .values_list("unit_id", "user_id")
    ):
        people[unit_id].add(user_id)
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))

    rows = []
    with translation.override(settings.LANGUAGE_CODE):
        for kind, milestone, unit_id, extra in wanted:
            message = _message(kind, milestone, names.get(unit_id, ""), **extra)
            prefix = "milestone" if kind == ReminderKind.MILESTONE else "missing"
            rows.extend(
                Reminder(
                    movement_id=milestone.movement_id,
                    kind=kind,
                    milestone=milestone,
                    unit_id=unit_id,
                    recipient_id=user_id,
                    message=message,
                    key=f"{prefix}:{milestone.pk}:{unit_id}:{user_id}",
                )
                for user_id in sorted(people[unit_id])
            )
    if not rows:
        return 0

    keys = [row.key for row in rows]
    with transaction.atomic():
        known = dict(Reminder.objects.filter(key__in=keys).values_list("key", "emailed_at"))
        new = [row for row in rows if row.key not in known]
        Reminder.objects.bulk_create(new, ignore_conflicts=True)
        # New rows, and older ones whose mail never went out (broker down): sent at most once.
        pending = [key for key in keys if key not in known or known[key] is None]
        if pending:
            transaction.on_commit(partial(enqueue_reminder_emails, pending))
    return len(new)


def _missing_targets(movement_ids: set[int]) -> dict[int, dict[int, list[str]]]:
    """{movement: {unit: [target descriptions without a current report from that unit]}}."""
    if not movement_ids:
        return {}
    reports = ProgressReport.objects.filter(target__task__movement_id__in=movement_ids).values(
        *REPORT_FIELDS
    )
    reported = set(current_reports(reports))
    missing: dict[int, dict[int, list[str]]] = {}
    for movement in Movement.objects.filter(pk__in=movement_ids).order_by("pk"):
        per_unit = defaultdict(list)
        for spec in target_specs(movement):
            for unit_id in spec.concerned_unit_ids:
                if (spec.id, unit_id) not in reported:
                    per_unit[unit_id].append(f"{spec.code} — {spec.description}")
        missing[movement.pk] = dict(per_unit)
    return missing


def _message(kind, milestone: Milestone, unit_name: str, targets=()) -> str:
    context = {
        "movement": milestone.movement.title,
        "milestone": milestone.title,
        "date": f"{milestone.due_on:%d/%m/%Y}",
        "unit": unit_name,
    }
    if kind == ReminderKind.MISSING_REPORT:
        return _(
            "Movement “%(movement)s”: %(unit)s has not yet reported on %(count)s target(s) "
            "due for “%(milestone)s” (%(date)s): %(targets)s."
        ) % {**context, "count": len(targets), "targets": "; ".join(targets)}
    if milestone.kind == MilestoneKind.PLANS_DUE:
        return (
            _(
                "Movement “%(movement)s”: %(unit)s has not filed its implementation plan; "
                "“%(milestone)s” is due on %(date)s."
            )
            % context
        )
    return _("Movement “%(movement)s”: “%(milestone)s” is due on %(date)s (%(unit)s).") % context


def enqueue_reminder_emails(keys: list[str]) -> None:
    """After commit: one task per reminder whose mail has not gone out yet."""
    from emulation.tasks import deliver_reminder

    ids = Reminder.objects.filter(key__in=keys, emailed_at__isnull=True).values_list(
        "pk", flat=True
    )
    for reminder_id in ids:
        try:
            deliver_reminder.delay(reminder_id)
        except Exception:  # broker down: the row stays pending, the next beat run re-queues it
            logger.warning("Could not queue reminder %s; the next run will retry", reminder_id)


def send_reminder_email(reminder_id: int) -> bool:
    """Send one reminder's e-mail at most once. Returns whether a mail went out."""
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True)
            .select_related("recipient", "movement")
            .filter(pk=reminder_id, emailed_at__isnull=True)
            .first()
        )
        if reminder is None:
            return False  # already sent, being sent, or gone
        sent = False
        if reminder.recipient.email:
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Reminder: %(movement)s") % {"movement": reminder.movement.title}
                body = "\n\n".join(
                    [
                        reminder.message,
                        settings.SITE_URL.rstrip("/") + reverse("movement_mine"),
                    ]
                )
            send_mail(subject[:200], body, None, [reminder.recipient.email])
            sent = True
        reminder.emailed_at = timezone.now()
        reminder.save(update_fields=["emailed_at"])
    return sent
