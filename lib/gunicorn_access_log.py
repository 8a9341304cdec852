"""Gunicorn's access log, without the path of any page: a mistyped poster code
("GET /fr/help/ABCDEF/ 404") says who sought help, a workplace's code ("/fr/help/K7M2QX/",
"/n/k7m2qx") which workplace, and a directory page which help line someone looked at. Only
static files keep their path. Set in gunicorn.conf.py as `logger_class`; the format has no
response size either, since each page's size would name it."""

from datetime import timedelta

from gunicorn.glogging import Logger

# Every access-log atom that can hold the path (the request line, the environ and the referrer).
PATH_ATOMS = ["U", "r", "{path_info}e", "{raw_uri}e", "{request_uri}e", "{referer}i", "f"]
KEPT_PREFIX = "/static/"


class AccessLogWithoutPagePaths(Logger):
    def atoms(self, resp: object, req: object, environ: dict, request_time: timedelta) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        if not str(atoms["U"]).startswith(KEPT_PREFIX) or str(atoms["s"]).startswith("4"):
            atoms.update(dict.fromkeys(PATH_ATOMS, "-"))
        return atoms
