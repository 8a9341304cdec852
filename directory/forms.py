from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import TaxonomyTerm
from lib.i18n import localized
from regions.models import Region

LANGUAGE_CHOICES = [("", _("Any language")), ("fr", _("French")), ("en", _("English"))]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), max_length=200, required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    page = forms.IntegerField(min_value=1, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        terms = sorted(TaxonomyTerm.objects.all(), key=lambda t: localized(t, "name").lower())
        self.fields["topic"].choices = [("", _("All topics"))] + [
            (t.code, localized(t, "name")) for t in terms
        ]
        self.fields["region"].choices = [("", _("All of Quebec"))] + [
            (r.code, localized(r, "name")) for r in Region.objects.all()
        ]
