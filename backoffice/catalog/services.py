"""Writes of the platform-owned catalog data staff configure in the back office: category
visibility (C04), variant groups and complementary products (C11, C12) and search synonyms (C07).

Everything else in the catalog belongs to the ERP. The caches the storefront keeps (category tree,
synonyms) are dropped here, right away and again after the commit: a request that reads between
the write and the commit must not keep the old state cached.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Category, CategoryAccess, Product, SearchSynonym
from .search.synonyms import search_synonyms_changed
from .search.text import fold
from .tree import category_tree_changed


def _after_commit_too(callback) -> None:
    callback()
    transaction.on_commit(callback)


# ---------------------------------------------------------------- C04 category visibility


def category_set_restricted(*, category: Category, restricted: bool) -> Category:
    """Show the category (and its subtree) only to the customers assigned to it, or to everybody."""
    category.restricted = restricted
    category.save(update_fields=["restricted"])  # never the ERP-owned fields
    _after_commit_too(category_tree_changed)
    return category


def category_access_grant(*, company, category: Category) -> CategoryAccess:
    """Let `company` see the restricted `category` (idempotent)."""
    access, _created = CategoryAccess.objects.get_or_create(company=company, category=category)
    _after_commit_too(category_tree_changed)
    return access


def category_access_revoke(*, access: CategoryAccess) -> None:
    CategoryAccess.objects.filter(pk=access.pk).delete()
    _after_commit_too(category_tree_changed)


# ---------------------------------------------------------------- C11 / C12 product links


def product_set_variant_group(*, product: Product, variant_group: str) -> Product:
    """Products sharing a group are variants of one another. Only this platform-owned field is
    written: the ERP fields stay exactly as the last sync left them."""
    product.variant_group = (variant_group or "").strip()
    product.save(update_fields=["variant_group"])
    return product


def category_is_lowest_level(category: Category) -> bool:
    """A category without active subcategories (what the storefront treats as a leaf)."""
    return not Category.objects.filter(parent_id=category.pk, is_active=True).exists()


def complementary_category_check(category: Category) -> None:
    """C12: complementary products belong to lowest-level categories only."""
    if not category_is_lowest_level(category):
        raise ValidationError(
            _("Complementary products can be assigned only to a lowest-level category (one without subcategories); “%(category)s” has subcategories."),
            code="not_lowest_level",
            params={"category": category},
        )


# ---------------------------------------------------------------- C07 search synonyms


def synonym_phrase_normalise(phrase: str) -> str:
    """What customers type, as search compares it: "Wkrętarka " and "wkretarka" are one phrase."""
    return fold(phrase)


def search_synonym_check(*, phrase: str, replacement: str) -> None:
    """Raise ValidationError (per field) for a synonym that could never do anything."""
    folded = synonym_phrase_normalise(phrase)
    if not folded:
        raise ValidationError({"phrase": _("Enter a phrase with at least one letter or digit.")})
    if not fold(replacement):
        raise ValidationError({"replacement": _("Enter a phrase with at least one letter or digit.")})
    if folded == fold(replacement):
        raise ValidationError({"replacement": _("The right phrase is the same as the wrong one (ignoring case and Polish characters).")})


def search_synonym_save(*, synonym: SearchSynonym) -> SearchSynonym:
    """Store the phrase folded (so duplicates are found whatever the case and diacritics) and
    tell search that synonyms changed. Raises ValidationError, e.g. for a duplicate phrase."""
    search_synonym_check(phrase=synonym.phrase, replacement=synonym.replacement)
    synonym.phrase = synonym_phrase_normalise(synonym.phrase)
    synonym.replacement = " ".join(synonym.replacement.split())
    synonym.full_clean()
    synonym.save()
    _after_commit_too(search_synonyms_changed)
    return synonym


def search_synonyms_delete(*, synonyms) -> None:
    """Delete synonyms (a queryset or an iterable of them)."""
    SearchSynonym.objects.filter(pk__in=[s.pk for s in synonyms]).delete()
    _after_commit_too(search_synonyms_changed)
