"""Imported products are searchable at once: the sync writes their search text and facets from the
records it imports, the same as a rebuild from the database would."""
import copy

import pytest

from backoffice.catalog.models import Product, ProductFacet, SearchDocument
from backoffice.catalog.search.indexing import search_documents_refresh
from tests.erp.packages import base_files

pytestmark = pytest.mark.django_db


def _index():
    docs = {d.product_id: (d.text, d.name) for d in SearchDocument.objects.all()}
    facets = sorted(ProductFacet.objects.values_list("product_id", "language", "name", "value"))
    return docs, facets


def test_import_indexes_products_like_a_rebuild(imported):
    assert SearchDocument.objects.count() == Product.objects.count() > 0
    from_import = _index()
    search_documents_refresh()
    assert _index() == from_import


def test_a_changed_product_is_reindexed(pkgs, imported):
    files = copy.deepcopy(base_files())
    product = files["products.jsonl"][0]
    product["name"]["pl"] = "Zupełnie nowa nazwa"
    pkgs.sync(files)
    pk = Product.objects.get(erp_id=product["erp_id"]).pk
    assert "zupelnie nowa nazwa" in SearchDocument.objects.get(product_id=pk).text
    assert SearchDocument.objects.count() == Product.objects.count()
