"""Saying who a nominee is, from the eligibility panel (identify.nominee_identify).

The dossier is loaded through the one access check: whoever may not see it gets 404. Those
who see it but hold neither the unit's nor the secretariat's right (council members, the
unit head, the authority head) get 403: they know the dossier exists, and the page says why.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations.access import get_dossier_for_user
from nominations.eligibility.identify import may_ever_act, nominee_identify
from nominations.errors import DomainError, NotAllowed
from nominations.models import Nominee, Person

NEW = "new"


def _back(request, dossier):
    """The page the panel was on (a checked ?next=), else the dossier's page; at the panel."""
    target = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("dossier_detail", args=[dossier.pk])
    return redirect(target.split("#", 1)[0] + "#eligibility")


@login_required
@require_POST
def identify_nominee(request, pk, nominee_pk):
    dossier = get_dossier_for_user(request.user, pk)
    nominee = get_object_or_404(Nominee, pk=nominee_pk, dossier=dossier)
    nominee.dossier = dossier
    if not may_ever_act(request.user, dossier):
        raise PermissionDenied
    choice = request.POST.get("person", "")
    person = None
    if choice != NEW:
        person = (
            Person.objects.filter(pk=int(choice)).first()
            if choice.isascii() and choice.isdigit() and len(choice) < 19
            else None
        )
        if person is None:
            messages.error(request, _("Choose who the nominee is."))
            return _back(request, dossier)
    try:
        nominee = nominee_identify(
            actor=request.user, nominee=nominee, person=person, create=choice == NEW
        )
    except NotAllowed as error:
        raise PermissionDenied from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        values = {"name": nominee.full_name, "unit": dossier.unit.name}
        if choice == NEW:
            message = _("%(name)s was added to the people of %(unit)s and linked to the nominee.")
        else:
            message = _("The nominee %(name)s is now linked to their record in %(unit)s.")
        messages.success(request, message % values)
    return _back(request, dossier)
