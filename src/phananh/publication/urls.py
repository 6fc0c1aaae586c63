from django.urls import path

from phananh.core.conditional import conditional
from phananh.publication import (
    answer_views,
    map_views,
    portal_views,
    pwa_views,
    scorecard_views,
    views,
)
from phananh.publication.feeds import ReportAtomFeed, ReportFeed

app_name = "publication"
urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", conditional(anonymous_only=True)(views.report_list), name="report-list"),
    path("reports/map.json", conditional()(map_views.report_map_data), name="report-map-data"),
    path("reports/find/", views.report_find, name="report-find"),
    path("report/new/", portal_views.report_new, name="report-new"),
    path("report/suggest/", portal_views.category_suggestions, name="report-suggest"),
    path("report/nearby/", views.report_nearby, name="report-nearby"),
    path("reports/<str:code>/sent/", portal_views.report_sent, name="report-sent"),
    path(
        "reports/<str:code>/confirm/<str:token>/",
        portal_views.report_confirm_link,
        name="report-confirm",
    ),
    path("reports/<str:code>/rate/<str:token>/", portal_views.report_rate, name="report-rate"),
    path("reports/<str:code>/answer/", answer_views.report_answer, name="report-answer"),
    path(
        "reports/<str:code>/answer/<str:token>/",
        answer_views.report_answer_link,
        name="report-answer-link",
    ),
    path("reports/<str:code>/comment/", portal_views.report_comment, name="report-comment"),
    path("reports/<str:code>/support/", portal_views.report_support, name="report-support"),
    path("reports/<str:code>/follow/", portal_views.report_follow, name="report-follow"),
    path(
        "reports/<str:code>/follow/<str:token>/",
        portal_views.report_follow_confirm,
        name="report-follow-confirm",
    ),
    path(
        "reports/<str:code>/unfollow/<str:token>/",
        portal_views.report_unfollow,
        name="report-unfollow",
    ),
    path(
        "reports/<str:code>/comments/<int:comment_id>/flag/",
        portal_views.comment_flag,
        name="comment-flag",
    ),
    path(
        "reports/<str:code>/comments/<int:comment_id>/moderate/",
        portal_views.comment_moderate,
        name="comment-moderate",
    ),
    path("reports/<str:code>/", views.report_detail, name="report-detail"),
    path("manifest.webmanifest", pwa_views.manifest, name="manifest"),
    path("sw.js", pwa_views.service_worker, name="service-worker"),
    path("offline/", pwa_views.offline, name="offline"),
    path("feeds/reports.rss", conditional()(ReportFeed()), name="feed-rss"),
    path("feeds/reports.atom", conditional()(ReportAtomFeed()), name="feed-atom"),
    path("agencies/", scorecard_views.agency_ranking, name="agency-ranking"),
    path("agencies/methodology/", scorecard_views.methodology, name="methodology"),
    path("agencies/<slug:code>/", scorecard_views.agency_detail, name="agency-detail"),
]
