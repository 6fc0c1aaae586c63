from django.urls import path

from phananh.campaigns import views
from phananh.campaigns.feeds import CampaignAtomFeed, CampaignFeed
from phananh.core.conditional import conditional

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/map.json", conditional()(views.campaign_map), name="map"),
    path("<slug:slug>/feed.rss", conditional()(CampaignFeed()), name="feed-rss"),
    path("<slug:slug>/feed.atom", conditional()(CampaignAtomFeed()), name="feed-atom"),
    path("<slug:slug>/events/", views.event_create, name="event-create"),
    path("events/<int:pk>/join/", views.event_join, name="event-join"),
    path("events/<int:pk>/after/", views.event_after, name="event-after"),
]
