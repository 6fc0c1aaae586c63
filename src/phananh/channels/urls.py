from django.urls import path

from phananh.channels import views

app_name = "channels"

urlpatterns = [
    path("facebook/webhook", views.facebook_webhook, name="facebook-webhook"),
    path("zalo/webhook", views.zalo_webhook, name="zalo-webhook"),
]
