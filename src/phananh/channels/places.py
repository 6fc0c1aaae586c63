"""Reads for places typed in a chat: the ward or commune a free-text address names."""

from __future__ import annotations

from phananh.core.text import normalize
from phananh.geo.models import Area
from phananh.geo.selectors import area_list_leaf

# Level words before a name ("Phường Phú Xuân", "P. Phú Xuân" once chat words are spelled out)
# and after an English one ("Phu Xuan Ward"), dropped so the bare name matches either way.
_PREFIXES = ("phuong ", "xa ", "thi tran ", "dac khu ", "thi xa ")
_SUFFIXES = (" ward", " commune", " town", " township")
_MIN_NAME = 3


def _bare(name: str) -> str:
    name = normalize(name)
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.strip()


def area_named_in(text: str) -> Area | None:
    """The ward or commune whose name appears in the text (diacritics and case ignored).

    "12 Lê Lợi, p. Phú Xuân", "le loi phu xuan" and "Phu Xuan Ward" all name Phú Xuân; when
    several names appear, the longest wins ("Phú Thượng" over "Phú").
    """
    haystack = f" {normalize(text)} "
    if not haystack.strip():
        return None
    best: tuple[int, int] | None = None
    for pk, name_vi, name_en in area_list_leaf().values_list("pk", "name_vi", "name_en"):
        for name in {_bare(name_vi), _bare(name_en or "")}:
            found = len(name) >= _MIN_NAME and f" {name} " in haystack
            if found and (best is None or len(name) > best[0]):
                best = (len(name), pk)
    return Area.objects.get(pk=best[1]) if best else None


def area_example() -> str:
    """One ward's name to show as an example of what to type."""
    return area_list_leaf().values_list("name_vi", flat=True).first() or ""
