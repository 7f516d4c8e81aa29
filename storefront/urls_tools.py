"""Storefront URLs of the "orders" namespace: tools (assembled in storefront/orders_urls.py)."""
urlpatterns: list = []
