"""Signed links that let a reporter without an account confirm, follow and rate their report."""

from __future__ import annotations

from django.core import signing

from phananh.accounts.actors import Actor

_SALT = "phananh.reports.reporter"
# Long enough to rate a report resolved months later; the link carries nothing but the id.
MAX_AGE = 60 * 60 * 24 * 365


def reporter_token(report_id: int) -> str:
    """A URL-safe token proving its holder is the reporter of this report."""
    return signing.dumps({"r": report_id}, salt=_SALT, compress=True)


def actor_from_reporter_token(token: str, report_id: int) -> Actor | None:
    """The reporter Actor if the token is valid for this report, else None."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("r") != report_id:
        return None
    return Actor.reporter_link(report_id)


_FOLLOW_SALT = "phananh.reports.follower"
FOLLOW_CONFIRM_MAX_AGE = 60 * 60 * 24 * 7


def follower_token(follower_id: int) -> str:
    """A URL-safe token for one follower's confirm and unsubscribe links."""
    return signing.dumps({"f": follower_id}, salt=_FOLLOW_SALT, compress=True)


def follower_id_from_token(token: str, *, max_age: int | None = None) -> int | None:
    try:
        data = signing.loads(token, salt=_FOLLOW_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return data.get("f") if isinstance(data, dict) and isinstance(data.get("f"), int) else None


_ANSWER_SALT = "phananh.reports.answer"
# A question waits for its answer with the triage clock paused: the link lasts a month.
ANSWER_MAX_AGE = 60 * 60 * 24 * 30


def answer_token(report_id: int, question_id: int) -> str:
    """A URL-safe token letting its holder answer one question (the `request_info` event
    `question_id`) of this report, as its reporter, without an account."""
    return signing.dumps({"r": report_id, "q": question_id}, salt=_ANSWER_SALT, compress=True)


def question_from_answer_token(token: str, report_id: int) -> int | None:
    """The question's event id if the token is valid (signed, not expired) for this report."""
    try:
        data = signing.loads(token, salt=_ANSWER_SALT, max_age=ANSWER_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("r") != report_id:
        return None
    question = data.get("q")
    return question if isinstance(question, int) else None
