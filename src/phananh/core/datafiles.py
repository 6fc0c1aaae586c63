"""Reading data files (a city's JSON and CSV) with errors that name the file, the row and the
field.

Every reader raises `CityDataError`; its message is what `phananh city load` prints (exit 2).
"""

from __future__ import annotations

import csv
import json
import math
import string
from collections.abc import Collection, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, overload


class CityDataError(ValueError):
    """A city file is missing, unreadable or holds a wrong value; says where and why."""

    def __init__(self, path: Path | str, message: str, *, where: str = "", field: str = "") -> None:
        self.path = str(path)
        self.where = where
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        place = ", ".join(part for part in (self.path, self.where) if part)
        if self.field:
            place += f", field '{self.field}'"
        return f"{place}: {self.message}"


class Record:
    """One JSON object or CSV row being read: typed getters raise errors naming it."""

    def __init__(self, path: Path, where: str, values: Mapping[str, Any]) -> None:
        self.path = path
        self.where = where
        self.values = values

    def error(self, field: str, message: str) -> CityDataError:
        """An error about one field of this record."""
        return CityDataError(self.path, message, where=self.where, field=field)

    def check_fields(self, allowed: set[str]) -> None:
        """Refuse unknown fields: a misspelt field is a mistake, not something to ignore."""
        for name in self.values:
            if name not in allowed:
                raise self.error(name, f"unknown field (expected: {', '.join(sorted(allowed))})")

    def text(
        self, field: str, *, required: bool = True, default: str = "", max_length: int = 200
    ) -> str:
        """A string, stripped; required ones may not be empty; at most `max_length` characters."""
        value = self.values.get(field)
        if value is None or value == "":
            if required:
                raise self.error(field, "is required")
            return default
        if not isinstance(value, str):
            raise self.error(field, f"expected text, got {json.dumps(value, ensure_ascii=False)}")
        value = value.strip()
        if required and not value:
            raise self.error(field, "is required")
        if len(value) > max_length:
            raise self.error(field, f"longer than {max_length} characters")
        return value

    def optional_text(self, field: str, *, max_length: int = 200) -> str | None:
        """A string, or None when the field is absent or null (so an existing value is kept)."""
        if self.values.get(field) is None:
            return None
        return self.text(field, required=False, max_length=max_length)

    def choice(self, field: str, choices: Any, *, default: str | None = None) -> str:
        """One of the stable values of a choices class (or a collection of strings)."""
        allowed = list(getattr(choices, "values", choices))
        value = self.text(field, required=default is None, default=default or "")
        if value not in allowed:
            raise self.error(field, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def reference(self, field: str, known: Collection[str], what: str) -> str:
        """A code that must be among `known` (e.g. what="a ward of wards.csv")."""
        value = self.text(field)
        if value not in known:
            raise self.error(field, f"{value!r} is not {what}")
        return value

    def number(self, field: str, *, low: float, high: float, default: float | None = None) -> float:
        """A finite number within [low, high] (CSV cells are parsed as decimals)."""
        value = self.values.get(field)
        if value is None or value == "":
            if default is None:
                raise self.error(field, "is required")
            return default
        if isinstance(value, bool):
            raise self.error(field, f"expected a number, got {value}")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise self.error(field, f"expected a number, got {value!r}") from None
        if not math.isfinite(number) or not low <= number <= high:
            raise self.error(field, f"{value} is outside {low:g}…{high:g}")
        return number

    def decimal(self, field: str, *, places: int, high: Decimal) -> Decimal:
        """A positive decimal with at most `places` decimals, below or at `high`."""
        value = self.values.get(field)
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.error(field, "expected a number")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise self.error(field, f"expected a number, got {value!r}") from None
        if not number.is_finite() or number <= 0 or number > high:
            raise self.error(field, f"{value} must be above 0 and at most {high}")
        if number != round(number, places):
            raise self.error(field, f"{value} has more than {places} decimals")
        return number

    def integer(self, field: str, *, low: int, high: int, default: int) -> int:
        """A whole number within [low, high]; absent means `default`."""
        value = self.values.get(field)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(field, f"expected a whole number, got {value!r}")
        if not low <= value <= high:
            raise self.error(field, f"{value} is outside {low}…{high}")
        return value

    def flag(self, field: str, *, default: bool = False) -> bool:
        """true/false in JSON; yes/no (or true/false, 1/0, empty for no) in CSV."""
        value = self.values.get(field)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"yes", "true", "1"}:
            return True
        if isinstance(value, str) and value.strip().lower() in {"no", "false", "0"}:
            return False
        raise self.error(field, f"expected yes or no, got {value!r}")

    @overload
    def nested(self, field: str, *, required: Literal[True] = True) -> Record: ...
    @overload
    def nested(self, field: str, *, required: bool) -> Record | None: ...
    def nested(self, field: str, *, required: bool = True) -> Record | None:
        """A nested JSON object as a record of its own (None when absent and optional)."""
        value = self.values.get(field)
        if value is None:
            if required:
                raise self.error(field, "is required")
            return None
        if not isinstance(value, dict):
            raise self.error(field, "expected an object")
        where = f"{self.where}.{field}" if self.where else field
        return Record(self.path, where, value)

    def array(self, field: str, *, required: bool = False) -> list[Any]:
        """A JSON list (empty when absent and optional)."""
        value = self.values.get(field)
        if value is None:
            if required:
                raise self.error(field, "is required")
            return []
        if not isinstance(value, list):
            raise self.error(field, "expected a list")
        return value

    def text_list(self, field: str) -> list[str]:
        """A JSON list of non-empty strings."""
        items = self.array(field)
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"{field}[{index}]", "expected a non-empty string")
        return [item.strip() for item in items]

    def template(self, field: str, placeholders: set[str], *, required: bool = True) -> str:
        """A text with {placeholders}; only the documented ones may appear."""
        value = self.text(field, required=required)
        try:
            names = {name for _text, name, _spec, _conv in string.Formatter().parse(value) if name}
        except ValueError as exc:
            raise self.error(field, f"not a valid template ({exc})") from None
        unknown = names - placeholders
        if unknown:
            raise self.error(
                field,
                f"unknown placeholder {{{sorted(unknown)[0]}}} "
                f"(known: {', '.join('{' + name + '}' for name in sorted(placeholders))})",
            )
        return value


def json_read(path: Path) -> Any:
    """A JSON document; a missing file or a syntax error is a CityDataError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CityDataError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CityDataError(path, f"cannot read it ({exc})") from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise CityDataError(path, f"not valid JSON ({exc})") from None


def json_object(path: Path) -> Record:
    """A JSON file holding one object, as a record."""
    document = json_read(path)
    if not isinstance(document, dict):
        raise CityDataError(path, "expected a JSON object at the top")
    return Record(path, "", document)


def json_items(record: Record, field: str, *, required: bool = False) -> Iterator[Record]:
    """The objects of a JSON list field, each a record named `field[index]`."""
    for index, item in enumerate(record.array(field, required=required)):
        where = f"{record.where}.{field}[{index}]" if record.where else f"{field}[{index}]"
        if not isinstance(item, dict):
            raise CityDataError(record.path, "expected an object", where=where)
        yield Record(record.path, where, item)


def csv_rows(
    path: Path, *, required: Collection[str], optional: Collection[str] = ()
) -> list[Record]:
    """The rows of a UTF-8 CSV file with a header; each record is named by its row number
    (the header is row 1, as in a spreadsheet)."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise CityDataError(path, "file not found") from None
    except OSError as exc:
        raise CityDataError(path, f"cannot read it ({exc})") from None
    with handle:
        try:
            reader = csv.DictReader(handle, strict=True)
            header = reader.fieldnames or []
            missing = sorted(set(required) - set(header))
            if missing:
                raise CityDataError(path, f"the header has no column {missing[0]!r}", where="row 1")
            unknown = sorted(set(header) - set(required) - set(optional))
            if unknown:
                raise CityDataError(path, f"unknown column {unknown[0]!r}", where="row 1")
            rows = []
            for values in reader:
                where = f"row {reader.line_num}"
                if None in values:
                    raise CityDataError(path, "more cells than columns", where=where)
                if any(value is None for value in values.values()):
                    raise CityDataError(path, "fewer cells than columns", where=where)
                rows.append(Record(path, where, values))
        except (csv.Error, UnicodeDecodeError) as exc:
            raise CityDataError(path, f"not valid CSV ({exc})") from None
    return rows
