from django.urls import path

from . import views_catalog, views_product

app_name = "catalog"

urlpatterns = [
    path("", views_catalog.catalog_index, name="index"),
    path("c/<int:pk>/", views_catalog.category_listing, name="category"),
    path("search/", views_catalog.search, name="search"),
    path("suggest/", views_catalog.suggest, name="suggest"),
    path("p/<int:pk>/", views_product.product_card, name="product"),
    path("p/<int:pk>/price-rules/", views_product.price_rules, name="price_rules"),
    path("bundle/<int:pk>/", views_product.bundle_card, name="bundle"),
]
