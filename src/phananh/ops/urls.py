from django.urls import path

from phananh.ops import campaign_views, views

app_name = "ops"
urlpatterns = [
    path("", views.home, name="home"),
    path("triage/", views.triage, name="triage"),
    path("triage/assign/", views.bulk_assign, name="bulk-assign"),
    path("switchboard/", views.switchboard, name="switchboard"),
    path("agency/", views.agency, name="agency"),
    path("supervision/", views.supervision, name="supervision"),
    path("campaigns/", campaign_views.campaign_list, name="campaigns"),
    path("campaigns/<slug:slug>/", campaign_views.campaign_dashboard, name="campaign"),
    path("campaigns/<slug:slug>/tag/", campaign_views.campaign_tag_report, name="campaign-tag"),
    path(
        "campaigns/<slug:slug>/export.csv", campaign_views.campaign_export, name="campaign-export"
    ),
    path(
        "campaigns/<slug:slug>/events/<int:pk>/confirm/",
        campaign_views.volunteer_confirm,
        name="campaign-confirm",
    ),
    path("reports/<str:code>/", views.report_workspace, name="report"),
    path("reports/<str:code>/presence/", views.report_presence, name="presence"),
    path("reports/<str:code>/<str:action>/", views.report_act, name="act"),
]
