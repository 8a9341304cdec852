"""Staff accounts: everyone with an account (helpers, contributors, coordinators, liaisons,
representatives, administrators) signs in with an email, an Argon2 password and a TOTP code.
People asking for help never have an account."""

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import SCOPE_FITS_ROLE, Role

LOCKOUT_THRESHOLD = 5
LOCKOUT_DURATION = datetime.timedelta(minutes=30)
INVITATION_LIFETIME = datetime.timedelta(days=7)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    email = models.EmailField(_("email"), unique=True)
    display_name = models.CharField(
        _("first name or pseudonym"),
        max_length=60,
        help_text=_("What a person asking for help sees of you."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined on"), default=timezone.now)
    failed_logins = models.PositiveSmallIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["email"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return self.email

    def is_locked(self, now: datetime.datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())

    def record_failed_login(self) -> bool:
        """Counts a wrong password or code; the fifth in a row locks the account for a while.
        Returns whether this failure locked it. The count is read and written under a row lock,
        so parallel attempts on several processes all count."""
        with transaction.atomic():
            row = type(self).objects.select_for_update().get(pk=self.pk)
            row.failed_logins += 1
            just_locked = row.failed_logins >= LOCKOUT_THRESHOLD
            if just_locked:
                row.locked_until = timezone.now() + LOCKOUT_DURATION
                row.failed_logins = 0
            row.save(update_fields=["failed_logins", "locked_until"])
        self.failed_logins, self.locked_until = row.failed_logins, row.locked_until
        return just_locked

    def record_successful_login(self) -> None:
        """Clears the count of failures and any lockout (after a full sign-in or a password
        reset)."""
        if self.failed_logins or self.locked_until:
            self.failed_logins = 0
            self.locked_until = None
            self.save(update_fields=["failed_logins", "locked_until"])


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self, now: datetime.datetime | None = None) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, expires_at__gt=now or timezone.now())

    def for_token(self, token: str) -> "Invitation | None":
        """The invitation a link's token opens, or None. Only the token's hash is stored."""
        return self.filter(token_hash=hash_token(token)).first()


class Invitation(models.Model):
    """An invitation sent by email to take a role. The link's token is never stored: only its
    SHA-256 hash, so a copy of the database opens no account."""

    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    network = models.ForeignKey(
        "networks.Network",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("network"),
    )
    council = models.ForeignKey(
        "regions.RegionalCouncil",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("regional council"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires on"))
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                name="invitation_scope_fits_role",
                condition=SCOPE_FITS_ROLE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} {self.role}"

    @property
    def place(self) -> object:
        """The network or council the role is in (None for an administrator)."""
        return self.network or self.council


class Throttle(models.Model):
    """How many times something happened under a hashed key in the current time window (see
    accounts.throttles)."""

    key = models.CharField(max_length=100, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.key[:20]}… {self.count}"
