"""URLs of the citizen's account pages, under /accounts/ beside the sign-in of accounts.urls."""

from django.urls import path

from phananh.publication import account_views as views

app_name = "citizen"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("check-email/", views.check_email, name="check-email"),
    path("verify/<str:uidb64>/<str:token>/", views.verify, name="verify"),
    path("login/link/", views.login_link, name="login-link"),
    path("login/link/<str:uidb64>/<str:token>/", views.login_link_use, name="login-link-use"),
    path("reports/", views.my_reports, name="reports"),
    path("settings/", views.account_settings, name="settings"),
    path("delete/", views.delete_account, name="delete"),
]
