"""An empty gunicorn configuration for the benchmark: no access log (see load.py)."""
