"""Panels shown on the dossier's pages; each is filled by the module that owns it.

Each tag takes the dossier and the page's request, so a panel can check the reader's rights.
"""

from django import template

register = template.Library()


@register.inclusion_tag("nominations/eligibility/_panel.html", takes_context=True)
def eligibility_panel(context, dossier):
    """Each nominee's conditions on record (met, not met, cannot tell), and the quotas."""
    from nominations.eligibility import evaluate_dossier

    request = context.get("request")
    if request is None or not request.user.has_perm("nominations.view_dossier", dossier):
        return {"visible": False}
    evaluation = evaluate_dossier(dossier)
    return {
        "visible": True,
        "year": evaluation.year,
        "covered": evaluation.covered,
        "nominees": list(evaluation.nominees.values()),
        "dossier_findings": evaluation.units.get(dossier.unit_id, []),
    }


@register.inclusion_tag("nominations/documents/_panel.html", takes_context=True)
def documents_panel(context, dossier, editable=False):
    """The required documents and the attached ones; upload forms on the prepare step."""
    from nominations.documents.panel import panel_context

    return panel_context(context.get("request"), dossier, editable=editable)
