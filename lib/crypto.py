"""Encryption at rest: each conversation has its own data key, stored only wrapped (encrypted)
by the master keys from the environment. Deleting a wrapped key makes every copy of that
conversation's messages (backups, the write-ahead log) unreadable.

Master keys rotate: the first of ENTRAIDE_MASTER_KEYS encrypts, all of them decrypt, and
`rewrap` re-encrypts a wrapped key under the first one. A wrapped key that none of them opens
(its master key was removed before `rotate_keys`, or lost) raises `KeyUnavailable`: the pages
answer it with a clear page (lib.error_views) and `check --deploy` counts them (lib.keys).
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class KeyUnavailable(Exception):
    """A wrapped data key that none of ENTRAIDE_MASTER_KEYS unwraps."""


def master() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.ENTRAIDE_MASTER_KEYS])


def new_wrapped_key() -> bytes:
    """A fresh data key, returned wrapped by the current master key."""
    return master().encrypt(Fernet.generate_key())


def unwrap(wrapped: bytes) -> bytes:
    try:
        return master().decrypt(bytes(wrapped))
    except InvalidToken:
        raise KeyUnavailable from None


def unwraps(wrapped: bytes, with_master: MultiFernet | None = None) -> bool:
    try:
        (with_master or master()).decrypt(bytes(wrapped))
    except InvalidToken:
        return False
    return True


def rewrap(wrapped: bytes) -> bytes:
    try:
        return master().rotate(bytes(wrapped))
    except InvalidToken:
        raise KeyUnavailable from None


def data_key(wrapped: bytes) -> Fernet:
    """The unwrapped data key, to read several records with one unwrapping."""
    return Fernet(unwrap(wrapped))


def encrypt(wrapped: bytes, text: str) -> bytes:
    return data_key(wrapped).encrypt(text.encode())


def decrypt(wrapped: bytes, token: bytes) -> str:
    return data_key(wrapped).decrypt(bytes(token)).decode()
