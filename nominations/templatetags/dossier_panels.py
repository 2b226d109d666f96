"""Panels shown on the dossier's pages; each is filled by the module that owns it.

Each tag takes the dossier and the page's request, so a panel can check the reader's rights.
"""

from django import template

register = template.Library()


@register.inclusion_tag("nominations/eligibility/_panel.html", takes_context=True)
def eligibility_panel(context, dossier):
    """Each nominee's conditions on record (met, not met, cannot tell), and the quotas; to those
    who may act, a form per individual nominee saying who they are in the record."""
    from nominations.eligibility import evaluate_dossier
    from nominations.eligibility.identify import identify_forms, may_act

    request = context.get("request")
    if request is None or not request.user.has_perm("nominations.view_dossier", dossier):
        return {"visible": False}
    evaluation = evaluate_dossier(dossier)
    forms = identify_forms(dossier) if may_act(request.user, dossier) else {}
    return {
        "visible": True,
        "dossier": dossier,
        "unit_name": dossier.unit.name,
        "year": evaluation.year,
        "covered": evaluation.covered,
        "nominees": [(result, forms.get(result.id)) for result in evaluation.nominees.values()],
        "dossier_findings": evaluation.units.get(dossier.unit_id, []),
        "back": request.get_full_path(),
        "identify_reloads": bool(forms) and dossier.is_editable,
    }


@register.inclusion_tag("nominations/documents/_panel.html", takes_context=True)
def documents_panel(context, dossier, editable=False):
    """The required documents and the attached ones; upload forms on the prepare step."""
    from nominations.documents.panel import panel_context

    return panel_context(context.get("request"), dossier, editable=editable)
