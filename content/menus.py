"""CMS menus as (label, href) pairs, cached per language until an editor changes content."""
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale

from .models import Menu

_VERSION_KEY = "content:menus:version"


def menus_changed() -> None:
    """Called by the CMS hooks when a menu or a page changes: every cached menu is rebuilt."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


def _load(slug: str) -> list[tuple[str, str]]:
    menus = Menu.objects.filter(slug=slug).prefetch_related("items__link_page")
    menu = menus.filter(locale=Locale.get_active()).first() or menus.filter(locale=Locale.get_default()).first()
    links = [(item.label, item.href) for item in menu.items.all()] if menu else []
    return [(label, href) for label, href in links if href]


def menu_links(slug: str) -> list[tuple[str, str]]:
    version = cache.get_or_set(_VERSION_KEY, 1, None)
    key = f"content:menu:{slug}:{translation.get_language()}:{version}"
    links = cache.get(key)
    if links is None:
        links = _load(slug)
        cache.set(key, links, 3600)
    return links
