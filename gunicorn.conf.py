"""Gunicorn settings for production; `gunicorn entraide.wsgi` reads this file by default.

The access log keeps neither the client's address nor the query string: what a person in
distress typed, and where they connected from, must never be written to a log. Nor does it keep
the path of any page or the size of a response, which would name the page; static files keep
their path (lib/gunicorn_access_log.py).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
accesslog = "-"
logger_class = "lib.gunicorn_access_log.AccessLogWithoutPagePaths"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
