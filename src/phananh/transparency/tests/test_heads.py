"""The daily heads: published once per day, signed, downloadable; one report's proof leads
from its events to them."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from phananh.accounts.actors import Actor
from phananh.core import clock
from phananh.core.periodic import periodic_jobs
from phananh.reports.chain import GENESIS, merkle_climb, merkle_proof, merkle_root
from phananh.reports.models import Event
from phananh.transparency.models import TransparencyHead
from phananh.transparency.selectors import chain_verify
from phananh.transparency.services import heads_publish

pytestmark = pytest.mark.django_db


def _tomorrow():
    return clock.now() + timedelta(days=1)


def test_the_merkle_proof_of_every_leaf_climbs_to_the_root():
    for size in range(1, 12):
        leaves = [f"{i:064x}" for i in range(size)]
        root = merkle_root(leaves)
        for index, leaf in enumerate(leaves):
            assert merkle_climb(leaf, merkle_proof(leaves, index)) == root


def test_the_worker_publishes_each_day_once(extended):
    assert "transparency.heads" in {job.name for job in periodic_jobs()}
    extended()
    with clock.at(_tomorrow()):
        [head] = heads_publish()
        assert heads_publish() == []
    events = list(Event.objects.order_by("seq"))
    assert (head.first_seq, head.last_seq, head.count) == (1, events[-1].seq, len(events))
    assert head.chain_head == events[-1].chain_hash
    assert head.merkle_root == merkle_root([e.report_hash for e in events])
    statement = json.loads(head.statement)
    assert statement["previous_chain_head"] == GENESIS
    assert statement["merkle_root"] == head.merkle_root
    assert chain_verify() is None


def test_the_signed_log_checks_with_the_public_key(client, extended):
    extended()
    with clock.at(_tomorrow()):
        heads_publish()
    response = client.get("/transparency/log.jsonl")
    assert response.status_code == 200
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(lines[0]["public_key"]))
    for line in lines[1:]:
        key.verify(base64.b64decode(line["signature"]), line["statement"].encode())
    assert len(lines) == 2


def test_a_rewritten_head_is_named(extended):
    extended()
    with clock.at(_tomorrow()):
        [head] = heads_publish()
    TransparencyHead.objects.filter(pk=head.pk).update(merkle_root="0" * 64)
    fault = chain_verify()
    assert fault is not None and str(head.day) in fault.reason


def test_the_page_explains_in_both_languages(client, extended):
    extended()
    with clock.at(_tomorrow()):
        heads_publish()
    english = client.get("/transparency/?lang=en").content.decode()
    assert "nobody can quietly rewrite" in english and "Download the signed log" in english
    vietnamese = client.get("/transparency/?lang=vi").content.decode()
    assert "Tải nhật ký đã ký" in vietnamese


def test_a_report_proof_shows_internal_steps_only_as_hashes(client, extended):
    report = extended()
    with clock.at(_tomorrow()):
        heads_publish()
    data = client.get(f"/transparency/reports/{report.code}.json").json()
    assert data["report"] == report.code
    kinds = [("public" in e, "content_hash" in e) for e in data["events"]]
    assert (False, True) in kinds and (True, False) in kinds
    text = json.dumps(data, ensure_ascii=False)
    assert "Gọi chủ quán" not in text  # the internal note
    assert "Cần thêm vật tư" not in text  # the internal extension request
    assert "@example.com" not in text
    heads = client.get("/transparency/heads.json").json()["heads"]
    root = heads[0]["merkle_root"]
    for entry in data["events"]:
        assert merkle_climb(entry["report_hash"], entry["proof"]) == root


def test_a_hidden_unpublished_or_unknown_report_has_no_proof(client, submit):
    assert client.get("/transparency/reports/PA-NOPE.json").status_code == 404
    # Not public yet: waiting for its reporter to confirm it (reports/visibility.py).
    waiting = submit(actor=Actor.anonymous(), confirmed=False, reporter_email="lan@example.com")
    assert client.get(f"/transparency/reports/{waiting.code}.json").status_code == 404


def test_without_a_key_outside_the_embedded_mode_nothing_is_signed(settings, client, extended):
    settings.EMBEDDED, settings.TRANSPARENCY_KEY = False, ""
    extended()
    with clock.at(_tomorrow()):
        assert heads_publish() == []
    assert client.get("/transparency/").status_code == 200
    assert client.get("/transparency/key.pem").status_code == 404
