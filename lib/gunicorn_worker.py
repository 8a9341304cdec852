"""gunicorn's threaded worker, telling the application when each request arrived.

A gthread worker accepts connections as they come and queues them for its threads; the time a
request spends in that queue is invisible to the application. This worker notes it: the time
(time.monotonic()) the connection was accepted or became readable again (a kept-alive one) is
put in the WSGI environ as `entraide.arrived`, which support.capacity counts from, so that a
request queued past its deadline is answered "busy" instead of being created for a person who
may have stopped waiting. Set in gunicorn.conf.py as `worker_class`.
"""

import threading
import time
from collections.abc import Callable, Iterable

from gunicorn.workers.gthread import ThreadWorker

ARRIVED = "entraide.arrived"  # read by support.capacity


class ArrivalStampingWorker(ThreadWorker):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.arrivals = threading.local()

    def enqueue_req(self, conn: object) -> None:
        conn.entraide_arrived = time.monotonic()
        super().enqueue_req(conn)

    def handle(self, conn: object) -> object:
        arrived = getattr(conn, "entraide_arrived", None)
        if not conn.initialized and not conn.wait_for_data(0):
            # A connection opened ahead of its request (browsers open some in advance): the
            # request has not come yet, so it has not waited; the view's start will do.
            arrived = None
        self.arrivals.current = arrived
        return super().handle(conn)

    def load_wsgi(self) -> None:
        super().load_wsgi()
        application = self.wsgi

        def stamped(environ: dict, start_response: Callable) -> Iterable[bytes]:
            arrived = getattr(self.arrivals, "current", None)
            if arrived is not None:
                environ[ARRIVED] = arrived
            return application(environ, start_response)

        self.wsgi = stamped
