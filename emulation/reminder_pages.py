"""A reminder's page action: its recipient marks it as read (anyone else gets a 404)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from emulation.models import Reminder


@login_required
@require_POST
def reminder_read(request, pk):
    reminder = get_object_or_404(Reminder, pk=pk, recipient=request.user)
    if reminder.read_at is None:
        reminder.read_at = timezone.now()
        reminder.save(update_fields=["read_at"])
    return redirect("movement_mine")
