"""The receipt a person gets for a request: six words to come back with, instead of an account.

Only two derived values are stored: a keyed hash (`receipt_locator`) to find the request, and a
slow Argon2 hash (`receipt_hash`) to check it. The words themselves are shown once and kept
nowhere. Wrong, unknown and expired passphrases all look alike to the caller (`None`).

Guessing is throttled for the whole site, not per address (no IP address is kept for this
traffic): after FREE_FAILURES failures, each further guess must wait twice as long as the one
before, up to MAX_DELAY; the count starts again after QUIET_PERIOD without a failure.
"""

import datetime
import functools
import math
import re
import secrets
import unicodedata
from pathlib import Path

from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import Throttle
from support.models import HelpRequest

WORDS_PER_PASSPHRASE = 6
RECEIPT_DAYS = 90
WORDLISTS = Path(__file__).resolve().parent / "wordlists"

FREE_FAILURES = 10
QUIET_PERIOD = datetime.timedelta(minutes=10)
MAX_DELAY = 300  # seconds
# One Throttle row for the whole site: `count` = failures in a row, `window_started_at` = the
# moment of the last one.
GUESS_KEY = "support:receipt-guesses"
LOCATOR_SALT = "entraide.support.receipts.locator"


@functools.cache
def words(language: str) -> tuple[str, ...]:
    """The word list of `language` ("fr" or "en"), one word a line."""
    path = WORDLISTS / f"{'en' if language == 'en' else 'fr'}.txt"
    return tuple(line.strip() for line in path.read_text().splitlines() if line.strip())


def entropy_bits(language: str) -> float:
    return WORDS_PER_PASSPHRASE * math.log2(len(words(language)))


def new_passphrase(language: str) -> str:
    vocabulary = words(language)
    return " ".join(secrets.choice(vocabulary) for _ in range(WORDS_PER_PASSPHRASE))


def normalise(passphrase: str) -> str:
    """What a person types, reduced to the words: case, accents, dashes and spaces ignored."""
    folded = unicodedata.normalize("NFKD", passphrase.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z]+", folded))


def locator_of(passphrase: str) -> str:
    return salted_hmac(LOCATOR_SALT, normalise(passphrase), algorithm="sha256").hexdigest()


def issue(request: HelpRequest, language: str) -> str:
    """Gives an unsaved request its receipt and returns the passphrase (to show once)."""
    while True:
        passphrase = new_passphrase(language)
        locator = locator_of(passphrase)
        if not HelpRequest.objects.filter(receipt_locator=locator).exists():
            break
    request.receipt_locator = locator
    request.receipt_hash = make_password(normalise(passphrase), hasher="argon2")
    request.receipt_expires_at = timezone.now() + datetime.timedelta(days=RECEIPT_DAYS)
    return passphrase


@functools.cache
def _decoy_hash() -> str:
    return make_password(new_passphrase("en"), hasher="argon2")


def find(passphrase: str) -> HelpRequest | None:
    """The request this passphrase opens, or None when it is wrong, unknown or expired.
    Every path checks one Argon2 hash, so that the time taken tells nothing either."""
    words_typed = normalise(passphrase)
    request = (
        HelpRequest.objects.select_related("network")
        .filter(receipt_locator=locator_of(words_typed))
        .first()
        if words_typed
        else None
    )
    if request is None:
        check_password(words_typed, _decoy_hash())
        return None
    if not check_password(words_typed, request.receipt_hash):
        return None
    if request.receipt_expires_at <= timezone.now():
        return None
    return request


def delay_after(failures: int) -> int:
    """Seconds to wait after the last failure before another guess is checked."""
    if failures < FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY)


def reserve_guess() -> int:
    """Counts a guess as a failure before it is checked, or refuses it: returns 0 when it may
    be checked, else the seconds to wait. Counting first means that guesses sent at the same
    moment cannot all slip through; `forgive_guess` takes back the count of a right one."""
    for _attempt in range(2):  # a second try if another process created the row meanwhile
        try:
            with transaction.atomic():
                now = timezone.now()
                row, _ = Throttle.objects.select_for_update().get_or_create(
                    key=GUESS_KEY, defaults={"window_started_at": now, "count": 0}
                )
                since_last = now - row.window_started_at
                if since_last >= QUIET_PERIOD:
                    row.count = 0
                wait = delay_after(row.count) - since_last.total_seconds()
                if wait > 0:
                    return math.ceil(wait)
                row.count += 1
                row.window_started_at = now
                row.save(update_fields=["count", "window_started_at"])
                return 0
        except IntegrityError:
            continue
    return 1


def forgive_guess() -> None:
    """A right passphrase takes back the failure `reserve_guess` counted in advance (and only
    that one, so that knowing one's own passphrase never resets the count)."""
    Throttle.objects.filter(key=GUESS_KEY, count__gt=0).update(count=F("count") - 1)
