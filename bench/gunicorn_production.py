"""gunicorn.conf.py's settings (workers, worker class, threads, and any added later) without its
address and access log: the seekers' run (bench/seekers.py) measures the production server."""

import runpy
from pathlib import Path

LEFT_OUT = {"bind", "accesslog", "logger_class", "access_log_format"}
_production = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
globals().update(
    {
        name: value
        for name, value in _production.items()
        if not name.startswith("_")
        and name not in LEFT_OUT
        and isinstance(value, (bool, int, float, str))
    }
)
