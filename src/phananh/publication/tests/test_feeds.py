"""Feeds of new reports, for a ward or a category, valid RSS and Atom."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from phananh.reports.actions.triage import report_assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(submit, people):
    report = submit(text="Karaoke ồn ào, gọi 0905 123 456")
    return report_assign(report=report, actor=people["operator"])


@pytest.mark.usefixtures("publish_on_triage")
def test_rss_lists_published_reports_without_personal_data(client, published, submit):
    hidden = submit(text="Chưa duyệt")  # not published yet
    response = client.get("/feeds/reports.rss", {"area": "19753", "category": "noise"})
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert len(titles) == 1 and published.code in titles[0]
    assert hidden.code not in response.text
    assert "0905" not in response.text


def test_atom_and_filters(client, published):
    atom = client.get("/feeds/reports.atom")
    root = ET.fromstring(atom.content)
    assert (
        root.tag.endswith("feed") and len(root.findall("{http://www.w3.org/2005/Atom}entry")) == 1
    )
    other_ward = client.get("/feeds/reports.rss", {"area": "19777"})
    assert ET.fromstring(other_ward.content).find("channel").find("item") is None
    assert client.get("/feeds/reports.rss", {"from": "someday"}).status_code == 400
