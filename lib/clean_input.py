"""No control character reaches a view, a form or the database.

PostgreSQL refuses a NUL byte in text, so one in an address, a search or a message would be a
500; other control characters are invisible, never typed by a person, and only trouble a page
or a log. So, once for the whole site, before anything reads the request:

- an address with a NUL byte is the friendly 404 page (nothing is ever stored under one);
- query-string and form values (and their names) lose their NUL bytes and control characters,
  and keep everything else: tab, line feed and carriage return, which people type, stay, and a
  message is never refused or lost for a stray character pasted into it;
- a cookie holding a control character is ignored, as if absent (we never set one).
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

from lib.error_views import page_not_found

# The C0 controls but tab, line feed and carriage return; DEL; the C1 controls.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class CleanInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            # The page is built from the address (its language switch): without the NUL.
            request.path_info = request.path_info.replace("\x00", "")
            request.path = request.path.replace("\x00", "")
            return page_not_found(request)
        request.GET = without_controls(request.GET)
        if request.method == "POST":
            request.POST = without_controls(request.POST)
        request.COOKIES = {
            name: value
            for name, value in request.COOKIES.items()
            if not CONTROL_CHARACTERS.search(name + value)
        }
        return self.get_response(request)


def without_controls(query: QueryDict) -> QueryDict:
    if not any(CONTROL_CHARACTERS.search(key + "".join(values)) for key, values in query.lists()):
        return query
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        key = CONTROL_CHARACTERS.sub("", key)
        cleaned.setlist(key, cleaned.getlist(key) + [CONTROL_CHARACTERS.sub("", v) for v in values])
    cleaned._mutable = False
    return cleaned
