"""Derived catalog data the storefront caches, dropped together when the ERP changes the catalog."""
from .search.backends import search_vocabulary_changed
from .tree import category_tree_changed


def catalog_changed() -> None:
    category_tree_changed()
    search_vocabulary_changed()
