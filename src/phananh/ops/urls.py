from django.urls import path

from phananh.ops import views

app_name = "ops"
urlpatterns = [
    path("", views.home, name="home"),
    path("triage/", views.triage, name="triage"),
    path("triage/assign/", views.bulk_assign, name="bulk-assign"),
    path("switchboard/", views.switchboard, name="switchboard"),
    path("agency/", views.agency, name="agency"),
    path("supervision/", views.supervision, name="supervision"),
    path("reports/<str:code>/", views.report_workspace, name="report"),
    path("reports/<str:code>/presence/", views.report_presence, name="presence"),
    path("reports/<str:code>/<str:action>/", views.report_act, name="act"),
]
