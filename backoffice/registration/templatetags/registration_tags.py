"""{% registration_open as open %}: whether the login page offers "Register your company" (module K00 switch).

The login page is anonymous, where the platform context processor sets no `modules_off`."""
from django import template

from backoffice.core import modules

register = template.Library()


@register.simple_tag
def registration_open() -> bool:
    return modules.is_enabled("registration")
