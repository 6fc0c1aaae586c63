"""Taking part: comments, "me too", following; the reporter rates, asks to reopen, answers."""

from __future__ import annotations

import pytest

from phananh.accounts.choices import Role
from phananh.conftest import jpeg_bytes
from phananh.notifications.models import Notification
from phananh.reports.actions.triage import report_request_info
from phananh.reports.choices import ReopenState, Status
from phananh.reports.models import Comment, Follower, Rating, ReopenRequest, Report, Support
from phananh.reports.tokens import reporter_token

pytestmark = pytest.mark.django_db


# ── Comments ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.usefixtures("publish_on_triage")
def test_comments_need_a_person_and_a_published_report(
    api, published, submit, citizen_token, api_key
):
    report = published()
    path = f"/reports/{report.code}/comments"
    nobody = api.post(path, json={"text": "Tôi cũng thấy vậy"})
    assert nobody.status_code == 401
    assert nobody.json()["code"] == "not_authenticated"
    assert nobody["WWW-Authenticate"].startswith("Bearer")
    key = api.post(path, json={"text": "x"}, key=api_key)
    assert key.status_code == 403 and key.json()["code"] == "person_required"
    empty = api.post(path, json={"text": ""}, token=citizen_token)
    assert empty.status_code == 400 and empty.json()["fields"] == {
        "text": "This field is required."
    }
    added = api.post(
        path, json={"text": "Tối qua vẫn ồn, email tôi lan@example.com"}, token=citizen_token
    )
    assert added.status_code == 201
    assert added.json()["author"] == "A resident"
    assert "lan@example.com" not in added.json()["text"]
    waiting = submit()
    closed = api.post(f"/reports/{waiting.code}/comments", json={"text": "x"}, token=citizen_token)
    assert closed.status_code == 404
    assert Comment.objects.count() == 1


def test_comment_list_pages_and_hides_hidden_ones(api, published, people):
    from phananh.reports.actions.moderation import comment_moderate
    from phananh.reports.actions.participation import comment_add

    report = published()
    comments = [
        comment_add(report=report, actor=people["citizen"], text=f"Bình luận {i}") for i in range(5)
    ]
    comment_moderate(comment=comments[2], actor=people[Role.OPERATOR], hide=True, reason="Lăng mạ")
    first = api.get(f"/reports/{report.code}/comments", query={"limit": 3}).json()
    assert [c["text"] for c in first["results"]] == ["Bình luận 0", "Bình luận 1", "Bình luận 3"]
    rest = api.get(
        f"/reports/{report.code}/comments", query={"limit": 3, "cursor": first["next"]}
    ).json()
    assert [c["text"] for c in rest["results"]] == ["Bình luận 4"] and rest["next"] is None


# ── Support and follow ────────────────────────────────────────────────────────────────────


def test_support_once_per_person(api, published, citizen_token, people):
    report = published()
    path = f"/reports/{report.code}/support"
    assert api.post(path).status_code == 401
    first = api.post(path, token=citizen_token)
    assert first.status_code == 200
    assert first.json() == {"supported": True, "supports_count": 1}
    again = api.post(path, token=citizen_token, json={})
    assert again.json() == {"supported": False, "supports_count": 1}
    assert Support.objects.filter(report=report, user_id=people["citizen"].user_id).count() == 1
    # "me too" follows too
    assert Follower.objects.filter(report=report, user_id=people["citizen"].user_id).exists()


def test_follow_and_unfollow(api, published, citizen_token, people):
    report = published()
    path = f"/reports/{report.code}/follow"
    signed_in = api.post(path, token=citizen_token)
    assert signed_in.json() == {"following": True, "followers_count": 1}
    by_address = api.post(path, json={"email": "Visitor@Example.com"})
    assert by_address.json() == {"following": False, "followers_count": 1}
    confirmation = Notification.objects.get(kind="follow_confirmation")
    assert confirmation.to == "visitor@example.com"
    bad = api.post(path, json={"email": "not an address"})
    assert bad.status_code == 400 and bad.json()["fields"] == {
        "email": "Enter a valid email address."
    }
    assert api.delete(path).status_code == 401
    gone = api.delete(path, token=citizen_token)
    assert gone.status_code == 204 and gone.content == b""
    assert not Follower.objects.filter(user_id=people["citizen"].user_id).exists()
    assert api.delete(path, token=citizen_token).status_code == 404


# ── The reporter's part ───────────────────────────────────────────────────────────────────


def test_rating_by_the_account_closes_the_report(api, resolved, reporter_token_raw, citizen_token):
    report = resolved()
    path = f"/reports/{report.code}/rating"
    stranger = api.post(path, json={"level": "satisfied"}, token=citizen_token)
    assert stranger.status_code == 403 and stranger.json()["code"] == "forbidden"
    nobody = api.post(path, json={"level": "satisfied"})
    assert nobody.status_code == 401
    wrong = api.post(path, json={"level": "meh"}, token=reporter_token_raw)
    assert wrong.status_code == 400
    assert wrong.json()["fields"]["level"].startswith("Choose one of:")
    rated = api.post(
        path, json={"level": "satisfied", "comment": "Cảm ơn"}, token=reporter_token_raw
    )
    assert rated.status_code == 200, rated.json()
    assert rated.json()["status"] == Status.CLOSED and rated.json()["rating"] == "satisfied"
    again = api.post(path, json={"level": "acceptable"}, token=reporter_token_raw)
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    assert Rating.objects.get(report=report).comment == "Cảm ơn"


def test_rating_with_the_reporter_token_and_an_api_key(api, resolved, api_key, read_only_key):
    report = resolved(reporter_email="lan@example.com")
    token = reporter_token(report.pk)
    path = f"/reports/{report.code}/rating"
    scope = api.post(path, json={"level": "satisfied"}, key=read_only_key, reporter_token=token)
    assert scope.status_code == 403 and scope.json()["code"] == "scope_missing"
    forged = api.post(path, json={"level": "satisfied"}, key=api_key, reporter_token="abc")
    assert forged.status_code == 403 and forged.json()["code"] == "invalid_reporter_token"
    other = api.post(
        path, json={"level": "satisfied"}, key=api_key, reporter_token=reporter_token(report.pk + 1)
    )
    assert other.status_code == 403
    rated = api.post(path, json={"level": "unsatisfied"}, key=api_key, reporter_token=token)
    assert rated.status_code == 200
    assert rated.json()["status"] == Status.RESOLVED
    assert rated.json()["actions"] == ["request_reopen"]


def test_reopen_request_needs_a_reason_and_a_photo(api, resolved, reporter_token_raw):
    report = resolved()
    path = f"/reports/{report.code}/reopen-request"
    api.post(
        f"/reports/{report.code}/rating", json={"level": "unsatisfied"}, token=reporter_token_raw
    )
    no_photo = api.post(path, data={"reason": "Vẫn còn ồn"}, token=reporter_token_raw)
    assert no_photo.status_code == 400
    assert no_photo.json()["code"] == "evidence_required"
    assert "media" in no_photo.json()["fields"]
    no_reason = api.post(path, data={"media": jpeg_bytes()}, token=reporter_token_raw)
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["fields"]
    asked = api.post(
        path, data={"reason": "Vẫn còn ồn", "media": jpeg_bytes()}, token=reporter_token_raw
    )
    assert asked.status_code == 200, asked.json()
    request = ReopenRequest.objects.get(report=report)
    assert request.state == ReopenState.PENDING and request.reason == "Vẫn còn ồn"
    twice = api.post(
        path, data={"reason": "Again", "media": jpeg_bytes()}, token=reporter_token_raw
    )
    assert twice.status_code == 409 and twice.json()["code"] == "pending"


def test_the_reporter_answers_a_question(api, submit, people, reporter_token_raw):
    report = submit()
    path = f"/reports/{report.code}/answer"
    early = api.post(path, data={"answer": "Số 5"}, token=reporter_token_raw)
    assert early.status_code == 409
    report_request_info(report=report, actor=people[Role.OPERATOR], question="Số nhà mấy?")
    answered = api.post(
        path, data={"answer": "Số 5, kiệt 12", "media": jpeg_bytes()}, token=reporter_token_raw
    )
    assert answered.status_code == 200, answered.json()
    assert answered.json()["status"] == Status.NEW
    assert Report.objects.get(pk=report.pk).media_count == 1
    # someone else's report: the public cannot even see it
    other = api.post(path, data={"answer": "x"}, token=None)
    assert other.status_code == 401
