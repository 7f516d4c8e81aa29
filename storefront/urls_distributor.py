"""A11: a distributor's end customers and the approval of their orders."""
from django.urls import path  # noqa: F401

app_name = "distributor"

urlpatterns: list = []
