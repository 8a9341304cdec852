"""Gives each existing network the first region (by code) of its council; the coordinator can
then choose another of the council's regions in the network's settings."""

from django.db import migrations


def region_from_council(apps: object, schema_editor: object) -> None:
    Network = apps.get_model("networks", "Network")
    for network in Network.objects.filter(region__isnull=True).select_related("council"):
        first = network.council.regions.order_by("code").first()
        if first is not None:
            Network.objects.filter(pk=network.pk).update(region=first)


class Migration(migrations.Migration):
    dependencies = [("networks", "0003_network_region_findable_and_resources")]

    operations = [migrations.RunPython(region_from_council, migrations.RunPython.noop)]
