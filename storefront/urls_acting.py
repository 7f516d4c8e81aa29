"""R01: sales reps start and stop acting as a customer."""
from django.urls import path  # noqa: F401

app_name = "acting"

urlpatterns: list = []
