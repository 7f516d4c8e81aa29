"""A07/A08/A09: the customer's shipping addresses (storefront/views_addresses.py)."""
from django.urls import path

from . import views_addresses

app_name = "addresses"

urlpatterns: list = [
    path("", views_addresses.address_list, name="list"),
    path("new/", views_addresses.address_new, name="new"),
    path("<int:pk>/remove/", views_addresses.address_deactivate, name="deactivate"),
]
