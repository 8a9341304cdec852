"""The receipt a person gets for a request: six words to come back with, instead of an account.

The words are derived from the request form's one-use token (`passphrase_for`), so that the
same form sent again (a reload, Back, a double tap) shows the same words for the same request
instead of creating another. Only two values derived from the words are stored: a keyed hash
(`receipt_locator`) to find the request, and a moderate Argon2 hash (`receipt_hash`) to check
them. Wrong, unknown and expired words all look alike to the caller (`None`).

All three are keyed with ENTRAIDE_RECEIPT_KEY, never SECRET_KEY: rotating SECRET_KEY changes
nothing for receipts, and a receipt key being replaced stays in ENTRAIDE_RECEIPT_KEY_FALLBACKS
while the receipts it made live (90 days).

Nothing refuses a guess: the entropy does the work (see README, "Why six words resist
guessing"). A throttle shared by everyone would let one stranger lock every person out.
"""

import datetime
import functools
import hashlib
import hmac
import math
import re
import secrets
import unicodedata
from pathlib import Path

import argon2
from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac
from rapidfuzz.distance import OSA

from support.models import HelpRequest

WORDS_PER_PASSPHRASE = 6
RECEIPT_DAYS = 90
WORDLISTS = Path(__file__).resolve().parent / "wordlists"
LANGUAGES = ("fr", "en")
LOCATOR_SALT = "entraide.support.receipts.locator"
WORDS_SALT = "entraide.support.receipts.words"
SUBMISSION_SALT = "entraide.support.receipts.submission"
ACCESS_SALT = "entraide.support.receipts.access"
# The words of a request are shown again when its form is sent again within this time; later,
# the page only says that the request was already sent.
SHOWN_AGAIN_FOR = datetime.timedelta(minutes=30)
# An opened conversation stays open this long without a request, then asks for the words again.
ACCESS_MINUTES = 60
# About 45 ms and 20 MiB a check (README, "Why six words resist guessing"): the 67 bits of the
# words do the work, and a costlier hash would only slow people in distress (and let a burst of
# them exhaust the server).
HASHER = argon2.PasswordHasher(time_cost=3, memory_cost=20 * 1024, parallelism=1)
# At most this many spellings are tried for what a person typed (see `spellings`): the words as
# typed and a few corrections of one slip, about 4 bits off the 66 of six words.
MOST_SPELLINGS = 40
LONGEST_WORD = 10  # letters in the longest word of either list
SEGMENTING_STEPS = 500  # a bound on the work of splitting words run together


@functools.cache
def words(language: str) -> tuple[str, ...]:
    """The word list of `language` ("fr" or "en"), one word a line."""
    path = WORDLISTS / f"{'en' if language == 'en' else 'fr'}.txt"
    return tuple(line.strip() for line in path.read_text().splitlines() if line.strip())


@functools.cache
def word_set(language: str) -> frozenset[str]:
    return frozenset(words(language))


def entropy_bits(language: str) -> float:
    return WORDS_PER_PASSPHRASE * math.log2(len(words(language)))


def new_submission_token() -> str:
    """The one-use token a request form carries (a new one each time the form is shown)."""
    return secrets.token_urlsafe(24)


def receipt_keys() -> list[str]:
    """The receipt key, then the earlier ones still accepted."""
    return [settings.ENTRAIDE_RECEIPT_KEY, *settings.ENTRAIDE_RECEIPT_KEY_FALLBACKS]


def submission_key(token: str, key: str | None = None) -> str:
    secret = key or settings.ENTRAIDE_RECEIPT_KEY
    return salted_hmac(SUBMISSION_SALT, token, secret=secret, algorithm="sha256").hexdigest()


def sent_with(token: str) -> tuple[HelpRequest, str] | None:
    """The request the form with `token` created, and the receipt key it was made with."""
    keys = {submission_key(token, key): key for key in reversed(receipt_keys())}
    request = HelpRequest.objects.filter(submission_key__in=keys).first()
    return None if request is None else (request, keys[request.submission_key])


def passphrase_for(token: str, language: str, key: str | None = None) -> str:
    """The six words of the request sent with `token`: the same token always gives the same
    words, and nobody can compute them without both the token and the receipt key."""
    vocabulary = words(language)
    secret = (key or settings.ENTRAIDE_RECEIPT_KEY).encode()
    number = int.from_bytes(
        hmac.new(secret, f"{WORDS_SALT}:{token}".encode(), hashlib.sha256).digest()
    )
    chosen = []
    for _ in range(WORDS_PER_PASSPHRASE):
        number, index = divmod(number, len(vocabulary))
        chosen.append(vocabulary[index])
    return " ".join(chosen)


def normalise(passphrase: str) -> str:
    """What a person types, reduced to the words: case, accents, dashes and spaces ignored."""
    folded = unicodedata.normalize("NFKD", passphrase.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z]+", folded))


def locator_of(passphrase: str, key: str | None = None) -> str:
    words_typed = normalise(passphrase)
    secret = key or settings.ENTRAIDE_RECEIPT_KEY
    return salted_hmac(LOCATOR_SALT, words_typed, secret=secret, algorithm="sha256").hexdigest()


def locators_of(passphrase: str) -> list[str]:
    """The locator under the receipt key, then under each of its fallbacks, so that replacing
    the key does not lock people out of their conversations."""
    return [locator_of(passphrase, key) for key in receipt_keys()]


def issue(request: HelpRequest, token: str, language: str) -> str:
    """Gives an unsaved request its receipt and returns the passphrase (to show, never keep)."""
    passphrase = passphrase_for(token, language)
    request.submission_key = submission_key(token)
    request.receipt_locator = locator_of(passphrase)
    request.receipt_hash = "argon2" + HASHER.hash(normalise(passphrase))
    request.receipt_expires_at = timezone.now() + datetime.timedelta(days=RECEIPT_DAYS)
    return passphrase


def spellings(typed: str) -> list[str]:
    """The passphrases a person may have meant, in the order typed: the words as typed; words
    run together, split again ("chatpomme" is "chat pomme"); and, in one word only, a small
    slip (one letter missing, extra, wrong or two swapped) corrected to the list word."""
    found: list[str] = []
    for language in LANGUAGES:
        for split in splits(normalise(typed).split(), language):
            found += corrected(split, language)
    return list(dict.fromkeys(found))[:MOST_SPELLINGS]


def splits(typed: list[str], language: str) -> list[list[str]]:
    """`typed` as six words: as it is, or with words run together split at list words."""
    if len(typed) == WORDS_PER_PASSPHRASE:
        return [typed]
    if not typed or len(typed) > WORDS_PER_PASSPHRASE:
        return []
    found: list[list[str]] = [[]]
    for token in typed:
        room = WORDS_PER_PASSPHRASE - len(typed) + 1  # the most words one token may hold
        ways = segmentations(token, language, room) or [[token]]
        found = [[*head, *way] for head in found for way in ways][:MOST_SPELLINGS]
    return [split for split in found if len(split) == WORDS_PER_PASSPHRASE]


def segmentations(token: str, language: str, most_words: int) -> list[list[str]]:
    """Ways to read `token` as at most `most_words` list words written together (a few at
    most: what a person typed must never cost the server more than a handful of lookups)."""
    known = word_set(language)
    if len(token) > most_words * LONGEST_WORD:
        return []
    found: list[list[str]] = []
    stack: list[tuple[int, list[str]]] = [(0, [])]
    for _step in range(SEGMENTING_STEPS):
        if not stack or len(found) >= MOST_SPELLINGS:
            break
        start, words_so_far = stack.pop()
        if start == len(token):
            found.append(words_so_far)
            continue
        if len(words_so_far) == most_words:
            continue
        for end in range(min(len(token), start + LONGEST_WORD), start, -1):
            if token[start:end] in known:
                stack.append((end, [*words_so_far, token[start:end]]))
    return found


def corrected(split: list[str], language: str) -> list[str]:
    """The phrase itself, then the phrase with one word replaced by a list word one slip away.
    A word not in the list must be the slip; a slip may also have made another list word
    ("car" for "card"), so then each word in turn may be."""
    known = word_set(language)
    unknown = [i for i, word in enumerate(split) if word not in known]
    if len(unknown) > 1:
        return []
    found = [] if unknown else [" ".join(split)]
    for position in unknown or range(len(split)):
        found += [
            " ".join([*split[:position], word, *split[position + 1 :]])
            for word in neighbours(split[position], language)
            if word != split[position]
        ]
    return found


@functools.lru_cache(maxsize=4096)
def neighbours(word: str, language: str) -> tuple[str, ...]:
    return tuple(
        candidate
        for candidate in words(language)
        if abs(len(candidate) - len(word)) <= 1
        and OSA.distance(candidate, word, score_cutoff=1) <= 1
    )


@functools.cache
def _decoy_hash() -> str:
    return "argon2" + HASHER.hash(secrets.token_hex(16))


def find(passphrase: str) -> HelpRequest | None:
    """The request these words open, or None when they are wrong, unknown or expired. The words
    as typed are tried first, then their corrections. Every path checks one Argon2 hash, so
    that the time taken tells nothing either."""
    tried = [
        (spelling, locator)
        for spelling in spellings(passphrase)
        for locator in locators_of(spelling)
    ]
    found = HelpRequest.objects.select_related("network").in_bulk(
        [locator for _spelling, locator in tried], field_name="receipt_locator"
    )
    for spelling, locator in tried:
        if locator in found:
            request = found[locator]
            if not check_password(spelling, request.receipt_hash):
                return None
            return request if request.receipt_expires_at > timezone.now() else None
    check_password(normalise(passphrase), _decoy_hash())
    return None


def access_token(request: HelpRequest) -> str:
    """What an opened conversation page carries instead of the words, for a short time. It
    holds the request's locator, not its number, which would tell how many requests exist."""
    return signing.TimestampSigner(salt=ACCESS_SALT).sign(request.receipt_locator)


def opened_by(token: str) -> HelpRequest | None:
    """The request an access token opens, or None when it is forged or too old."""
    try:
        locator = signing.TimestampSigner(salt=ACCESS_SALT).unsign(
            token, max_age=ACCESS_MINUTES * 60
        )
    except signing.BadSignature:
        return None
    requests = HelpRequest.objects.select_related("network")
    request = requests.filter(receipt_locator=locator).first()
    if request is None or request.receipt_expires_at <= timezone.now():
        return None
    return request
