"""Encryption at rest: each conversation has its own data key, stored only wrapped (encrypted)
by the master keys from the environment. Deleting a wrapped key makes every copy of that
conversation's messages (backups, the write-ahead log) unreadable.

Master keys rotate: the first of ENTRAIDE_MASTER_KEYS encrypts, all of them decrypt, and
`rewrap` re-encrypts a wrapped key under the first one.
"""

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


def master() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.ENTRAIDE_MASTER_KEYS])


def new_wrapped_key() -> bytes:
    """A fresh data key, returned wrapped by the current master key."""
    return master().encrypt(Fernet.generate_key())


def rewrap(wrapped: bytes) -> bytes:
    return master().rotate(bytes(wrapped))


def encrypt(wrapped: bytes, text: str) -> bytes:
    return Fernet(master().decrypt(bytes(wrapped))).encrypt(text.encode())


def decrypt(wrapped: bytes, token: bytes) -> str:
    return Fernet(master().decrypt(bytes(wrapped))).decrypt(bytes(token)).decode()
