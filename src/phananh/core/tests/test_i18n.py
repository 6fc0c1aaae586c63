"""Vietnamese is complete, and the committed .mo is the compiled .po."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation

from phananh.reports.choices import Status

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PO = LOCALE / "vi" / "LC_MESSAGES" / "django.po"


def test_vietnamese_catalogue_is_complete():
    catalogue = polib.pofile(str(PO))
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()
    assert catalogue.percent_translated() == 100


def test_compiled_catalogue_matches_the_source():
    # Keyed by (context, msgid): "to" the status and "to" the recipient are two entries.
    source = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(PO)) if not e.obsolete}
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(PO.with_suffix(".mo"))) if e.msgid
    }
    assert compiled == source, "run `python scripts/compile_messages.py`"


@pytest.mark.parametrize(
    ("language", "label"), [("vi", "Chờ tiếp nhận"), ("en", "Awaiting triage")]
)
def test_status_labels_in_both_languages(language, label):
    with translation.override(language):
        assert str(Status.NEW.label) == label


def test_placeholders_survive_translation():
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|%%|\{\{ ?\w+ ?\}\}|%[sd]")
    for entry in polib.pofile(str(PO)):
        if entry.obsolete:
            continue
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(placeholder.findall(entry.msgid)) == sorted(placeholder.findall(text)), (
                entry.msgid
            )


def test_the_report_facts_read_as_different_things_in_vietnamese():
    """The public facts list puts the agency and each deadline step side by side: in Vietnamese
    "Acceptance by the agency" once read "Đơn vị tiếp nhận" and "Handling by the agency" "Đơn vị xử
    lý" — the very words of "Handling agency" — so a due date sat under an agency's label."""
    from django.utils.translation import gettext

    from phananh.sla.choices import Step

    with translation.override("vi"):
        labels = [
            gettext(t) for t in ("Ward or commune", "Address", "Handling agency", "Submitted")
        ]
        labels += [str(step.label) for step in Step]
        assert len(set(labels)) == len(labels), labels
        # A step is something done, not who does it: no label starts as an agency's name does.
        for step in Step:
            assert not str(step.label).startswith(gettext("Agency")), step
