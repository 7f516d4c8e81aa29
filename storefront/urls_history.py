"""Storefront URLs of the "orders" namespace: history (assembled in storefront/orders_urls.py)."""
from django.urls import path

from . import views_history, views_recent

urlpatterns: list = [
    path("orders/", views_history.order_list, name="order_list"),
    path("orders/<int:pk>/", views_history.order_detail, name="order_detail"),
    path("orders/<int:pk>/reorder/", views_history.order_reorder, name="reorder"),
    path("recently-bought/", views_recent.recently_bought, name="recently_bought"),
    path("recently-bought/add/", views_recent.recently_bought_add, name="recently_bought_add"),
    path("recently-bought/export.csv", views_recent.recently_bought_csv, name="recently_bought_csv"),
]
