"""The project's settings with the benchmark's URLs (a bare view for comparison) and a
throwaway static root; every other setting comes from the environment as usual."""

import os

from entraide.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
