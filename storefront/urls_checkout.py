"""Storefront URLs of the "orders" namespace: checkout (assembled in storefront/orders_urls.py)."""
urlpatterns: list = []
