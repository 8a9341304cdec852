"""Gunicorn settings for production; `gunicorn entraide.wsgi` reads this file by default.

Workers are threaded (gthread) so that a request waiting for its turn is seen by the
application, which answers "busy, send it again in a minute" instead of leaving it in a queue
it cannot see (support/capacity.py; README, "Under load"). The worker class also tells the
application when gunicorn accepted each request, so that the time queued here counts.

The access log keeps neither the client's address nor the query string: what a person in
distress typed, and where they connected from, must never be written to a log. Nor does it keep
the path of any page or the size of a response, which would name the page; static files keep
their path (lib/gunicorn_access_log.py).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One process a core: each holds the triage model (about 130 MiB), and threads share it.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "lib.gunicorn_worker.ArrivalStampingWorker"
# Threads a process: enough that those waiting for a turn (a few seconds at most) never keep a
# cheap page (the form, the busy page, a conversation) waiting for a thread.
threads = int(os.environ.get("WEB_THREADS", "16"))
accesslog = "-"
logger_class = "lib.gunicorn_access_log.AccessLogWithoutPagePaths"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
