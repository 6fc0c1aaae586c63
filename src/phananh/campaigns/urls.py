from django.urls import path

from phananh.campaigns import views
from phananh.campaigns.feeds import CampaignAtomFeed, CampaignFeed

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/map.json", views.campaign_map, name="map"),
    path("<slug:slug>/feed.rss", CampaignFeed(), name="feed-rss"),
    path("<slug:slug>/feed.atom", CampaignAtomFeed(), name="feed-atom"),
    path("<slug:slug>/events/", views.event_create, name="event-create"),
    path("events/<int:pk>/join/", views.event_join, name="event-join"),
    path("events/<int:pk>/after/", views.event_after, name="event-after"),
]
