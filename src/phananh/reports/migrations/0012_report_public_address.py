"""The masked public address beside the typed one, and every stored public copy masked again
with the masker that also finds ID, passport, bank and card numbers (docs/privacy.md).

Existing rows: `public_address` is filled; `public_text`, comments and public notes are masked
again (only rows that change are written); comments lose the account's full name that used to
sign them by default (a name given explicitly, which is what a chosen name was, stays).
Events are append-only: like account deletion, this rewrite only removes personal data.
"""

from django.conf import settings
from django.db import migrations, models

BATCH = 2000


def _mask(text):
    from phananh.core.text import redact_personal_data

    return redact_personal_data(text or "", plates=settings.MASK_PLATES)


def _remask(model, fields, rows):
    """Mask `fields` of `rows` in batches; write only rows whose masked copy differs."""
    changed = []
    for row in rows.only("pk", *fields).iterator(chunk_size=BATCH):
        dirty = False
        for field, source in fields.items():
            value = getattr(row, source) if source else getattr(row, field)
            masked = _mask(value)
            if masked != getattr(row, field):
                setattr(row, field, masked)
                dirty = True
        if dirty:
            changed.append(row)
        if len(changed) >= BATCH:
            model._base_manager.bulk_update(changed, list(fields))
            changed = []
    if changed:
        model._base_manager.bulk_update(changed, list(fields))


def forward(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Comment = apps.get_model("reports", "Comment")
    Event = apps.get_model("reports", "Event")
    reports = Report._base_manager.all()
    changed = []
    for row in reports.only("pk", "address", "public_text").iterator(chunk_size=BATCH):
        row.public_address = _mask(row.address)
        row.public_text = _mask(row.public_text)
        changed.append(row)
        if len(changed) >= BATCH:
            Report._base_manager.bulk_update(changed, ["public_address", "public_text"])
            changed = []
    if changed:
        Report._base_manager.bulk_update(changed, ["public_address", "public_text"])
    _remask(Comment, {"text": ""}, Comment._base_manager.all())
    _remask(Event, {"public_note": ""}, Event._base_manager.exclude(public_note=""))
    # The account's full name used to sign comments by default: a resident, now.
    for comment in (
        Comment._base_manager.filter(author__isnull=False)
        .exclude(author_name="")
        .select_related("author")
        .iterator(chunk_size=BATCH)
    ):
        if comment.author_name == (comment.author.full_name or "")[:150]:
            Comment._base_manager.filter(pk=comment.pk).update(author_name="")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0011_report_supported_idx"),
        ("accounts", "0004_user_comment_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="public_address",
            field=models.CharField(
                blank=True, max_length=255, null=True, verbose_name="public address"
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop, elidable=True),
    ]
