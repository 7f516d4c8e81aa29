from django import template
from wagtail.models import Locale

from content.models import Menu

register = template.Library()


@register.simple_tag
def site_menu(slug: str):
    """Items of a CMS menu in the active language, falling back to the default language."""
    menus = Menu.objects.filter(slug=slug).prefetch_related("items__link_page")
    locale = Locale.get_active()
    menu = menus.filter(locale=locale).first() or menus.filter(locale=Locale.get_default()).first()
    return list(menu.items.all()) if menu else []
