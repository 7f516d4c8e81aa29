from django import template

from content.menus import menu_links

register = template.Library()


@register.simple_tag
def site_menu(slug: str) -> list[tuple[str, str]]:
    """(label, href) pairs of a CMS menu in the active language, falling back to the default one."""
    return menu_links(slug)
