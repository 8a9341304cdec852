import datetime
from collections.abc import Iterator

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from accounts.invitations import (
    InvitationRefused,
    check_may_grant,
    councils_the_inviter_may_invite_to,
    networks_the_inviter_may_invite_to,
    roles_offered_to,
)
from accounts.models import User
from accounts.throttles import count_event, key_for
from audit.models import record
from lib.mail import queue_email
from networks.models import Role


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The 6-digit code your authenticator app shows, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown by the app"),
        max_length=10,
        help_text=_("6 digits."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class InviteForm(forms.Form):
    """Offers only the roles, networks and councils the inviter may give; `clean` checks the
    combination."""

    email = forms.EmailField(label=_("Email of the person to invite"))
    role = forms.ChoiceField(label=_("Role"))
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=None,
        required=False,
        help_text=_("For every role but regional representative and administrator."),
    )
    council = forms.ModelChoiceField(
        label=_("Regional council"),
        queryset=None,
        required=False,
        help_text=_("For a regional representative."),
    )

    def __init__(self, inviter: User, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        labels = dict(Role.choices)
        self.fields["role"].choices = [(r, labels[r]) for r in roles_offered_to(inviter)]
        self.fields["network"].queryset = networks_the_inviter_may_invite_to(inviter).order_by(
            "name"
        )
        councils = councils_the_inviter_may_invite_to(inviter)
        if Role.REGIONAL_REP in roles_offered_to(inviter):
            self.fields["council"].queryset = councils
            self.fields["council"].label_from_instance = lambda council: council.t.name
        else:
            del self.fields["council"]

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        try:
            check_may_grant(self.inviter, data["role"], data["network"], data.get("council"))
        except InvitationRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return data


class NewAccountForm(forms.Form):
    """For a person accepting an invitation without an account yet."""

    display_name = forms.CharField(
        label=_("First name or pseudonym"),
        max_length=60,
        help_text=_("What a person asking for help sees of you."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 12 characters; a few unrelated words are easy to remember."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, email: str, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            future = User(email=self.email, display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(first, future)
            except forms.ValidationError as problems:
                self.add_error("password1", problems)
        return data


RESET_EMAILS_PER_HOUR = 3


class EmailPasswordResetForm(PasswordResetForm):
    """Django's form: it sends nothing, and says nothing, when no account uses the email. At most
    three links an hour go to one address, so the form cannot flood a mailbox."""

    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email: str) -> Iterator[User]:
        sent = count_event(key_for("password-reset", email), datetime.timedelta(hours=1))
        if sent > RESET_EMAILS_PER_HOUR:
            return iter(())
        return super().get_users(email)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Queued like every email (lib/mail.py), in text only: a slow mail server does not
        hold the page."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        queue_email(EmailMessage(subject, body, from_email, [to_email]))


class ResetPasswordForm(SetPasswordForm):
    """A new password from an emailed link. It also lifts a lockout: the person proved they
    hold the mailbox."""

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=commit)
        if commit:
            user.record_successful_login()
            record(user, "account.password_reset", user)
        return user
