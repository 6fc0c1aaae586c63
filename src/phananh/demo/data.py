"""What the demo reads from a city's folder besides the city itself: `people.json` (the demo
logins) and `samples/` (the sample reports and what people say in their timelines), checked
against the city's wards, agencies and categories (docs/cities.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from phananh.accounts.choices import Role
from phananh.cities.data import CityData
from phananh.core.datafiles import CityDataError, Record, csv_rows, json_items, json_object

LANGS = ("vi", "vi_plain", "en")  # vi_plain: Vietnamese typed without diacritics, chat style
WARD, CATEGORY, AGENCY = (
    "a ward of wards.csv",
    "a category of this city",
    "an agency of agencies.json",
)


@dataclass(frozen=True)
class Phrase:
    """A text in Vietnamese and English (with a stable code for reasons)."""

    vi: str
    en: str
    code: str = ""

    def text(self, lang: str) -> str:
        """The English text for English reporters, else the Vietnamese."""
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class SampleReport:
    """A row of samples/reports.csv."""

    text: str
    category: str
    ward: str
    address: str
    lang: str
    urgent: bool


@dataclass(frozen=True)
class HotCluster:
    """samples/hot_cluster.json: reports of one kind in one place within hours."""

    ward: str
    category: str
    reporter_names: list[str]
    reporter_email: str
    reports: list[tuple[str, str]]  # (lang, text)


@dataclass(frozen=True)
class DemoSamples:
    """Everything samples/ holds."""

    reports: list[SampleReport]
    progress_notes: dict[str, list[Phrase]]
    results: dict[str, list[Phrase]]
    reject_reasons: list[Phrase]
    return_reasons: list[Phrase]
    comments: list[Phrase]
    hot_cluster: HotCluster
    fallback_agency: str
    reporter_names: list[str]
    reporter_email: str
    comment_author: str
    photo_gps: tuple[float, float]
    question: Phrase
    answer: Phrase
    reopen_reason: Phrase
    reopen_note: str


@dataclass(frozen=True)
class DemoPerson:
    """A demo login: a role in an agency, or a citizen (no role)."""

    login: str
    name: str
    role: str | None
    agency: str | None


@dataclass(frozen=True)
class DemoPeople:
    """people.json: the demo logins, their password, and the officer every other agency gets."""

    password: str
    domain: str
    logins: list[DemoPerson]
    officer_login: str
    officer_name: str

    def email(self, login: str) -> str:
        """A login's address at the demo domain."""
        return f"{login}@{self.domain}"

    def first(self, role: str | None) -> DemoPerson:
        """The first login with this role (None: the first citizen)."""
        for person in self.logins:
            if person.role == role:
                return person
        raise LookupError(f"people.json has no {role or 'citizen'} login")


def _phrase(record: Record, *, with_code: bool = False) -> Phrase:
    return Phrase(
        vi=record.text("vi", max_length=5000),
        en=record.text("en", max_length=5000),
        code=record.text("code", max_length=40) if with_code else "",
    )


def _phrases_by_category(path: Path, categories: set[str]) -> dict[str, list[Phrase]]:
    phrases: dict[str, list[Phrase]] = {}
    for row in csv_rows(path, required={"category", "vi", "en"}):
        category = row.reference("category", categories, CATEGORY)
        phrases.setdefault(category, []).append(_phrase(row))
    return phrases


def _hot_cluster(path: Path, wards: set[str], categories: set[str]) -> HotCluster:
    record = json_object(path)
    record.check_fields({"ward", "category", "reporter_names", "reporter_email", "reports"})
    reports = []
    for item in json_items(record, "reports", required=True):
        item.check_fields({"lang", "text"})
        reports.append((item.choice("lang", LANGS), item.text("text", max_length=5000)))
    names = record.text_list("reporter_names")
    if not names:
        raise record.error("reporter_names", "is required")
    return HotCluster(
        ward=record.reference("ward", wards, WARD),
        category=record.reference("category", categories, CATEGORY),
        reporter_names=names,
        reporter_email=record.template("reporter_email", {"index"}),
        reports=reports,
    )


def demo_samples_read(city: CityData) -> DemoSamples:
    """Read and check the city's samples/ folder."""
    folder = city.directory / "samples"
    wards = {ward.code for ward in city.wards}
    categories = set(city.category_codes())
    reports = []
    columns = {"lang", "category", "ward", "urgent", "address", "text"}
    rows = csv_rows(folder / "reports.csv", required=columns)
    notes = _phrases_by_category(folder / "progress_notes.csv", categories)
    results = _phrases_by_category(folder / "results.csv", categories)
    for row in rows:
        sample = SampleReport(
            text=row.text("text", max_length=5000),
            category=row.reference("category", categories, CATEGORY),
            ward=row.reference("ward", wards, WARD),
            address=row.text("address", required=False, max_length=255),
            lang=row.choice("lang", LANGS),
            urgent=row.flag("urgent"),
        )
        for name, table in (("progress_notes.csv", notes), ("results.csv", results)):
            if sample.category not in table:
                raise row.error("category", f"samples/{name} has no text for {sample.category!r}")
        reports.append(sample)
    if not reports:
        raise CityDataError(folder / "reports.csv", "no sample reports")
    reasons = {}
    for name in ("reject_reasons", "return_reasons"):
        path = folder / f"{name}.csv"
        rows = csv_rows(path, required={"code", "vi", "en"})
        reasons[name] = [_phrase(row, with_code=True) for row in rows]
        if not reasons[name]:
            raise CityDataError(path, "no reasons")
    comments = [_phrase(r) for r in csv_rows(folder / "comments.csv", required={"vi", "en"})]
    simulation = json_object(folder / "simulation.json")
    simulation.check_fields(
        {
            "fallback_agency",
            "reporter_names",
            "reporter_email",
            "comment_author",
            "photo_gps",
            "question",
            "answer",
            "reopen_reason",
            "reopen_note",
        }
    )
    gps = simulation.nested("photo_gps")
    gps.check_fields({"lat", "lon"})
    texts = {}
    for name in ("question", "answer", "reopen_reason"):
        texts[name] = simulation.nested(name)
        texts[name].check_fields({"vi", "en"})
    return DemoSamples(
        reports=reports,
        progress_notes=notes,
        results=results,
        reject_reasons=reasons["reject_reasons"],
        return_reasons=reasons["return_reasons"],
        comments=comments,
        hot_cluster=_hot_cluster(folder / "hot_cluster.json", wards, categories),
        fallback_agency=simulation.reference(
            "fallback_agency", {agency.code for agency in city.agencies}, AGENCY
        ),
        reporter_names=simulation.text_list("reporter_names"),
        reporter_email=simulation.template("reporter_email", {"index"}),
        comment_author=simulation.text("comment_author"),
        photo_gps=(gps.number("lat", low=-90, high=90), gps.number("lon", low=-180, high=180)),
        question=_phrase(texts["question"]),
        answer=_phrase(texts["answer"]),
        reopen_reason=_phrase(texts["reopen_reason"]),
        reopen_note=simulation.text("reopen_note", max_length=5000),
    )


def demo_people_read(city: CityData) -> DemoPeople:
    """Read and check the city's people.json."""
    record = json_object(city.directory / "people.json")
    record.check_fields({"password", "domain", "logins", "agency_officers"})
    agencies = {agency.code for agency in city.agencies}
    logins = []
    for item in json_items(record, "logins", required=True):
        item.check_fields({"login", "name", "role", "agency"})
        role = item.choice("role", Role) if item.values.get("role") else None
        agency = item.reference("agency", agencies, AGENCY) if role else None
        if role is None and item.values.get("agency"):
            raise item.error("agency", "a citizen (no role) belongs to no agency")
        logins.append(
            DemoPerson(item.text("login", max_length=60), item.text("name"), role, agency)
        )
    officers = record.nested("agency_officers")
    officers.check_fields({"login", "name"})
    people = DemoPeople(
        password=record.text("password"),
        domain=record.text("domain"),
        logins=logins,
        officer_login=officers.template("login", {"agency_code"}),
        officer_name=officers.template("name", {"agency_name_vi", "agency_name_en"}),
    )
    for role in (Role.OPERATOR, Role.SUPERVISOR, None):
        try:
            people.first(role)
        except LookupError as exc:
            raise record.error("logins", str(exc)) from None
    return people
