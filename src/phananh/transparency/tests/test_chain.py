"""The hash chains are written with each event, and `phananh audit verify` names the first row
that was edited, deleted or reordered directly in the database."""

from __future__ import annotations

import pytest

from phananh.cli import main
from phananh.reports.chain import GENESIS, EventContent, chain_link, report_link, sha256_hex
from phananh.reports.models import ChainHead, Event
from phananh.transparency.selectors import chain_verify

pytestmark = pytest.mark.django_db


def _events(report):
    return list(Event.objects.filter(report=report).order_by("seq"))


def test_every_event_is_chained_in_order(extended, submit):
    report = extended()
    other = submit(text="Đèn đường hỏng trước số 3 Lê Lợi")
    events = list(Event.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    previous = GENESIS
    for event in events:
        assert len(event.content_hash) == len(event.report_hash) == 64
        assert event.chain_hash == chain_link(previous, event.report_hash)
        previous = event.chain_hash
    mine = _events(report)
    assert mine[0].report_hash == report_link(GENESIS, mine[0].content_hash)
    assert mine[1].report_hash == report_link(mine[0].report_hash, mine[1].content_hash)
    assert _events(other)[0].report_hash == report_link(GENESIS, _events(other)[0].content_hash)
    head = ChainHead.objects.get()
    assert (head.length, head.head) == (events[-1].seq, events[-1].chain_hash)
    assert chain_verify() is None


def test_the_hash_never_covers_who_acted(extended):
    """The actor's name and the reporter are not part of the hashed content."""
    event = _events(extended())[0]
    content = EventContent(
        seq=event.seq,
        report=event.report.code,
        at=event.created_at,
        action=event.action,
        from_status=event.from_status,
        to_status=event.to_status,
        visibility=event.visibility,
        role=event.actor_role,
        agency="",
        public_note=event.public_note,
        internal_note=event.internal_note,
        payload=event.payload,
    )
    assert content.content_hash() == event.content_hash
    assert "@example.com" not in content.public_part() + content.private_part()
    assert event.actor_label not in content.public_part() or not event.actor_label


def test_an_edited_deadline_is_named(extended, capsys):
    report = extended()
    decided = Event.objects.get(report=report, action="decide_extension")
    payload = {**decided.payload, "due_at": "2030-01-01T17:00:00+07:00"}
    Event._base_manager.filter(pk=decided.pk).update(payload=payload)
    fault = chain_verify()
    assert fault is not None
    assert (fault.event_id, fault.action) == (decided.pk, "decide_extension")
    assert "content was changed" in fault.reason
    assert main(["audit", "verify"]) == 1
    captured = capsys.readouterr()
    assert f"event {decided.pk} " in captured.err
    assert captured.out.strip() == f"first failing event: {decided.pk}"


def test_an_edited_internal_note_is_named(extended):
    report = extended()
    note = Event.objects.get(report=report, action="note")
    Event._base_manager.filter(pk=note.pk).update(internal_note="Không gọi ai cả")
    assert chain_verify().event_id == note.pk


def test_a_deleted_event_is_named_by_the_one_after_it(extended):
    report = extended()
    events = _events(report)
    gone, after = events[2], events[3]
    Event._base_manager.filter(pk=gone.pk).delete()
    fault = chain_verify()
    assert fault.event_id == after.pk
    assert "deleted" in fault.reason


def test_deleting_the_last_events_is_seen(extended):
    report = extended()
    last = _events(report)[-1]
    Event._base_manager.filter(pk=last.pk).delete()
    fault = chain_verify()
    assert fault is not None and "deleted" in fault.reason


def test_two_reordered_events_are_named(extended):
    report = extended()
    events = _events(report)
    first, second = events[3], events[4]
    Event._base_manager.filter(pk=first.pk).update(created_at=second.created_at)
    Event._base_manager.filter(pk=second.pk).update(created_at=first.created_at)
    assert chain_verify().event_id == first.pk


def test_swapped_places_in_the_chain_are_named(extended):
    report = extended()
    events = _events(report)
    first, second = events[1], events[2]
    Event._base_manager.filter(pk=first.pk).update(seq=10_000)
    Event._base_manager.filter(pk=second.pk).update(seq=first.seq)
    Event._base_manager.filter(pk=first.pk).update(seq=second.seq)
    assert chain_verify().event_id == second.pk


def test_a_rewritten_chain_still_fails_at_the_edited_row(extended):
    """An editor who also recomputes the edited row's own hashes breaks the next link."""
    report = extended()
    events = _events(report)
    target = events[1]
    Event._base_manager.filter(pk=target.pk).update(public_note="Đã xong từ lâu")
    target.refresh_from_db()
    from phananh.transparency.selectors import content_of

    content_hash = content_of(target).content_hash()
    report_hash = report_link(events[0].report_hash, content_hash)
    chain_hash = chain_link(
        Event.objects.get(seq=target.seq - 1).chain_hash if target.seq > 1 else GENESIS,
        report_hash,
    )
    Event._base_manager.filter(pk=target.pk).update(
        content_hash=content_hash, report_hash=report_hash, chain_hash=chain_hash
    )
    fault = chain_verify()
    assert fault is not None and fault.seq == target.seq + 1


def test_audit_verify_passes_on_an_intact_database(extended, capsys):
    extended()
    assert main(["audit", "verify"]) == 0
    assert capsys.readouterr().out.startswith("OK")


def test_hashes_are_sha256_of_the_documented_text():
    assert report_link(GENESIS, "a" * 64) == sha256_hex(f"phananh:report:v1\n{GENESIS}\n{'a' * 64}")
