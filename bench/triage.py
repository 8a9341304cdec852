"""Crisis triage's costs: the model's load time and memory, and the time to triage one message
with the lexicon alone and with the lexicon and the model."""

import statistics
import time
from dataclasses import dataclass

LONGEST_REQUEST = 4000  # characters, as support.forms.MAX_MESSAGE


@dataclass(frozen=True)
class TriageCosts:
    load_seconds: float
    memory_mib: float  # resident memory the model added to this process
    lexicon_ms: float  # median per message, lexicon alone
    both_ms: float  # median per message, lexicon and model
    long_ms: float  # the longest request the form takes (4,000 characters), lexicon and model
    status: str


def resident_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def triage_costs() -> TriageCosts:
    from triage import model
    from triage.labelled import HELD_OUT_FILE, read_labelled
    from triage.rules import read_rules

    model.forget()
    before, started = resident_mib(), time.perf_counter()
    model.load()
    load_seconds, memory = time.perf_counter() - started, resident_mib() - before
    texts = [message.text for message in read_labelled(HELD_OUT_FILE)]
    lexicon = [timed(lambda text=text: read_rules(text)) for text in texts]
    both = [timed(lambda text=text: (read_rules(text), model.urgency(text))) for text in texts]
    long = " ".join(texts)[:LONGEST_REQUEST]
    long_ms = (
        statistics.median(timed(lambda: (read_rules(long), model.urgency(long))) for _ in range(5))
        * 1000
    )
    return TriageCosts(
        load_seconds,
        memory,
        statistics.median(lexicon) * 1000,
        statistics.median(both) * 1000,
        long_ms,
        model.status(),
    )


def timed(work: object) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started
