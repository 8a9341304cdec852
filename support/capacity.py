"""How many requests for help a web process takes on at once, and what happens past that.

Sending the request form costs triage, the receipt's hash, encryption and matching: a tenth of
a second of one core or so. In each process, `ENTRAIDE_REQUESTS_AT_ONCE` requests do that work
at a time and the others wait their turn, in their order of arrival, but only when their turn
can be expected within `ENTRAIDE_REQUEST_WAIT` seconds of their arrival (the requests ahead,
times how long the work takes, divided among the turns); otherwise the form answers at once
with the busy page (support.public_views). A request whose turn has still not come GRACE
seconds after that is let go the same way. Let go, it is not created: a person who stopped
waiting must never leave behind a request that a helper would be offered.

The arrival is when the web server accepted the request (lib.gunicorn_worker stamps it, so the
time spent queued in gunicorn counts), or when the view began under any other server.
"""

import functools
import logging
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from django.conf import settings
from django.http import HttpRequest

from lib.gunicorn_worker import ARRIVED  # the environ key it sets (time.monotonic())

FIRST_GUESS = 0.1  # seconds the work of one request takes, until measured in this process
SMOOTHING = 0.2  # the weight of the latest duration in the running estimate
# A request whose turn comes later than expected still takes it this long after the wait it
# was allowed; never later, so that the answer reaches the person while they still wait for it.
GRACE = 2.0
LOG_EVERY = 60.0  # seconds: at most one line a minute says how many were let go
logger = logging.getLogger(__name__)


class Busy(Exception):
    """The request cannot be taken on in time: nothing was created."""


class Gate:
    """The slots of one process, handed to waiting requests in their order of arrival (a
    semaphore would let a newcomer take a freed slot before those already waiting)."""

    def __init__(self, at_once: int, wait: float) -> None:
        self.at_once = at_once
        self.wait = wait
        self.lock = threading.Lock()
        self.free = at_once
        self.waiting: deque[threading.Event] = deque()  # set when the slot is handed over
        self.started: list[float] = []  # when the work in progress began
        self.seconds_each = FIRST_GUESS
        self.let_go = 0  # since the last log line
        self.logged_at = 0.0

    def full(self, arrived: float) -> bool:
        """Whether a request that arrived then would be let go now (counted if so)."""
        with self.lock:
            return self.too_late(arrived)

    def too_late(self, arrived: float) -> bool:
        """Under the lock: whether its turn cannot be expected in time (counted if so)."""
        if time.monotonic() + self.expected_wait() <= arrived + self.wait:
            return False
        self.went_busy()
        return True

    @contextmanager
    def admitted(self, arrived: float) -> Iterator[None]:
        """Runs the block when a slot frees in time; raises Busy, at once or when the latest
        start passes, when none will."""
        self.take_slot(arrived)
        with self.lock:
            started = time.monotonic()
            self.started.append(started)
        try:
            yield
        finally:
            with self.lock:
                self.started.remove(started)
                self.learn(time.monotonic() - started)
            self.give_back_slot()

    def take_slot(self, arrived: float) -> None:
        with self.lock:
            if self.too_late(arrived):
                raise Busy
            if self.free:
                self.free -= 1
                return
            turn = threading.Event()
            self.waiting.append(turn)
        latest = arrived + self.wait + GRACE
        if turn.wait(timeout=max(0.0, latest - time.monotonic())):
            return
        with self.lock:
            if turn.is_set():
                return  # handed over just as the wait ended
            self.waiting.remove(turn)
            self.went_busy()
        raise Busy

    def give_back_slot(self) -> None:
        with self.lock:
            if self.waiting:
                self.waiting.popleft().set()
            else:
                self.free += 1

    def expected_wait(self) -> float:
        """Under the lock: the requests ahead, times how long one takes, over the slots. How
        long one takes is what the work took lately, or longer when the work in progress has
        already run longer (the first requests of a burst, or a slower machine)."""
        if self.free:
            return 0.0
        now = time.monotonic()
        seconds = max([self.seconds_each, *(now - started for started in self.started)])
        return (len(self.waiting) + 1) * seconds / self.at_once

    def learn(self, seconds: float) -> None:
        """Under the lock."""
        self.seconds_each += SMOOTHING * (seconds - self.seconds_each)

    def went_busy(self) -> None:
        """Counts a request let go (under the lock); one line a minute tells the operator."""
        self.let_go += 1
        now = time.monotonic()
        if now - self.logged_at >= LOG_EVERY:
            logger.warning(
                "Over capacity: %d request form(s) asked to be sent again in a minute since the "
                "last such line (%d at once in this process, %.2f s each lately).",
                self.let_go,
                self.at_once,
                self.seconds_each,
            )
            self.let_go, self.logged_at = 0, now


@functools.cache
def gate_for(at_once: int, wait: float) -> Gate:
    return Gate(at_once, wait)


def gate() -> Gate:
    """This process's gate, for the current settings."""
    return gate_for(settings.ENTRAIDE_REQUESTS_AT_ONCE, settings.ENTRAIDE_REQUEST_WAIT)


def arrival(request: HttpRequest) -> float:
    """When the request reached the server, on the clock of time.monotonic()."""
    return min(request.META.get(ARRIVED, time.monotonic()), time.monotonic())


def full(request: HttpRequest) -> bool:
    """Whether the request would be let go at once: checked before anything else is spent on
    it, and again (by `admitted`) before its work starts."""
    return gate().full(arrival(request))


def admitted(request: HttpRequest) -> AbstractContextManager[None]:
    return gate().admitted(arrival(request))
