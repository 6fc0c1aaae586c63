"""Processing an upload is safe twice, side by side, and never undoes a moderator's decision."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from phananh.conftest import at_once, jpeg_bytes
from phananh.reports.choices import MediaState
from phananh.reports.media import media_process
from phananh.reports.models import Media


@pytest.mark.django_db(transaction=True)
def test_workers_processing_one_upload_at_once_make_one_public_copy(submit):
    report = submit(uploads=[jpeg_bytes((300, 200))])
    media = report.media.get()
    Media.objects.filter(pk=media.pk).update(state=MediaState.PENDING, public_file="", thumbnail="")
    assert at_once(lambda: media_process(media_id=media.pk), times=3) == []
    media.refresh_from_db()
    assert media.state == MediaState.READY
    assert media.public_file.name and media.thumbnail.name
    first = media.public_file.name
    media_process(media_id=media.pk)  # and a late run changes nothing
    assert Media.objects.get(pk=media.pk).public_file.name == first


@pytest.mark.django_db(transaction=True)
def test_a_photo_hidden_while_it_is_processed_stays_hidden(submit):
    if connection.vendor != "postgresql":
        pytest.skip("needs two connections writing at once")
    report = submit(uploads=[jpeg_bytes((1600, 1200))])
    media = report.media.get()
    # As it stands before its task runs (here the task ran when the report was committed).
    Media.objects.filter(pk=media.pk).update(state=MediaState.PENDING, public_file="", thumbnail="")
    locked = threading.Event()

    def moderator() -> None:
        # Holds the row while the worker makes its copies, hides it, then lets the worker on.
        try:
            with transaction.atomic():
                row = Media.objects.select_for_update().get(pk=media.pk)
                locked.set()
                time.sleep(1.5)
                row.state = MediaState.HIDDEN
                row.save(update_fields=["state"])
        finally:
            connections.close_all()

    thread = threading.Thread(target=moderator)
    thread.start()
    assert locked.wait(10)
    media_process(media_id=media.pk)
    thread.join(10)
    media.refresh_from_db()
    assert media.state == MediaState.HIDDEN
    assert not media.public_file.name  # the unmasked copy was never written over the decision
