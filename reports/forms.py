"""The period of a report, and the inputs of a business case."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import BusinessCase
from reports.periods import BadPeriod, Period

MONTH_HELP = _("As year and month, for example 2026-01.")


class MonthInput(forms.TextInput):
    input_type = "month"


class PeriodForm(forms.Form):
    start = forms.CharField(
        label=_("First month"), max_length=7, widget=MonthInput, help_text=MONTH_HELP
    )
    end = forms.CharField(
        label=_("Last month"), max_length=7, widget=MonthInput, help_text=MONTH_HELP
    )

    def clean(self) -> dict:
        data = super().clean()
        if "start" in data and "end" in data:
            try:
                data["period"] = Period.parse(data["start"], data["end"])
            except BadPeriod:
                raise forms.ValidationError(
                    _(
                        "Give two months as year and month (2026-01), the first one not after "
                        "the last."
                    )
                ) from None
        return data


class BusinessCaseForm(forms.ModelForm):
    class Meta:
        model = BusinessCase
        fields = [
            "new_helpers_per_year",
            "training_per_helper",
            "certification_per_helper",
            "supervision_per_year",
            "management_per_year",
            "travel_per_year",
            "helper_hourly_cost",
        ]
