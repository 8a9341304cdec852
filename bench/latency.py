"""Directory search latency: a fixed mix of what people type, sent straight to search_services."""

import math
import statistics
import time
from dataclasses import dataclass, field

from directory.search import search_services

# French and English, with typos, without accents, in Quebec usage, crisis wording, and
# words cut short as if still typing.
QUERIES = [
    "mon chum me frappe",
    "jeu compulsif",
    "idees suicidaire",
    "gamling",
    "anxiete",
    "my husband hits me",
    "depression",
    "aide parents ado",
    "j'veux pu vivre",
    "harcelement au travail",
    "violance conjugale",
    "dettes de jeu casino",
    "burnout epuisement",
    "deuil d'un collègue",
    "loneliness",
    "santé mentale Rimouski",
    "drogue",
    "anx",
]


@dataclass
class Latency:
    timings: dict[str, list[float]] = field(default_factory=dict)  # seconds, per query
    hits: dict[str, int] = field(default_factory=dict)
    first_call: float = 0.0  # the very first search, with whatever the engine loads once

    @property
    def all_timings(self) -> list[float]:
        return [t for times in self.timings.values() for t in times]


def measure_search(rounds: int, budget_seconds: float) -> Latency:
    """Runs every query `rounds` times (fewer if the time budget runs out)."""
    latency = Latency(timings={query: [] for query in QUERIES})
    started = time.perf_counter()
    search_services(QUERIES[0])
    latency.first_call = time.perf_counter() - started
    for query in QUERIES:  # warm-up round, not counted
        latency.hits[query] = len(search_services(query).service_ids)
    deadline = time.perf_counter() + budget_seconds
    for _ in range(rounds):
        for query in QUERIES:
            before = time.perf_counter()
            search_services(query)
            latency.timings[query].append(time.perf_counter() - before)
        if time.perf_counter() > deadline:
            break
    return latency


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def median(values: list[float]) -> float:
    return statistics.median(values)
