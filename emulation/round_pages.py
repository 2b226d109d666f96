"""The button that opens a movement's commendation round (emulation.rounds), on the review list.

POST only. Who may not see the movement gets a 404 (as on the dashboard); who sees it but is
not on the authority's side gets a 403; a refusal (too early, already open) is shown as a
message on the review list.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation import rounds
from emulation.dashboard import movement_for
from nominations.errors import DomainError, NotAllowed


@login_required
@require_POST
def commendation_round(request, code):
    movement = movement_for(request.user, code)
    if not rounds.may_open_round(request.user, movement):
        raise PermissionDenied
    try:
        result = rounds.commendation_round_open(actor=request.user, movement=movement)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("review_list", code=movement.code)
    messages.success(
        request,
        _("The commendation round is open: %(count)s dossiers were prepared.")
        % {"count": len(result.dossiers)},
    )
    for skipped in result.skipped:
        messages.info(request, f"{skipped.unit.name}: {skipped.reason}")
    return redirect("review_list", code=movement.code)
