"""Query-string helpers for listing links: filters, sorting and pages keep the rest of the URL."""
from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with `changes` applied; None removes a key. Changing anything but
    the page goes back to page 1."""
    params = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_toggle(context, key, value):
    """The current query string with `value` added to or removed from the multi-valued `key`."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    values = params.getlist(key)
    value = str(value)
    params.setlist(key, [v for v in values if v != value] if value in values else [*values, value])
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def attribute_pair(name, value):
    return f"{name}::{value}"
