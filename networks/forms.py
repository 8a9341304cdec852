import datetime

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.i18n import localized
from networks.models import Activity, Membership, Network, NetworkResource, StartupStep, Team
from regions.models import Region, RegionalCouncil

MAX_AUTHORISED_MINUTES = 40 * 60


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class StartupStepForm(forms.Form):
    """One step's status. A plain form, so the step itself changes only in the action."""

    status = forms.ChoiceField(label=_("Status"), choices=StartupStep.Status.choices)
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to use today's date when the step is done."),
    )
    responsible = forms.CharField(label=_("Who is responsible"), max_length=120, required=False)
    notes = forms.CharField(
        label=_("Notes"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=StartupStep._meta.get_field("notes").help_text,
    )

    @classmethod
    def for_step(cls, step: StartupStep, data: object = None) -> "StartupStepForm":
        initial = {
            "status": step.status,
            "done_on": step.done_on,
            "responsible": step.responsible,
            "notes": step.notes,
        }
        return cls(data, initial=initial, prefix=f"step-{step.number}")

    def clean(self) -> dict:
        data = super().clean()
        status, done_on = data.get("status"), data.get("done_on")
        if done_on and done_on > timezone.localdate():
            self.add_error("done_on", _("A step cannot be done on a date still to come."))
        elif done_on and status != StartupStep.Status.DONE:
            self.add_error("done_on", _("Give a date only for a step that is done."))
        elif status == StartupStep.Status.DONE and not done_on:
            data["done_on"] = timezone.localdate()
        return data


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, membership: Membership) -> str:
        return f"{membership.user.display_name} ({membership.get_role_display()})"


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "title", "date", "owner"]
        widgets = {"date": DateInput()}
        field_classes = {"owner": OwnerField}

    def __init__(self, *args: object, owners: QuerySet[Membership], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners.select_related("user")
        self.fields["owner"].required = False
        self.fields["owner"].empty_label = _("nobody yet")


class ActivityEditForm(ActivityForm):
    class Meta(ActivityForm.Meta):
        fields = ["kind", "title", "date", "owner", "status"]


class RegionField(forms.ModelChoiceField):
    def label_from_instance(self, region: Region) -> str:
        return localized(region, "name")


class PoliciesForm(forms.Form):
    findable_by_name = forms.BooleanField(
        label=_("People can find the network by its name"),
        required=False,
        help_text=_(
            "Untick it to be reached only by the code on the network’s poster: the network is "
            "then never listed when people search by name or browse by region."
        ),
    )
    region = RegionField(
        label=_("Administrative region of the workplace"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("Not chosen"),
        help_text=_("Where people who browse by region find the network."),
    )
    retention_days = forms.IntegerField(
        label=_("Days personal items are kept after closing"),
        min_value=1,
        max_value=90,
        help_text=_("From 1 to 90 days. Conversations and private notes are destroyed then."),
        error_messages={
            "min_value": _("Keep personal items at least 1 day."),
            "max_value": _("Personal items may be kept at most 90 days."),
        },
    )
    idle_close_days = forms.IntegerField(
        label=_("Days an open conversation may go without a message"),
        min_value=14,
        max_value=90,
        help_text=_(
            "From 14 to 90 days. A conversation in which nobody writes for this long closes by "
            "itself; its peer helper is warned 7 days and 1 day before."
        ),
        error_messages={
            "min_value": _("Leave an open conversation at least 14 days without a message."),
            "max_value": _("An open conversation may go at most 90 days without a message."),
        },
    )
    report_threshold = forms.IntegerField(
        label=_("Smallest count shown in reports"),
        min_value=5,
        max_value=50,
        help_text=_("At least 5. Smaller counts are shown as “fewer than” this number."),
        error_messages={
            "min_value": _("The smallest count shown in reports must be 5 or more."),
            "max_value": _("The smallest count shown in reports must be 50 or less."),
        },
    )
    authorised_minutes_per_week = forms.IntegerField(
        label=_("Support minutes authorised per helper per week"),
        required=False,
        min_value=0,
        max_value=MAX_AUTHORISED_MINUTES,
        help_text=_("Optional. Agreed with the employer, if there is one."),
        error_messages={
            "min_value": _("Give a number of minutes, 0 or more."),
            "max_value": _("At most 2400 minutes (40 hours) a week."),
        },
    )

    @classmethod
    def for_network(cls, network: Network, data: object = None) -> "PoliciesForm":
        initial = {
            "findable_by_name": network.findable_by_name,
            "region": network.region_id,
            "retention_days": network.retention_days,
            "idle_close_days": network.idle_close_days,
            "report_threshold": network.report_threshold,
            "authorised_minutes_per_week": network.authorised_minutes_per_week,
        }
        form = cls(data, initial=initial)
        regions = network.council.regions.order_by("code")
        form.fields["region"].queryset = regions
        form.fields["region"].required = regions.exists()
        return form


class TelInput(forms.TextInput):
    input_type = "tel"


def https_by_default(field: models.Field, **kwargs: object) -> forms.Field:
    """A web address typed without its scheme is read as https://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class NetworkResourceForm(forms.ModelForm):
    """A resource's fields. Never bound to the saved resource (a ModelForm would change it while
    validating): the actions save, and audit, the cleaned values."""

    class Meta:
        model = NetworkResource
        fields = ["kind", "name", "phone", "hours", "website", "details", "verified_on", "position"]
        widgets = {
            "phone": TelInput(),
            "verified_on": DateInput(),
            "position": forms.NumberInput(attrs={"min": 0}),
        }
        labels = {"website": _("Website (optional)"), "details": _("Details (optional)")}
        error_messages = {
            "verified_on": {"required": _("Give the date this number was last checked.")},
            "phone": {"required": _("Give the phone number.")},
            "website": {"invalid": _("Give a web address such as https://example.org.")},
        }
        formfield_callback = https_by_default

    def clean_verified_on(self) -> datetime.date:
        verified_on = self.cleaned_data["verified_on"]
        if verified_on > timezone.localdate():
            raise forms.ValidationError(_("The date it was checked cannot be in the future."))
        return verified_on

    @classmethod
    def for_resource(cls, resource: NetworkResource, data: object = None) -> "NetworkResourceForm":
        return cls(data, initial=model_to_dict(resource, fields=cls._meta.fields))


class WorkplaceSearchForm(forms.Form):
    """The finder's one box: a workplace, employer or union name, or the code on a poster."""

    q = forms.CharField(
        label=_("Name of your workplace, employer or union local, or the code on the poster"),
        max_length=200,
        help_text=_(
            "For example “CHU Sainte-Justine”, “Syndicat des cols bleus de Lévis” or a code such "
            "as “K7Q 4MZ”. Spelling mistakes are fine."
        ),
        error_messages={
            "required": _("Type a name, or the code printed on your workplace’s poster."),
            "max_length": _("Type at most 200 characters."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "enterkeyhint": "search"}
        ),
    )

    def clean_q(self) -> str:
        text = self.cleaned_data["q"].strip()
        if not text:
            raise forms.ValidationError(self.fields["q"].error_messages["required"])
        return text


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)

    def __init__(
        self, *args: object, teams: QuerySet[Team], team: Team | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.teams = teams
        self.team = team

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = self.teams.exclude(pk=self.team.pk) if self.team else self.teams
        if others.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("This network already has a team with this name."))
        return name


class CouncilField(forms.ModelChoiceField):
    def label_from_instance(self, council: RegionalCouncil) -> str:
        return council.t.name


class NewNetworkForm(forms.Form):
    name = forms.CharField(label=_("Name of the network"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Network.Kind.choices, widget=forms.RadioSelect
    )
    council = CouncilField(label=_("Regional council"), queryset=RegionalCouncil.objects.none())
    union_name = forms.CharField(label=_("Union local"), max_length=200)
    employer_name = forms.CharField(
        label=_("Employer"),
        max_length=200,
        required=False,
        help_text=_("Required for joint and contracted networks; leave empty for union-only."),
    )

    def __init__(
        self, *args: object, councils: QuerySet[RegionalCouncil], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        if councils.count() == 1:
            self.fields["council"].initial = councils.first()

    def clean(self) -> dict:
        data = super().clean()
        kind, employer = data.get("kind"), data.get("employer_name", "").strip()
        if kind == Network.Kind.UNION_ONLY and employer:
            self.add_error("employer_name", _("A union-only network has no employer."))
        elif kind in (Network.Kind.JOINT, Network.Kind.CONTRACTED) and not employer:
            self.add_error(
                "employer_name", _("Name the employer of a joint or contracted network.")
            )
        data["employer_name"] = employer
        return data


def activity_initial(kind: str | None, suggested_day: datetime.date) -> dict:
    """Prefills the new-activity form from the plan page's suggestion link."""
    if kind == Activity.Kind.MUTUAL_AID_DAY:
        return {
            "kind": kind,
            "date": suggested_day,
            "title": _("Mutual-aid day"),
        }
    if kind in Activity.Kind.values:
        return {"kind": kind}
    return {}
