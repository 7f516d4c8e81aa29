"""A06: the customer's master-data change requests."""
from django.urls import path  # noqa: F401

app_name = "change_requests"

urlpatterns: list = []
