from django.urls import path

from phananh.publication import scorecard_views, views

app_name = "publication"
urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.report_list, name="report-list"),
    path("reports/<str:code>/", views.report_detail, name="report-detail"),
    path("agencies/", scorecard_views.agency_ranking, name="agency-ranking"),
    path("agencies/methodology/", scorecard_views.methodology, name="methodology"),
    path("agencies/<slug:code>/", scorecard_views.agency_detail, name="agency-detail"),
]
