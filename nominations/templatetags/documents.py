from django import template

from nominations import formatting

register = template.Library()


@register.filter
def decree30_date(value):
    return formatting.decree30_date(value) if value else ""


@register.filter
def citation(value):
    return formatting.legal_citation(value)
