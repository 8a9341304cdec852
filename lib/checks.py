"""Deploy checks (`manage.py check --deploy`) of the keys: the master keys are keys and not
the public development one, the receipt key is not the development one, and every stored data
key unwraps with the master keys (README, "Encryption and retention")."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import DatabaseError

from lib import keys

RECEIPT_KEY_MIN_LENGTH = 32


@register("keys", Tags.security, deploy=True)
def check_master_keys(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    found: list[CheckMessage] = []
    for position, key in enumerate(settings.ENTRAIDE_MASTER_KEYS, start=1):
        try:
            Fernet(key)
        except ValueError:
            found.append(
                Error(
                    f"Master key number {position} of ENTRAIDE_MASTER_KEYS is not a Fernet key.",
                    hint="A Fernet key is 32 bytes in url-safe base64 (44 characters); "
                    "generate one as README says.",
                    id="lib.E002",
                )
            )
    if settings.DEVELOPMENT_MASTER_KEY in settings.ENTRAIDE_MASTER_KEYS:
        found.append(
            Warning(
                "ENTRAIDE_MASTER_KEYS holds the public development key: anyone can read "
                "what it wrapped.",
                hint="Put a new key first, run `manage.py rotate_keys`, then remove it.",
                id="lib.W001",
            )
        )
    return found


@register("keys", Tags.security, deploy=True)
def check_receipt_key(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    key = settings.ENTRAIDE_RECEIPT_KEY
    if key == settings.DEVELOPMENT_RECEIPT_KEY or len(key) < RECEIPT_KEY_MIN_LENGTH:
        return [
            Warning(
                "ENTRAIDE_RECEIPT_KEY is the public development value or shorter than "
                f"{RECEIPT_KEY_MIN_LENGTH} characters.",
                hint="Set a long random value; when replacing one in use, keep the old one "
                "in ENTRAIDE_RECEIPT_KEY_FALLBACKS for 90 days (README).",
                id="lib.W002",
            )
        ]
    return []


@register("keys", Tags.security, deploy=True)
def check_stored_keys(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """Every stored key, not a sample: run it after each change of ENTRAIDE_MASTER_KEYS."""
    try:
        counts = keys.unreadable_keys()
    except ValueError:
        return []  # a master key that is not a key: lib.E002 says so
    except DatabaseError as error:
        return [
            Warning(
                f"The stored keys could not be checked: the database did not answer "
                f"({type(error).__name__}).",
                id="lib.W003",
            )
        ]
    unreadable = [(kind, count) for kind, count in counts.items() if count]
    if not unreadable:
        return []
    what = " and ".join(
        f"{count} {kind} key{'' if count == 1 else 's'}" for kind, count in unreadable
    )
    return [
        Error(
            f"{what} cannot be unwrapped with ENTRAIDE_MASTER_KEYS: their conversations and "
            "notes cannot be read.",
            hint="Put the master key that wrapped them back in ENTRAIDE_MASTER_KEYS (after "
            'the first key), then run `manage.py rotate_keys`. See README, "Encryption and '
            'retention", if it is lost.',
            id="lib.E001",
        )
    ]
