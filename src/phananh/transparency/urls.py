from django.urls import path

from phananh.transparency import views

app_name = "transparency"
urlpatterns = [
    path("transparency/", views.transparency_page, name="index"),
    path("transparency/heads.json", views.heads_json, name="heads"),
    path("transparency/log.jsonl", views.signed_log, name="log"),
    path("transparency/key.pem", views.public_key, name="key"),
    path("transparency/reports/<str:code>.json", views.report_chain, name="report"),
]
