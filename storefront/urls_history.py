"""Storefront URLs of the "orders" namespace: history (assembled in storefront/orders_urls.py)."""
urlpatterns: list = []
