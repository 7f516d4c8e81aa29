"""Cached menus are rebuilt whenever a menu or a page changes, from the CMS or from code."""
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .menus import menus_changed
from .models import Menu, MenuItem


def _menus_changed(*args, **kwargs):
    menus_changed()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_menus_changed, dispatch_uid=f"content-menus-{id(signal)}")
    for model in (Menu, MenuItem):
        post_save.connect(_menus_changed, sender=model, dispatch_uid=f"content-menus-save-{model.__name__}")
        post_delete.connect(_menus_changed, sender=model, dispatch_uid=f"content-menus-delete-{model.__name__}")
