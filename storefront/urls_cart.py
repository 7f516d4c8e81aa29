"""Storefront URLs of the "orders" namespace: cart (assembled in storefront/orders_urls.py)."""
urlpatterns: list = []
