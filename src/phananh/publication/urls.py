from django.urls import path

from phananh.publication import views

app_name = "publication"
urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.report_list, name="report-list"),
    path("reports/<str:code>/", views.report_detail, name="report-detail"),
]
