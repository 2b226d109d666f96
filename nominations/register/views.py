"""The secretariat's incoming register and a person's page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from nominations.models import DossierStatus
from nominations.register import personal_data, selectors

PAGE_SIZE = 25


@login_required
def register_list(request):
    if not selectors.may_see_register(request.user):
        raise Http404
    query = request.GET.get("q", "")[:200]
    status = request.GET.get("status", "")
    if status not in DossierStatus.values:
        status = ""
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and len(year) == 4 else None
    dossiers = selectors.register_dossiers(request.user, year=year, status=status, query=query)
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.annotate_register_rows(
        page.object_list, today=timezone.localdate()
    )
    return render(
        request,
        "nominations/register/register_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "year": year,
            "years": selectors.register_years(request.user),
            "statuses": DossierStatus.choices,
        },
    )


@login_required
def person_detail(request, pk):
    person = personal_data.get_person_for_user(request.user, pk)
    view = personal_data.person_view(person, request.user, purpose="person_page")
    return render(
        request,
        "nominations/register/person_detail.html",
        {
            "person": view,
            "awards": personal_data.award_history_of(person),
            "dossiers": personal_data.dossiers_naming(request.user, person),
        },
    )
