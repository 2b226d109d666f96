"""A bloc year's page: the ranking, and the leading unit's proposal of its first unit.

Not wired yet: the URL pattern is `blocs/<int:pk>/` (name "bloc_year_ranking"). The rules live
in emulation.blocs; the view shows the ranking and, on POST, calls bloc_propose_flag in one
transaction, showing a refusal as a message at the top.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from emulation import blocs
from emulation.access import units_held
from emulation.models import BlocCriterion, BlocYear
from nominations.errors import DomainError, NotAllowed


def may_view_bloc_year(user, bloc_year: BlocYear) -> bool:
    """Anyone holding a role in a member unit, or in the bloc's authority or its secretariat."""
    units = units_held(user)
    if not units:
        return False
    authority = bloc_year.bloc.authority
    if authority.unit_id in units or authority.secretariat_unit_id in units:
        return True
    return bloc_year.bloc.members.filter(pk__in=units).exists()


@login_required
def bloc_year_ranking(request, pk):
    bloc_year = get_object_or_404(
        BlocYear.objects.select_related("bloc__authority", "leading_unit", "proposal"), pk=pk
    )
    if not may_view_bloc_year(request.user, bloc_year):
        raise Http404
    status = 200
    if request.method == "POST":
        try:
            with transaction.atomic():
                blocs.bloc_propose_flag(actor=request.user, bloc_year=bloc_year)
        except NotAllowed as error:
            messages.error(request, error.message)
            status = 403
        except DomainError as error:
            messages.warning(request, error.message)
        else:
            messages.success(request, _("The proposal was drafted and sent on its way."))
            return redirect(request.path)
        bloc_year.refresh_from_db()
    criteria = list(BlocCriterion.objects.filter(bloc_year=bloc_year).select_related("target"))
    ranking = blocs.bloc_ranking(bloc_year)
    rows = [
        {
            "ranked": ranked,
            "points": [ranked.by_criterion.get(c.pk) for c in criteria],
        }
        for ranked in ranking
    ]
    context = {
        "bloc_year": bloc_year,
        "criteria": criteria,
        "rows": rows,
        "may_propose": bloc_year.proposal_id is None
        and blocs.may_lead_bloc_year(request.user, bloc_year),
    }
    return render(request, "emulation/blocs/ranking.html", context, status=status)
