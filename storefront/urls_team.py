"""A10: the company's employee accounts (/company/users/)."""
from django.urls import path

from . import views_team

app_name = "team"

urlpatterns: list = [
    path("", views_team.team_list, name="list"),
    path("new/", views_team.team_new, name="new"),
    path("<int:pk>/edit/", views_team.team_edit, name="edit"),
    path("<int:pk>/deactivate/", views_team.team_deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", views_team.team_reactivate, name="reactivate"),
    path("<int:pk>/resend-link/", views_team.team_resend_link, name="resend_link"),
]
