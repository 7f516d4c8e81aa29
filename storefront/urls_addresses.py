"""A07/A08/A09: the customer's shipping addresses."""
from django.urls import path  # noqa: F401

app_name = "addresses"

urlpatterns: list = []
