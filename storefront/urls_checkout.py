"""Storefront URLs of the "orders" namespace: checkout (assembled in storefront/orders_urls.py)."""
from django.urls import path

from . import views_checkout

urlpatterns: list = [
    path("checkout/", views_checkout.checkout, name="checkout"),
    path("checkout/placed/<int:pk>/", views_checkout.order_placed, name="order_placed"),
]
