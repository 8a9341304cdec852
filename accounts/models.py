"""Staff accounts: everyone with an account (helpers, contributors, coordinators, liaisons,
representatives, administrators) signs in with an email, an Argon2 password and a TOTP code.
People asking for help never have an account."""

import datetime

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LOCKOUT_THRESHOLD = 5
LOCKOUT_DURATION = datetime.timedelta(minutes=30)


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

    def record_failed_login(self) -> None:
        """Counts a wrong password; the fifth in a row locks the account for a while."""
        self.failed_logins += 1
        if self.failed_logins >= LOCKOUT_THRESHOLD:
            self.locked_until = timezone.now() + LOCKOUT_DURATION
            self.failed_logins = 0
        self.save(update_fields=["failed_logins", "locked_until"])

    def record_successful_login(self) -> None:
        if self.failed_logins or self.locked_until:
            self.failed_logins = 0
            self.locked_until = None
            self.save(update_fields=["failed_logins", "locked_until"])
