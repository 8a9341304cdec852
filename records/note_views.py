"""The peer helper's private notes: the list with a form to write one, one note, and destroying
a note now. Notes are fetched only through records.access (their author, else 404); a note past
its date is shown to nobody, even before the worker has destroyed it."""

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from networks.models import Membership
from records.access import note_for_user, notes_for_user
from records.models import NOTE_MAX_DAYS, NOTE_WARNING_DAYS
from records.notes import destroy_note, read_note, write_note
from support.access import helper_memberships

MAX_NOTE_LENGTH = 2000


class NoteText(forms.CharField):
    def to_python(self, value: object) -> str:
        # Browsers count a line break as one character against `maxlength` but send two.
        return super().to_python(value).replace("\r\n", "\n")


class NetworkChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return obj.network.name


class NoteForm(forms.Form):
    membership = NetworkChoice(
        label=gettext_lazy("Network"),
        queryset=Membership.objects.none(),
        help_text=gettext_lazy("The network whose policy sets the note's date of destruction."),
        error_messages={"required": gettext_lazy("Choose the network this note belongs to.")},
    )
    text = NoteText(
        label=gettext_lazy("Your note"),
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Write as little as you need, and never a person's full name. Only you can read "
            "the note; it is destroyed on its date (2,000 characters at most)."
        ),
        error_messages={
            "required": gettext_lazy("Write something before saving."),
            "max_length": gettext_lazy(
                "A note holds at most 2,000 characters; this one has %(show_value)d."
            ),
        },
    )

    def __init__(self, *args: object, memberships: list[Membership], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if len(memberships) == 1:
            del self.fields["membership"]
            self.only_membership = memberships[0]
        else:
            self.fields["membership"].queryset = Membership.objects.filter(
                pk__in=[m.pk for m in memberships]
            ).select_related("network")
            self.only_membership = None

    def author(self) -> Membership:
        return self.only_membership or self.cleaned_data["membership"]


class HiddenText:
    """A note's text for the template. Django logs the whole template context, with the repr of
    each value, when a variable lookup fails (logger "django.template", DEBUG): the repr hides
    the text."""

    def __init__(self, text: str) -> None:
        self._text = text

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return "<note text>"


def warning_limit(now: datetime.datetime) -> datetime.datetime:
    """Notes destroyed before this are in the warning window."""
    return now + datetime.timedelta(days=NOTE_WARNING_DAYS)


@staff_required
def note_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    notes = notes_for_user(request.user)
    memberships = helper_memberships(request.user)
    form = NoteForm(request.POST if request.method == "POST" else None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        note = write_note(form.author(), form.cleaned_data["text"])
        date = formats.date_format(timezone.localtime(note.expires_at), "DATE_FORMAT")
        messages.success(
            request, _("Your note is saved. It will be destroyed on %(date)s.") % {"date": date}
        )
        return redirect("records:notes")
    context = {
        "notes": list(notes.select_related("author__network")),
        "form": form,
        "warning_limit": warning_limit(now),
        "several_networks": len(memberships) > 1,
        "max_days": NOTE_MAX_DAYS,
    }
    return render(request, "records/notes/list.html", context)


@staff_required
def note_page(request: HttpRequest, note_id: int) -> HttpResponse:
    note = note_for_user(request.user, note_id)
    context = {
        "note": note,
        "text": HiddenText(read_note(note)),
        "soon": note.expires_at <= warning_limit(timezone.now()),
    }
    return render(request, "records/notes/note.html", context)


@staff_required
@require_POST
def note_destroy(request: HttpRequest, note_id: int) -> HttpResponse:
    note = note_for_user(request.user, note_id, past_their_date=True)  # the worker may lag
    destroy_note(note, request.user)
    messages.success(request, _("The note is destroyed."))
    return redirect("records:notes")
