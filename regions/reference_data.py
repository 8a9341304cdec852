"""Loads the 17 administrative regions and the 13 regional councils shipped with the project."""

import json
from pathlib import Path

from django.db import transaction

from regions.models import Region, RegionalCouncil

REFERENCE_FILE = Path(__file__).parent / "reference" / "regions.json"


@transaction.atomic
def load_regions() -> tuple[int, int]:
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    for row in data["regions"]:
        Region.objects.update_or_create(
            code=row["code"], defaults={"name_fr": row["name_fr"], "name_en": row["name_en"]}
        )
    for row in data["councils"]:
        council, _ = RegionalCouncil.objects.update_or_create(
            slug=row["slug"], defaults={"name_fr": row["name_fr"], "name_en": row["name_en"]}
        )
        council.regions.set(Region.objects.filter(code__in=row["covers"]))
    return len(data["regions"]), len(data["councils"])
