from django.urls import path

from phananh.geo import views

app_name = "geo"
urlpatterns = [
    path("where/", views.where, name="where"),
    path("outlines.geojson", views.outlines, name="outlines"),
]
