"""Two live Phananh servers on loopback, each with its own database: the first forwards a report
to an agency whose own system is the second (Open311 with FixMyStreet's fields), the second's
staff resolve it there, and the result comes back to the first by polling — as the agency's
steps, with its deadlines. Every call goes over HTTP between real `phananh serve` processes;
each side's queued work is run by its own `db_worker --batch`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

from phananh.core.tests.test_serve import free_port, get

MARKERS = ("Marker Lê Thị Kín", "marker.hidden@example.com", "0905777666")


class Instance:
    """One Phananh: its data dir, database, port and environment."""

    def __init__(self, root: Path, name: str) -> None:
        self.dir = root / name
        self.dir.mkdir()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PHANANH_")},
            "PHANANH_DATA_DIR": str(self.dir),
            "PHANANH_DATABASE_URL": f"sqlite:///{self.dir / 'db.sqlite3'}",
            "PHANANH_SITE_URL": self.url,
            "PHANANH_EMBEDDED": "1",
            "PHANANH_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "PHANANH_EMAIL_FILE_PATH": str(self.dir / "mail"),
            "DJANGO_SETTINGS_MODULE": "phananh.config.settings",
        }
        self.server: subprocess.Popen | None = None

    def run(self, *args: str, timeout: int = 180) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "phananh.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def python(self, code: str) -> dict:
        """Run code in this instance (Django set up); it prints one JSON line last."""
        out = self.run("manage", "shell", "-c", textwrap.dedent(code))
        return json.loads(out.strip().splitlines()[-1])

    def work(self) -> None:
        """Run every queued task of this instance, then return."""
        self.run("manage", "db_worker", "--batch", "--no-startup-delay", "--no-reload")

    def start(self) -> None:
        self.server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "phananh.cli",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                "1",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                if get(f"{self.url}/healthz")[0] == 200:
                    return
            except OSError:
                pass
            assert self.server.poll() is None, self.server.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=20)


AGENCY_SIDE = """
from phananh.accounts.choices import AgencyKind, Role
from phananh.accounts.models import Agency, Membership, User
from phananh.accounts.services import apikey_create
from phananh.catalog.services import category_install_defaults
import json
category_install_defaults()
ioc = Agency.objects.create(code="ioc-b", name_vi="Trung tâm B", kind=AgencyKind.IOC)
ward = Agency.objects.create(code="ward-b", name_vi="Đội xử lý B", kind=AgencyKind.WARD)
operator = User.objects.create_user(email="operator@b.example", password="x")
Membership.objects.create(user=operator, agency=ioc, role=Role.OPERATOR)
officer = User.objects.create_user(email="officer@b.example", password="x")
Membership.objects.create(user=officer, agency=ward, role=Role.OFFICER)
_key, raw = apikey_create(name="Phananh A", scopes=["reports:read", "reports:write"])
print(json.dumps({"key": raw}))
"""

CITY_SIDE = """
import io, json
from PIL import Image
from phananh.accounts.actors import Actor
from phananh.accounts.choices import AgencyKind, Role
from phananh.accounts.models import Agency, Membership, User
from phananh.accounts.selectors import actor_for_user
from phananh.catalog.models import Category
from phananh.catalog.services import category_install_defaults
from phananh.interop.services import agency_endpoint_set
from phananh.reports.actions.intake import report_intake
from phananh.reports.actions.triage import report_assign
from phananh.reports.drafts import Contact, ReportDraft
category_install_defaults()
ioc = Agency.objects.create(code="ioc-a", name_vi="Trung tâm A", kind=AgencyKind.IOC)
ward = Agency.objects.create(code="ward-a", name_vi="Phường A", kind=AgencyKind.WARD)
agency_endpoint_set(
    agency=ward, method="open311", open311_url="%(b)s/open311/v2/",
    open311_api_key="%(key)s", open311_jurisdiction="hue.gov.vn",
    service_codes={"sanitation": "sanitation"},
)
operator = User.objects.create_user(email="operator@a.example", password="x")
Membership.objects.create(user=operator, agency=ioc, role=Role.OPERATOR)
photo = io.BytesIO()
Image.new("RGB", (64, 48), "green").save(photo, "JPEG")
photo.seek(0)
photo.name = "rac.jpg"
report = report_intake(actor=Actor.anonymous(), draft=ReportDraft(
    text="Rác đổ trộm bên kênh, liên hệ %(phone)s",
    channel="web",
    category=Category.objects.get(code="sanitation"),
    point=(16.4705, 107.5760),
    attributes={"volume": ["pile"]},
    uploads=[photo],
    contact=Contact(name="%(name)s", email="%(email)s", phone="%(phone)s"),
))
report_assign(report=report, actor=actor_for_user(operator), agency=ward)
print(json.dumps({"code": report.code}))
"""

FORWARD_STATE = """
import json
from phananh.interop.models import Forward
f = Forward.objects.get()
print(json.dumps({"state": f.state, "remote_id": f.remote_id,
                  "error": f.notification.last_error if f.notification else ""}))
"""

RESOLVE_THERE = """
import json
from phananh.accounts.models import Agency, User
from phananh.accounts.selectors import actor_for_user
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign
from phananh.reports.models import Report
report = Report.objects.get(code="%(remote)s")
seen = {"text": report.text, "name": report.reporter_name, "email": report.reporter_email,
        "phone": report.reporter_phone, "media": report.media_count, "channel": report.channel,
        "category": report.category.code, "attributes": report.attributes}
operator = actor_for_user(User.objects.get(email="operator@b.example"))
officer = actor_for_user(User.objects.get(email="officer@b.example"))
report = report_assign(report=report, actor=operator, agency=Agency.objects.get(code="ward-b"))
report = report_agency_accept(report=report, actor=officer)
report_resolve(report=report, actor=officer, result="Đã thu gom sạch rác bên kênh")
print(json.dumps(seen))
"""

POLL_HERE = """
import json
from phananh.interop.polling import agencies_poll
from phananh.reports.models import Report
from phananh.sla.models import Deadline
applied = agencies_poll()
report = Report.objects.get(code="%(code)s")
steps = list(report.events.order_by("id").values_list("action", flat=True))
print(json.dumps({
    "applied": applied, "status": report.status, "steps": steps,
    "evaluation": Deadline.objects.filter(report=report, step="evaluation", state="open").exists(),
    "acceptance_done": Deadline.objects.filter(report=report, step="acceptance")
        .exclude(state="open").exists(),
}))
"""


def test_a_report_forwarded_to_another_phananh_comes_back_resolved(tmp_path):
    city, agency = Instance(tmp_path, "city"), Instance(tmp_path, "agency")
    try:
        for side in (city, agency):
            side.run("manage", "migrate", "--no-input")
        key = agency.python(AGENCY_SIDE)["key"]
        agency.start()
        city.start()
        code = city.python(
            CITY_SIDE
            % {
                "b": agency.url,
                "key": key,
                "name": MARKERS[0],
                "email": MARKERS[1],
                "phone": MARKERS[2],
            }
        )["code"]
        city.work()  # the fan-out, then the outbox: POST requests.xml to the agency's system
        forward = city.python(FORWARD_STATE)
        assert forward["state"] == "sent", forward
        remote = forward["remote_id"]
        assert remote.startswith("PA-") and remote != code

        seen = agency.python(RESOLVE_THERE % {"remote": remote})
        assert seen["channel"] == "open311" and seen["category"] == "sanitation"
        assert seen["attributes"].get("volume") in ("pile", ["pile"])
        assert seen["media"] == 1  # the photo, sent as photo1
        assert "Rác đổ trộm" in seen["text"] and f"/reports/{code}/" in seen["text"]
        dump = json.dumps(seen, ensure_ascii=False)
        for marker in MARKERS:
            assert marker not in dump  # neither the identity nor the masked phone left the city
        agency.work()

        result = city.python(POLL_HERE % {"code": code})
        assert result["status"] == "resolved", result
        assert result["steps"][-2:] == ["agency_accept", "resolve"] or "resolve" in result["steps"]
        assert result["evaluation"] and result["acceptance_done"]
        # Read back over the city's own Open311, as any client would.
        with urllib.request.urlopen(f"{city.url}/open311/v2/requests/{code}.json", timeout=10) as r:
            back = json.loads(r.read())[0]
        assert back["status"] == "closed"
        assert back["status_notes"] == "Đã thu gom sạch rác bên kênh"
        # Polled again, nothing is applied twice.
        again = city.python(POLL_HERE % {"code": code})
        assert again["applied"] == 0 and again["steps"] == result["steps"]
    finally:
        city.stop()
        agency.stop()
