"""The forms a person asking for help fills in: the request, the passphrase to come back, a
message, and the three feedback questions."""

from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import TaxonomyTerm
from lib.i18n import current_language, localized
from networks.models import Membership, Network, Role
from recruitment.models import HelperProfile
from support.models import Feedback, HelpRequest

MAX_MESSAGE = 4000
LANGUAGE_CHOICES = [("fr", _("French")), ("en", _("English"))]
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)

phone_characters = RegexValidator(
    r"^[0-9 +().#-]*(ext\.? ?[0-9]+|poste ?[0-9]+)?$",
    _("Use digits, spaces, dashes and parentheses only."),
)


def available_helpers(network: Network) -> QuerySet[Membership]:
    """The network's helpers who may be offered a request now (pledge signed, not away)."""
    profiles = HelperProfile.objects.active().filter(
        membership__network=network, membership__role=Role.HELPER
    )
    return (
        Membership.objects.filter(helper_profile__in=profiles)
        .select_related("user", "helper_profile")
        .prefetch_related("helper_profile__topics")
        .order_by("user__display_name", "pk")
    )


class TopicChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: TaxonomyTerm) -> str:
        return localized(obj, "name")


class HelperChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return helper_label(obj)


class HelpersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return helper_label(obj)


def helper_label(membership: Membership) -> str:
    """First name or pseudonym, languages and topics: never more about a helper."""
    profile = membership.helper_profile
    languages = ", ".join(
        str(LANGUAGE_NAMES[code]) for code in profile.languages if code in LANGUAGE_NAMES
    )
    topics = ", ".join(localized(term, "name") for term in profile.topics.all())
    label = membership.user.display_name
    if languages:
        label += " · " + languages
    if topics:
        label += " · " + topics
    return label


class RequestForm(forms.Form):
    language = forms.ChoiceField(
        label=_("In which language would you like to talk?"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
    )
    topics = TopicChoice(
        label=_("What is it about? (optional)"),
        queryset=TaxonomyTerm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact = forms.ChoiceField(
        label=_("How would you like to be helped?"),
        choices=HelpRequest.Contact.choices,
        widget=forms.RadioSelect,
        initial=HelpRequest.Contact.CONVERSATION,
    )
    phone = forms.CharField(
        label=_("Phone number to call you (only for a phone call)"),
        max_length=30,
        required=False,
        validators=[phone_characters],
        help_text=_("Give it only if you chose a phone call. It is stored encrypted."),
    )
    team = forms.ModelChoiceField(
        label=_("Your team (optional)"),
        queryset=None,
        required=False,
        empty_label=_("I would rather not say"),
        help_text=_("Only used so that nobody who supervises your team is offered your request."),
    )
    chosen_helper = HelperChoice(
        label=_("A helper you would like to talk to (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Any available helper"),
        widget=forms.RadioSelect,
    )
    excluded_helpers = HelpersChoice(
        label=_("Helpers you would rather not talk to (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("Your message (optional)"),
        max_length=MAX_MESSAGE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Say as much or as little as you like (4,000 characters at most). Only the helper "
            "who accepts your request reads it."
        ),
    )

    def __init__(self, *args: object, network: Network, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["language"].initial = current_language()
        self.fields["topics"].queryset = TaxonomyTerm.objects.order_by(f"name_{current_language()}")
        self.fields["team"].queryset = network.teams.all()
        helpers = available_helpers(network)
        self.fields["chosen_helper"].queryset = helpers
        self.fields["excluded_helpers"].queryset = helpers

    def clean(self) -> dict:
        data = super().clean()
        if data.get("contact") == HelpRequest.Contact.PHONE and not data.get("phone"):
            self.add_error("phone", gettext("Give a number so that a helper can call you."))
        chosen = data.get("chosen_helper")
        if chosen is not None and chosen in (data.get("excluded_helpers") or []):
            self.add_error(
                "excluded_helpers",
                gettext("You chose this helper above: untick them here, or choose another."),
            )
        return data

    def request_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "language": data["language"],
            "contact": data["contact"],
            "phone": data["phone"] if data["contact"] == HelpRequest.Contact.PHONE else "",
            "topics": list(data["topics"]),
            "team": data["team"],
            "chosen_helper": data["chosen_helper"],
            "excluded_helpers": list(data["excluded_helpers"]),
            "message": data["message"],
        }


class PassphraseForm(forms.Form):
    passphrase = forms.CharField(
        label=_("Your six words"),
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
        help_text=_("Type them with spaces between them; capitals and accents do not matter."),
        error_messages={"required": _("Type the six words you were given.")},
    )


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("4,000 characters at most."),
        error_messages={"required": _("Write something before sending.")},
    )


class FeedbackForm(forms.Form):
    helpful = forms.ChoiceField(
        label=_("Was this conversation helpful?"),
        choices=Feedback.Answer.choices,
        widget=forms.RadioSelect,
    )
    would_recommend = forms.ChoiceField(
        label=_("Would you recommend it to a coworker?"),
        choices=Feedback.Answer.choices,
        widget=forms.RadioSelect,
    )
    got_resource = forms.ChoiceField(
        label=_("Did you get the resource you needed?"),
        choices=Feedback.Answer.choices,
        widget=forms.RadioSelect,
    )
