"""The reporting sheet: coded answers only, most of them one tap."""

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from directory.models import Service
from networks.models import Membership
from records.models import ContactType, Initiator, Referral, TimeBand, Topic
from records.sheets import SheetAnswers, month_choices


class SheetForm(forms.Form):
    helper = forms.ModelChoiceField(
        label=_("Network"), queryset=Membership.objects.none(), empty_label=None
    )
    month = forms.TypedChoiceField(label=_("Month"), coerce=datetime.date.fromisoformat)
    contact_type = forms.ChoiceField(
        label=_("Contact"), choices=ContactType.choices, widget=forms.RadioSelect
    )
    initiated_by = forms.ChoiceField(
        label=_("Who initiated"), choices=Initiator.choices, widget=forms.RadioSelect
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    time_band = forms.ChoiceField(
        label=_("Time spent"), choices=TimeBand.choices, widget=forms.RadioSelect
    )
    referrals = forms.MultipleChoiceField(
        label=_("Referred to"),
        choices=[c for c in Referral.choices if c[0] != Referral.DIRECTORY],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Services of the directory"),
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    follow_up = forms.BooleanField(label=_("A follow-up is planned"), required=False)

    def __init__(self, *args: object, helpers: list[Membership], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["helper"].queryset = Membership.objects.filter(
            pk__in=[m.pk for m in helpers]
        ).select_related("network")
        self.fields["helper"].label_from_instance = lambda m: m.network.name
        if len(helpers) == 1:
            self.fields["helper"].widget = forms.HiddenInput()
            self.fields["helper"].initial = helpers[0].pk
        self.fields["month"].choices = [
            (month.isoformat(), formats.date_format(month, "YEAR_MONTH_FORMAT"))
            for month in month_choices()
        ]
        self.fields["services"].queryset = Service.objects.active()
        self.fields["services"].label_from_instance = lambda service: service.t.name

    def answers(self) -> SheetAnswers:
        data = self.cleaned_data
        return SheetAnswers(
            month=data["month"],
            contact_type=data["contact_type"],
            initiated_by=data["initiated_by"],
            time_band=data["time_band"],
            topics=list(data["topics"]),
            referrals=list(data["referrals"]),
            services=list(data["services"]),
            follow_up=data["follow_up"],
        )


def initial_from(answers: SheetAnswers) -> dict:
    return {
        "month": answers.month.isoformat(),
        "contact_type": answers.contact_type,
        "initiated_by": answers.initiated_by,
        "time_band": answers.time_band,
        "topics": answers.topics,
        "referrals": answers.referrals,
        "services": answers.services,
        "follow_up": answers.follow_up,
    }
