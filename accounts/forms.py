"""The learner's profile (how they are named, where they work, how they want to read), and the
sign-up form.

The profile has no email address or password: allauth owns them (verification, rate limits,
notifications), and the profile page links to its pages. The sign-up form is allauth's, made to
take as long for a registered address as for a new one.
"""

import functools
import zoneinfo

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User

# The IANA areas a person recognises their city under. Other names in the database (legacy
# aliases such as "US/Eastern", "Etc/GMT+3") stay valid for a user who already has one, but are
# not offered to everyone.
TIMEZONE_AREAS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}
NOT_GIVEN = _("Prefer not to say")


@functools.cache
def available_timezones() -> frozenset[str]:
    """The zone names of the tz database (read from disk once per process)."""
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def timezone_groups() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Zone names grouped by area for a <select> with <optgroup>s; UTC is offered separately."""
    groups = []
    for area, area_label in TIMEZONE_AREAS.items():
        names = sorted(name for name in available_timezones() if name.startswith(f"{area}/"))
        if names:
            groups.append((area_label, tuple((name, name.replace("_", " ")) for name in names)))
    return tuple(groups)


@functools.cache
def offered_timezones() -> frozenset[str]:
    return frozenset(["UTC", *(name for _area, zones in timezone_groups() for name, _ in zones)])


def timezone_is_real(name: str) -> bool:
    """Whether `name` is a timezone this machine's tz database can load."""
    if name not in available_timezones():
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


class ProfileForm(forms.ModelForm):
    """Edits the profile fields of one user; the view only ever passes request.user."""

    invalid_timezone = _("Choose a timezone from the list.")

    timezone = forms.ChoiceField(
        label=_("Timezone"),
        help_text=_("Reminders and dates are shown in this timezone."),
        error_messages={"invalid_choice": invalid_timezone},
    )

    class Meta:
        model = User
        fields = ("display_name", "organisation", "role", "country", "timezone", "language")
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }
        help_texts = {
            "display_name": _("How you want to be named, for example on your certificate."),
            "language": _("Emails and pages use this language where a translation exists."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        timezone_choices = [("UTC", "UTC"), *timezone_groups()]
        current = self.instance.timezone
        if current and current not in offered_timezones():
            timezone_choices.insert(1, (current, current))
        self.fields["timezone"].choices = timezone_choices
        self.fields["country"].widget.attrs["autocomplete"] = "country"
        # "---------" is read out as dashes by screen readers; say what the empty choice means.
        self.fields["role"].choices = [("", NOT_GIVEN), *Role.choices]
        self.fields["country"].choices = [
            ("", NOT_GIVEN) if value == "" else (value, label)
            for value, label in self.fields["country"].choices
        ]

    def clean_timezone(self) -> str:
        name = self.cleaned_data["timezone"]
        if not timezone_is_real(name):
            raise forms.ValidationError(self.invalid_timezone, code="invalid_choice")
        return name

    def save(self, commit=True):
        user = super().save(commit=False)
        if commit:
            # Only the profile's own columns: never overwrite a password or email address that
            # another request changed since this user was loaded.
            user.save(update_fields=list(self.Meta.fields))
        return user


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form, taking as long for a registered address as for a new one.

    For an address that already has an account allauth creates nothing and emails its owner;
    the page is the same as for a new account. The new-account path also hashes the password,
    which with the production hasher is by far the slowest step of the request, so without the
    same work here the answer's speed would tell which addresses are registered.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


class AccountDeleteForm(forms.Form):
    """The learner's own "yes": deleting an account cannot be undone, so it takes a tick as
    well as a recent password (the view asks allauth for that)."""

    confirm = forms.BooleanField(
        label=_(
            "I understand that my account and everything listed above will be erased, and "
            "that this cannot be undone."
        ),
        error_messages={"required": _("Tick the box to confirm that you want to delete it.")},
    )
