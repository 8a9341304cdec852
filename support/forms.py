"""The forms a person asking for help fills in: the request, the passphrase to come back, a
message, and the three feedback questions."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.models import TaxonomyTerm
from lib.i18n import current_language, localized
from networks.models import Membership, Network, Role, phone_characters
from recruitment.models import HelperProfile
from support import receipts
from support.models import Feedback, HelpRequest
from support.topics import TOPIC_GROUPS

MAX_MESSAGE = 4000
LANGUAGE_CHOICES = [("fr", _("French")), ("en", _("English"))]
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


def available_helpers(network: Network) -> QuerySet[Membership]:
    """The network's helpers who may be offered a request now (pledge signed, not away)."""
    profiles = HelperProfile.objects.active().filter(
        membership__network=network, membership__role=Role.HELPER
    )
    return (
        Membership.objects.filter(helper_profile__in=profiles)
        .select_related("user", "helper_profile")
        .order_by("user__display_name", "pk")
    )


# Ids are 64-bit integers (BigAutoField). A larger one, sent by hand, made SQLite raise
# OverflowError (a 500) where it should be an unknown choice.
LARGEST_ID = 2**63 - 1


def out_of_range(value: object) -> bool:
    try:
        return abs(int(str(value).strip())) > LARGEST_ID
    except ValueError:
        return False  # not a number at all: Django's own checks refuse it


class IdChoice(forms.ModelChoiceField):
    def to_python(self, value: object) -> object:
        if value not in self.empty_values and out_of_range(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class IdsChoice(forms.ModelMultipleChoiceField):
    def _check_values(self, value: object) -> QuerySet:
        for pk in value if isinstance(value, list | tuple) else []:
            if out_of_range(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class HelperChoice(IdChoice):
    def label_from_instance(self, obj: Membership) -> str:
        return helper_label(obj)


class HelpersChoice(IdsChoice):
    def label_from_instance(self, obj: Membership) -> str:
        return helper_label(obj)


def helper_label(membership: Membership) -> str:
    """The name a helper chose and the languages they speak: never more. Their lived-experience
    topics only rank offers; the public never sees them."""
    languages = ", ".join(
        str(LANGUAGE_NAMES[code])
        for code in membership.helper_profile.languages
        if code in LANGUAGE_NAMES
    )
    name = membership.user.display_name
    return f"{name} · {languages}" if languages else name


class RequestForm(forms.Form):
    """The request, message first. Everything below how to be reached is optional and folded."""

    submission = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    message = forms.CharField(
        label=_("What would you like to talk about? (optional)"),
        max_length=MAX_MESSAGE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say as much or as little as you like (4,000 characters at most): a few words, or a "
            "topic below, bring your request to a peer helper sooner. Only the peer helper who "
            "accepts your request reads it."
        ),
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
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text=_("Give it only if you chose a phone call. It is stored encrypted."),
    )
    language = forms.ChoiceField(
        label=_("In which language would you like to talk?"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
    )
    topics = forms.MultipleChoiceField(
        label=_("What is it about? (optional)"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    team = IdChoice(
        label=_("Your team (optional)"),
        queryset=None,
        required=False,
        empty_label=_("I would rather not say"),
        help_text=_("Only used so that nobody who supervises your team is offered your request."),
    )
    chosen_helper = HelperChoice(
        label=_("A peer helper you would like to talk to (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Any available peer helper"),
        widget=forms.RadioSelect,
    )
    excluded_helpers = HelpersChoice(
        label=_("Peer helpers you would rather not talk to (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, network: Network, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["language"].initial = current_language()
        self.fields["submission"].initial = receipts.new_submission_token()
        self.terms = TaxonomyTerm.objects.in_bulk(
            [code for _, codes in TOPIC_GROUPS for code in codes], field_name="code"
        )
        self.fields["topics"].choices = [
            (code, localized(self.terms[code], "name"))
            for _, codes in TOPIC_GROUPS
            for code in codes
            if code in self.terms
        ]
        self.fields["team"].queryset = network.teams.all()
        helpers = available_helpers(network)
        self.fields["chosen_helper"].queryset = helpers
        self.fields["excluded_helpers"].queryset = helpers

    def topic_groups(self) -> list[tuple[str, list]]:
        """The topic checkboxes by group, for the template."""
        boxes = {box.data["value"]: box for box in self["topics"]}
        groups = [(label, [boxes[c] for c in codes if c in boxes]) for label, codes in TOPIC_GROUPS]
        return [(label, group) for label, group in groups if group]

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
            "submission": data["submission"] or receipts.new_submission_token(),
            "language": data["language"],
            "contact": data["contact"],
            "phone": data["phone"] if data["contact"] == HelpRequest.Contact.PHONE else "",
            "topics": [self.terms[code] for code in data["topics"]],
            "team": data["team"],
            "chosen_helper": data["chosen_helper"],
            "excluded_helpers": list(data["excluded_helpers"]),
            "message": data["message"],
        }


class PassphraseForm(forms.Form):
    # A visible text field: 45 letters typed blind on a phone are too easy to get wrong. No
    # autocomplete, so that neither the browser nor a password manager keeps the words.
    passphrase = forms.CharField(
        label=_("Your six words"),
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "autocorrect": "off",
                "spellcheck": "false",
                "data-1p-ignore": "",
                "data-lpignore": "true",
            }
        ),
        help_text=_(
            "In the order you were given them, with spaces or dashes between them. Capitals, "
            "accents and one small typing mistake do not matter."
        ),
        error_messages={"required": _("Type the six words you were given.")},
    )


class OneUseForm(forms.Form):
    """A form that carries a one-use token: sent twice (a reload, a double tap), it acts once."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form_token"].initial = receipts.new_submission_token()


class MessageForm(OneUseForm):
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
