"""/open311/v2/: GeoReport v2 and the servicerequestupdates extension (docs/open311.md)."""

from django.urls import path, re_path

from phananh.api.open311 import media, views

app_name = "open311"

# `<name>.<format>`: the last dot separates the format (codes and ids never contain dots).
FMT = r"\.(?P<fmt>[A-Za-z0-9]{1,10})"

urlpatterns = [
    path("", views.root, name="root"),
    re_path(rf"^discovery{FMT}$", views.discovery, name="discovery"),
    re_path(rf"^services{FMT}$", views.services, name="services"),
    re_path(rf"^services/(?P<code>[^/]+?){FMT}$", views.service_definition, name="service"),
    re_path(rf"^requests{FMT}$", views.service_requests, name="requests"),
    re_path(rf"^requests/(?P<request_id>[^/]+?){FMT}$", views.request_detail, name="request"),
    re_path(rf"^tokens/(?P<token>[^/]+?){FMT}$", views.token, name="token"),
    re_path(rf"^servicerequestupdates{FMT}$", views.updates, name="updates"),
    re_path(
        r"^media/(?P<code>[A-Za-z0-9-]{1,20})/(?P<media_id>[0-9]{1,12})$",
        media.media_url_view,
        name="media",
    ),
    # Any other path, a newline in it too, is an Open311 404.
    re_path(r"^(?P<rest>(?s:.*))$", views.not_found, name="not-found"),
]
