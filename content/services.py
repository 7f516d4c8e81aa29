"""Idempotent set-up of the CMS: locales, the home page, the site, the editors' group, menus."""
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page, Site

from backoffice.core.permissions import CMS_EDITORS_GROUP

from .models import HomePage, Menu

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page")
COLLECTION_PERMISSIONS = ("add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document")


def locales_ensure() -> None:
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def home_page_ensure() -> HomePage:
    """The site's home page; replaces Wagtail's placeholder 'Welcome' page on a fresh database."""
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    # Wagtail's initial migration leaves a placeholder page of the plain Page type: replace it.
    Site.objects.filter(is_default_site=True).delete()
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    root.refresh_from_db()
    home = root.add_child(instance=HomePage(title=settings.WAGTAIL_SITE_NAME, slug="home", locale=Locale.get_default()))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME)
    return home


def editors_group_ensure() -> Group:
    group, _created = Group.objects.get_or_create(name=CMS_EDITORS_GROUP)
    root = Page.get_first_root_node()
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    # A flushed database (live-server tests) has no root collection; Wagtail's migration made it.
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for codename in COLLECTION_PERMISSIONS:
        permission = Permission.objects.filter(codename=codename).first()
        if permission:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    return group


def menus_ensure() -> None:
    for slug, title in (("main", "Menu główne"), ("footer", "Stopka")):
        Menu.objects.get_or_create(slug=slug, locale=Locale.get_default(), defaults={"title": title})


@transaction.atomic
def site_ensure() -> HomePage:
    locales_ensure()
    home = home_page_ensure()
    editors_group_ensure()
    menus_ensure()
    return home
