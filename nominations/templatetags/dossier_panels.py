"""Panels shown on the dossier's pages; each is filled by the module that owns it.

Each tag takes the dossier and the page's request, so a panel can check the reader's rights.
"""

from django import template

register = template.Library()


@register.inclusion_tag("nominations/eligibility/_panel.html", takes_context=True)
def eligibility_panel(context, dossier):
    return {"dossier": dossier}


@register.inclusion_tag("nominations/documents/_panel.html", takes_context=True)
def documents_panel(context, dossier, editable=False):
    return {"dossier": dossier, "editable": editable}
