from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from phananh.geo.models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name_vi", "name_en", "code", "level", "parent", "boundary", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["code", "name_vi", "name_en"]
    readonly_fields = ["min_lat", "min_lon", "max_lat", "max_lon"]
    autocomplete_fields = ["parent"]

    @admin.display(boolean=True, description=_("boundary"))
    def boundary(self, obj: Area) -> bool:
        return obj.has_boundary

    def get_queryset(self, request: HttpRequest) -> QuerySet[Area]:
        return super().get_queryset(request).defer("geometry").select_related("parent")
