"""The citizen's report form (design §8: visible labels, the English ones fixed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phananh.campaigns.selectors import campaign_list_running
from phananh.catalog.selectors import category_get_offered, category_list_public
from phananh.reports.choices import RatingLevel, Track
from phananh.reports.drafts import Contact, ReportDraft

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from phananh.accounts.models import User
    from phananh.catalog.models import Category

    # ModelChoiceField is generic in the stubs only (the class itself takes no subscript).
    _CategoryChoiceField = forms.ModelChoiceField[Category]
else:
    _CategoryChoiceField = forms.ModelChoiceField

MAX_FILES = 6


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos or videos in one field; their content is checked by the media service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,video/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("Send at most %(max)d photos or videos.") % {"max": MAX_FILES}, code="too_many"
            )
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class CategoryField(_CategoryChoiceField):
    """The categories a citizen may choose now; a campaign's category after its campaign is
    let through, so that the intake says it has ended and names the one to choose instead."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except forms.ValidationError:
            offered = category_get_offered(str(value or ""))
            if offered is None or offered.available_until is None:
                raise
            return offered


class ReportForm(forms.Form):
    text = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is the problem, since when, how serious?"),
    )
    category = CategoryField(
        label=_("Category"),
        queryset=category_list_public(),
        required=False,
        to_field_name="code",
        empty_label=_("Not sure: the centre chooses"),
    )
    uploads = MultipleFileField(label=_("Photos or video"), required=False)
    # Shown while a campaign runs (choices set per form: the running ones).
    campaign = forms.ChoiceField(label=_("Campaign"), required=False, choices=[])
    address = forms.CharField(
        label=_("Location"),
        max_length=255,
        required=False,
        help_text=_("Drop a pin on the map, use your location, or type an address or landmark."),
    )
    # A fresh key per form shown: sending the same form twice (a double tap, a resent draft)
    # files one report.
    submission_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    urgent = forms.BooleanField(
        label=_("Urgent"),
        required=False,
        help_text=_(
            "Only for danger to people or property right now "
            "(a fallen tree on a road, a live wire, a flood)."
        ),
    )
    name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("We send a link to confirm the report, then news about it."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    anonymous = forms.BooleanField(
        label=_("Keep me anonymous"),
        required=False,
        help_text=_(
            "Your name and contact are never public, either way. Anonymous, the operations "
            "centre also keeps them from the agency and never puts it in touch with you: "
            "questions come through the centre, and you still get news of your report."
        ),
    )

    def __init__(self, *args: Any, user: User | AnonymousUser | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # Read per form: a campaign's categories come and go with its dates.
        self.fields["category"].queryset = category_list_public()  # type: ignore[attr-defined]
        running = campaign_list_running()
        self.fields["campaign"].choices = [  # type: ignore[attr-defined]
            ("", _("None")),
            *((campaign.slug, campaign.name) for campaign in running),
        ]
        if user is not None and user.is_authenticated:
            for name in ("name", "email", "phone"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "lat" in self.errors or "lon" in self.errors:
            # The coordinates are hidden inputs: say it where the person can act on it.
            self.errors.pop("lat", None)
            self.errors.pop("lon", None)
            data.pop("lat", None)
            data.pop("lon", None)
            self.add_error("address", _("The point on the map is not valid: place the pin again."))
            return data
        has_point = data.get("lat") is not None and data.get("lon") is not None
        if not has_point and not data.get("address"):
            self.add_error("address", _("Show us where: drop a pin on the map or type an address."))
        if (self.user is None or not self.user.is_authenticated) and not data.get("email"):
            self.add_error(
                "email",
                _("An email address is needed to confirm a report sent without an account."),
            )
        return data

    def draft(
        self,
        *,
        channel: str,
        language: str,
        confirmed: bool = True,
        attributes: Mapping[str, Sequence[str]] | None = None,
        submission_key: str = "",
    ) -> ReportDraft:
        """The valid form as the intake takes it, for every channel that uses this form (the
        portal, the REST API, the switchboard)."""
        data = self.cleaned_data
        lat, lon = data.get("lat"), data.get("lon")
        return ReportDraft(
            text=data["text"],
            channel=channel,
            category=data.get("category"),
            point=(lat, lon) if lat is not None and lon is not None else None,
            address=data.get("address", ""),
            uploads=data.get("uploads") or [],
            contact=Contact(
                name=data.get("name", ""),
                email=data.get("email") or "",
                phone=data.get("phone", ""),
            ),
            anonymous=bool(data.get("anonymous")),
            track=Track.URGENT if data.get("urgent") else Track.NORMAL,
            attributes=attributes,
            submission_key=submission_key or data.get("submission_key", ""),
            language=language,
            confirmed=confirmed,
            campaign=data.get("campaign") or "",
        )


class RatingForm(forms.Form):
    """The reporter's verdict; "unsatisfied" may come with a request to reopen, with photos."""

    level = forms.ChoiceField(
        label=_("Was the problem fixed?"), choices=RatingLevel.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reopen = forms.BooleanField(label=_("Ask to reopen: it is not fixed"), required=False)
    reason = forms.CharField(
        label=_("What is still wrong?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence = MultipleFileField(label=_("Photos showing the problem now"), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("reopen"):
            if data.get("level") != RatingLevel.UNSATISFIED:
                self.add_error("reopen", _("Only an unsatisfied rating can ask to reopen."))
            if not data.get("reason"):
                self.add_error("reason", _("Say what is still wrong."))
            if not data.get("evidence"):
                self.add_error("evidence", _("Add at least one photo taken now."))
        return data


class AnswerForm(forms.Form):
    """The reporter's answer to the operations centre's question, with photos if useful (their
    content is checked by the media service, as every upload is)."""

    answer = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    photos = MultipleFileField(label=_("Photos or videos (optional)"), required=False)
