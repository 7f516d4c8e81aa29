"""Suggestions while typing: the best few visible products and matching visible categories."""
from dataclasses import dataclass, field

from django.utils.translation import get_language

from ..listing import translated_name
from ..selectors import CatalogAccess
from ..tree import category_tree
from .query import product_search
from .text import fold

MIN_LENGTH = 2
PRODUCTS = 8
CATEGORIES = 4


@dataclass
class Suggestions:
    products: list[tuple[int, str, str]] = field(default_factory=list)  # pk, name, SKU
    categories: list[tuple[int, str]] = field(default_factory=list)  # pk, name with its parent


def suggestions_for(access: CatalogAccess, phrase: str) -> Suggestions:
    """Two queries at most: products (ranked search, names in the current language) and nothing
    else; categories come from the cached tree."""
    folded = fold(phrase)
    if len(folded) < MIN_LENGTH:
        return Suggestions()
    names = translated_name(get_language() or "pl")
    rows = product_search(access, phrase).products.annotate(_label=names).values_list("pk", "_label", "sku")[:PRODUCTS]
    tree = category_tree()
    categories = []
    for node in tree.nodes.values():
        if node.pk in access.hidden_category_ids or folded not in fold(node.name):
            continue
        parent = tree.get(node.parent_id) if node.parent_id else None
        categories.append((node.pk, f"{parent.name} › {node.name}" if parent else node.name))
        if len(categories) >= CATEGORIES:
            break
    return Suggestions(products=list(rows), categories=categories)
