from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from phananh.core.views import healthz

# An unreadable request is answered without reading its body again (core/views.bad_request).
handler400 = "phananh.core.views.bad_request"

admin.site.site_header = "Phananh"
admin.site.site_title = "Phananh"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("phananh.accounts.urls")),
    # The citizen's account pages need reports and notifications: publication serves them.
    path("accounts/", include("phananh.publication.account_urls")),
    path("ops/dashboard/", include("phananh.analytics.urls")),
    path("ops/", include("phananh.ops.urls")),
    path("geo/", include("phananh.geo.urls")),
    path("open311/v2/", include("phananh.api.open311.urls")),
    path("api/v1/", include("phananh.api.v1.urls")),
    path("channels/", include("phananh.channels.urls")),
    path("", include("phananh.transparency.urls")),
    path("campaigns/", include("phananh.campaigns.urls")),
    path("agency/", include("phananh.interop.urls")),
    path("alerts/", include("phananh.alerts.urls")),
    path("", include("phananh.publication.urls")),
]

if settings.SERVE_MEDIA:
    # Embedded mode serves the public media itself; at scale a web server or S3 does.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
