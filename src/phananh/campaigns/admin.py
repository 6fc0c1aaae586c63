from django.contrib import admin

from phananh.campaigns.models import Campaign, CampaignReport, VolunteerEvent


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_vi", "starts_at", "ends_at")
    search_fields = ("slug", "name_vi", "name_en")
    # Written through campaigns.services from the console (/ops/campaigns/).
    readonly_fields = ("slug", "starts_at", "ends_at")


@admin.register(CampaignReport)
class CampaignReportAdmin(admin.ModelAdmin):
    list_display = ("campaign", "report", "joined_by", "joined_at")
    list_filter = ("joined_by",)
    raw_id_fields = ("report",)


@admin.register(VolunteerEvent)
class VolunteerEventAdmin(admin.ModelAdmin):
    list_display = ("title", "campaign", "starts_at", "joined_count", "state")
    list_filter = ("state",)
    raw_id_fields = ("reports",)
