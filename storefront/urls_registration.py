"""A04 self-registration: the application form and its confirmation (public pages)."""
from django.urls import path

from . import views_registration as views

app_name = "registration"

urlpatterns = [
    path("", views.apply, name="apply"),
    path("sent/", views.sent, name="sent"),
]
