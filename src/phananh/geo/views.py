"""Small JSON endpoints for maps: which ward a point is in, ward outlines for an offline map."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from shapely.geometry import mapping, shape

from phananh.geo.selectors import area_for_point, area_list_leaf


def where(request: HttpRequest) -> JsonResponse:
    """The ward or commune containing ?lat=&lon= (400 with a message for bad input)."""
    try:
        lat = float(request.GET["lat"])
        lon = float(request.GET["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError
    except (KeyError, ValueError):
        return JsonResponse(
            {"code": "bad_point", "message": _("The location is not a valid point.")}, status=400
        )
    area, how = area_for_point(lat, lon)
    if area is None:
        return JsonResponse({"area": None, "message": _("This place is outside the city.")})
    return JsonResponse({"area": {"code": area.code, "name": area.name}, "how": how})


@cache_control(max_age=3600, public=True)
def outlines(request: HttpRequest) -> JsonResponse:
    """Simplified ward outlines (and centres), so the map means something without map tiles."""
    key = "geo:outlines"
    features = cache.get(key)
    if features is None:
        features = []
        for area in area_list_leaf().defer(None):  # here the polygons are the point
            geometry = (
                mapping(shape(area.geometry).simplify(0.0008, preserve_topology=True))
                if area.geometry
                else {"type": "Point", "coordinates": [area.lon, area.lat]}
            )
            features.append(
                {
                    "type": "Feature",
                    "geometry": geometry,
                    "properties": {"code": area.code, "vi": area.name_vi, "en": area.name_en},
                }
            )
        cache.set(key, features, 3600)
    return JsonResponse({"type": "FeatureCollection", "features": features})
