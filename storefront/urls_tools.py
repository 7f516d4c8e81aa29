"""Storefront URLs of the "orders" namespace: tools (assembled in storefront/orders_urls.py).

Shopping lists (R03, module "shopping_lists"): storefront/views_lists.py.
"""
from django.urls import path

from . import views_lists

urlpatterns: list = [
    path("lists/", views_lists.list_index, name="list_index"),
    path("lists/new/", views_lists.list_create, name="list_create"),
    path("lists/add-product/", views_lists.list_add_product, name="list_add_product"),
    path("lists/from-cart/", views_lists.list_from_cart, name="list_from_cart"),
    path("lists/<int:pk>/", views_lists.list_detail, name="list_detail"),
    path("lists/<int:pk>/rename/", views_lists.list_rename, name="list_rename"),
    path("lists/<int:pk>/delete/", views_lists.list_delete, name="list_delete"),
    path("lists/<int:pk>/lines/add/", views_lists.list_line_add, name="list_line_add"),
    path("lists/<int:pk>/lines/update/", views_lists.list_lines_update, name="list_lines_update"),
    path("lists/<int:pk>/lines/<int:line_pk>/remove/", views_lists.list_line_remove, name="list_line_remove"),
    path("lists/<int:pk>/to-cart/", views_lists.list_to_cart, name="list_to_cart"),
]
