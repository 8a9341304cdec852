"""Django logs each refused request with its path ("Not Found: /fr/help/ABCDEF/"): a mistyped
poster code in a log says who sought help, and where. These filters take the path out."""

import logging

# The loggers Django gives a request to: django.request, the CSRF check, and one
# django.security.<exception class> logger per kind of suspicious request.
SUSPICIOUS_OPERATIONS = [
    "SuspiciousOperation",
    "DisallowedHost",
    "DisallowedRedirect",
    "RequestDataTooBig",
    "SuspiciousFileOperation",
    "SuspiciousMultipartForm",
    "TooManyFieldsSent",
    "TooManyFilesSent",
    "InvalidSessionKey",
    "SuspiciousSession",
]
REQUEST_LOGGERS = [
    "django.request",
    "django.security.csrf",
    *(f"django.security.{name}" for name in SUSPICIOUS_OPERATIONS),
]


class WithoutRequestPath(logging.Filter):
    """A 4xx becomes "404 answered", without its path, request or traceback. A 5xx keeps its
    traceback (it is needed to fix the fault) and names the view instead of the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "path_withheld", False):
            return True
        if not hasattr(record, "request") and not hasattr(record, "status_code"):
            return True  # not about a request
        request = record.__dict__.pop("request", None)
        status = getattr(record, "status_code", None) or 0
        if status >= 500:
            record.msg, record.args = "%s answered by %s", (status, view_name(request))
        else:
            check = record.name.removeprefix("django.security.")
            detail = "" if record.name == "django.request" else f" ({check})"
            record.msg, record.args = "%s answered%s", (status or "?", detail)
            record.exc_info = record.exc_text = record.stack_info = None
        record.path_withheld = True
        return True


def view_name(request: object) -> str:
    match = getattr(request, "resolver_match", None)
    return getattr(match, "view_name", None) or "an unresolved address"
