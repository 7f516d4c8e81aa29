"""Storefront URLs of the "orders" namespace: cart (assembled in storefront/orders_urls.py)."""
from django.urls import path

from . import views_cart

urlpatterns: list = [
    path("cart/", views_cart.cart_page, name="cart"),
    path("cart/add/", views_cart.add_to_cart, name="add_to_cart"),
    path("cart/lines/<int:pk>/remove/", views_cart.cart_line_remove_view, name="cart_line_remove"),
    path("cart/clear/", views_cart.cart_clear_view, name="cart_clear"),
    path("cart/quick-order/", views_cart.quick_order, name="quick_order"),
    path("cart/import/", views_cart.cart_import, name="cart_import"),
    path("cart/import/sample.csv", views_cart.cart_import_sample, name="cart_import_sample"),
]
