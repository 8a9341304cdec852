import datetime

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import TaxonomyTerm
from lib.i18n import current_language, localized
from networks.models import Network, Role, Team, phone_characters
from recruitment.models import (
    CONTRIBUTOR_SKILLS,
    DAYS_KEPT_AFTER_DECISION,
    HELPER_QUALITIES,
    HelperProfile,
)

ROLE_CHOICES = [
    (Role.HELPER, _("Peer helper: welcome, listen to and refer coworkers")),
    (Role.CONTRIBUTOR, _("Contributor: help the committee without face-to-face support")),
]
LANGUAGE_CHOICES = [("fr", _("French")), ("en", _("English"))]
MAX_SLOTS = 7


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Email"), max_length=254)
    phone = forms.CharField(
        label=_("Phone (optional)"), max_length=30, required=False, validators=[phone_characters]
    )
    roles = forms.MultipleChoiceField(
        label=_("I would like to be"),
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one role.")},
    )
    motivation = forms.CharField(
        label=_("Why would you like to help?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences are enough (2,000 characters at most)."),
    )
    qualities = forms.MultipleChoiceField(
        label=_("Qualities you recognise in yourself"),
        choices=[(q.value, q.label) for q in HELPER_QUALITIES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills you could bring to the committee"),
        choices=[(q.value, q.label) for q in CONTRIBUTOR_SKILLS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.CharField(
        label=_("When are you available? (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: weekday lunch hours, evening shift (500 characters at most)."),
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Tick this box so that the committee may read your form.")}
    )
    # A field people never see (it sits in a hidden block); robots that fill every field do.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: object, network: Network, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = gettext(
            "I agree that only the mutual-aid committee of %(network)s reads this form (and, if "
            "it needs their help, the platform’s administrators), and that it is deleted "
            "%(days)s days after the committee’s decision."
        ) % {"network": network.name, "days": DAYS_KEPT_AFTER_DECISION}

    def is_from_a_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def application_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "email": data["email"],
            "phone": data["phone"].strip(),
            "language": current_language(),
            "roles": list(data["roles"]),
            "motivation": data["motivation"].strip(),
            "qualities": list(data["qualities"]) + list(data["skills"]),
            "availability": data["availability"].strip(),
        }


class InviteForm(forms.Form):
    role = forms.ChoiceField(label=_("Invite as"), choices=ROLE_CHOICES)


class PledgeForm(forms.Form):
    commit = forms.BooleanField(
        label=_("I have read the pledge and I commit to it."),
        error_messages={"required": _("Tick the box to sign the pledge.")},
    )


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, term: TaxonomyTerm) -> str:
        return localized(term, "name")


class HelperProfileForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages in which I offer support"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    topics = TopicChoiceField(
        label=_("Lived-experience topics (optional)"),
        queryset=TaxonomyTerm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Only you see these. They may help match you with someone going through something "
            "you know from experience."
        ),
    )
    open_conversation_cap = forms.IntegerField(
        label=_("Most conversations open at once"), min_value=1, max_value=10
    )
    is_away = forms.BooleanField(
        label=_("I am away: offer me no new request"),
        required=False,
    )
    supervised_teams = forms.ModelMultipleChoiceField(
        label=_("Teams I supervise"),
        queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("You will never be offered a request from someone on these teams."),
    )

    def __init__(self, *args: object, profile: HelperProfile, **kwargs: object) -> None:
        if profile.pk and "initial" not in kwargs:
            kwargs["initial"] = {
                "languages": profile.languages,
                "topics": list(profile.topics.all()),
                "open_conversation_cap": profile.open_conversation_cap,
                "is_away": profile.is_away,
                "supervised_teams": list(profile.supervised_teams.all()),
            }
        elif "initial" not in kwargs:
            kwargs["initial"] = {"languages": [current_language()], "open_conversation_cap": 3}
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = TaxonomyTerm.objects.order_by(f"name_{current_language()}")
        self.fields["supervised_teams"].queryset = profile.membership.network.teams.all()


class SlotForm(forms.Form):
    """One weekly window. A row left blank is ignored."""

    weekday = forms.TypedChoiceField(
        label=_("Day"),
        choices=[("", "—")] + list(WEEKDAYS.items()),
        coerce=int,
        empty_value=None,
        required=False,
    )
    starts_at = forms.TimeField(
        label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(
        label=_("To"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self) -> dict:
        data = super().clean()
        values = [data.get("weekday"), data.get("starts_at"), data.get("ends_at")]
        if self.errors or all(value is None for value in values):
            return data
        if any(value is None for value in values):
            raise forms.ValidationError(
                _("Give the day, the start and the end, or leave all three empty.")
            )
        if data["starts_at"] >= data["ends_at"]:
            raise forms.ValidationError(_("The end must be later than the start."))
        return data

    def slot(self) -> tuple[int, datetime.time, datetime.time] | None:
        data = getattr(self, "cleaned_data", {})
        if data.get("weekday") is None:
            return None
        return data["weekday"], data["starts_at"], data["ends_at"]


SlotFormSet = forms.formset_factory(
    SlotForm, extra=MAX_SLOTS, max_num=MAX_SLOTS, validate_max=True, absolute_max=MAX_SLOTS
)


def slot_formset(profile: HelperProfile, data: object = None) -> forms.BaseFormSet:
    """The seven rows of weekly availability. A posted formset gets no initial data, so that
    every filled row counts, whether or not it changed."""
    initial = []
    if data is None and profile.pk:
        initial = [
            {"weekday": s.weekday, "starts_at": s.starts_at, "ends_at": s.ends_at}
            for s in profile.slots.all()
        ]
    return SlotFormSet(data, initial=initial, prefix="slots")


def slots_from(formset: forms.BaseFormSet) -> list[tuple[int, datetime.time, datetime.time]]:
    return [slot for form in formset.forms if (slot := form.slot()) is not None]


class TrainingForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    training = forms.ChoiceField(label=_("Training"), choices=HelperProfile.Training.choices)
    trained_on = forms.DateField(
        label=_("Trained on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("training") != HelperProfile.Training.TRAINED:
            data["trained_on"] = None
            return data
        if data.get("trained_on") is None and "trained_on" not in self.errors:
            self.add_error("trained_on", _("Give the date the training ended."))
        elif data.get("trained_on") and data["trained_on"] > timezone.localdate():
            self.add_error("trained_on", _("The training date cannot be in the future."))
        return data
