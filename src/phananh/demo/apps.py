from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "phananh.demo"
    label = "demo"
