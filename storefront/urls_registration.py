"""A04 self-registration: the application form and its confirmation (public pages)."""
from django.urls import path  # noqa: F401

app_name = "registration"

urlpatterns: list = []
