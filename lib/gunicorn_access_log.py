"""Gunicorn's access log, without the path of a refused request (a mistyped poster code,
"GET /fr/help/ABCDEF/ 404", says who sought help) nor of a workplace's help pages (the code in
"/fr/help/K7M2QX/" says which workplace someone asked for help in). Set in gunicorn.conf.py as
`logger_class`."""

import re
from datetime import timedelta

from gunicorn.glogging import Logger

# Every access-log atom that can hold the path (the request line, the environ and the referrer).
PATH_ATOMS = ["U", "r", "{path_info}e", "{raw_uri}e", "{request_uri}e", "{referer}i", "f"]
NETWORK_PAGE = re.compile(r"^/(fr|en)/(help|n)/")


class AccessLogWithoutClientErrorPaths(Logger):
    def atoms(self, resp: object, req: object, environ: dict, request_time: timedelta) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        if str(atoms["s"]).startswith("4") or NETWORK_PAGE.match(str(atoms["U"])):
            atoms.update(dict.fromkeys(PATH_ATOMS, "-"))
        return atoms
