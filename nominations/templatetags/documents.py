from django import template

from nominations import formatting

register = template.Library()


@register.filter
def decree30_date(value):
    return formatting.decree30_date(value) if value else ""
