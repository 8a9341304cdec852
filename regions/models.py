from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.i18n import Localized


class Region(Localized, models.Model):
    """One of Quebec's 17 administrative regions."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative region")
        verbose_name_plural = _("administrative regions")

    def __str__(self) -> str:
        return f"{self.code} {self.name_fr}"


class RegionalCouncil(Localized, models.Model):
    """One of the 13 regional councils that support mutual-aid networks in one or more regions."""

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    regions = models.ManyToManyField(Region, related_name="councils", verbose_name=_("regions"))

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("regional council")
        verbose_name_plural = _("regional councils")

    def __str__(self) -> str:
        return self.name_fr
