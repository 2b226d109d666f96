from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, param="page"):
    """The current list's address on another page, every filter kept."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
