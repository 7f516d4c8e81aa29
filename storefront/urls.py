from django.urls import path

from . import views, views_auth

app_name = "storefront"

urlpatterns = [
    path("login/", views_auth.LoginView.as_view(), name="login"),
    path("logout/", views_auth.LogoutView.as_view(), name="logout"),
    path("password-reset/", views_auth.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views_auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views_auth.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password-reset/done/", views_auth.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("start/", views_auth.landing, name="landing"),
    path("account/", views.account, name="account"),
    path("account/password/", views_auth.password_change, name="password_change"),
    path("application-pending/", views.application_pending, name="application_pending"),
    path("healthz/", views.healthz, name="healthz"),
]
