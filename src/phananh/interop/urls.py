from django.urls import path

from phananh.interop import views

app_name = "interop"

urlpatterns = [
    path("answer/<str:token>/", views.answer, name="answer"),
]
