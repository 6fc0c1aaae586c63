from django.contrib import admin

from phananh.catalog.models import Category, CategoryGroup, RoutingEntry


class RoutingEntryInline(admin.TabularInline):
    model = RoutingEntry
    extra = 0
    autocomplete_fields = ["area", "agency"]


@admin.register(CategoryGroup)
class CategoryGroupAdmin(admin.ModelAdmin):
    list_display = ["name_vi", "name_en", "code", "order"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "name_vi",
        "name_en",
        "code",
        "group",
        "routing_rule",
        "default_agency",
        "is_public",
        "is_active",
    ]
    list_filter = ["group", "routing_rule", "is_public", "is_active"]
    search_fields = ["code", "name_vi", "name_en"]
    autocomplete_fields = ["default_agency"]
    inlines = [RoutingEntryInline]
