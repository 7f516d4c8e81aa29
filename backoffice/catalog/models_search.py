"""Search data of the catalog: a normalised text per product, attribute facets and synonyms.

Both tables are derived from products (catalog/search/indexing.py rebuilds them after every ERP
sync and staff edit); they exist so that search and filters are one indexed query each.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """Lower-case, diacritics-free text of a product: SKU, EANs, brand, names in every language.
    PostgreSQL indexes it with a trigram GIN index (migration 0003)."""

    product = models.OneToOneField("catalog.Product", on_delete=models.CASCADE, primary_key=True, related_name="search_document")
    text = models.TextField()
    name = models.CharField(max_length=255)  # folded Polish name: ranking and suggestions

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")


class ProductFacet(models.Model):
    """One attribute value of a product in one language: listing filters and their counts."""

    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="facets", db_index=False)
    language = models.CharField(max_length=8)
    name = models.CharField(max_length=120)
    value = models.CharField(max_length=255)

    class Meta:
        indexes = [
            models.Index(fields=["product", "language"]),
            models.Index(fields=["language", "name", "value"]),
        ]


class SearchSynonym(models.Model):
    """C07: a phrase customers type that should be searched as another phrase."""

    phrase = models.CharField(_("wrong phrase"), max_length=120, unique=True, help_text=_("What customers type, e.g. “flex”."))
    replacement = models.CharField(_("right phrase"), max_length=120, help_text=_("What is searched instead, e.g. “szlifierka kątowa”."))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["phrase"]

    def __str__(self):
        return f"{self.phrase} → {self.replacement}"
