"""The platform's user: identified by email, with the language and timezone the learner reads in."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

from .managers import UserManager


def timezone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


# The speeds the lecture player offers (static/js/player.js shows the same steps).
PLAYBACK_RATES = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)


class Role(models.TextChoices):
    OFFICIAL = "official", _("City official or practitioner")
    RESEARCHER = "researcher", _("Researcher")
    STUDENT = "student", _("Student")
    CITIZEN = "citizen", _("Citizen")
    OTHER = "other", _("Other")


class User(AbstractUser):
    """A learner, editor or member of staff. There is no username: people sign in by email."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        help_text=_("How the learner wants to be named, for example on a certificate."),
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    country = CountryField(_("country"), blank=True)
    timezone = models.CharField(
        _("timezone"), max_length=64, default="UTC", choices=timezone_choices
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    playback_rate = models.FloatField(
        _("lecture speed"),
        default=1.0,
        choices=[(rate, f"{rate:g}×") for rate in PLAYBACK_RATES],
        help_text=_("How fast the lecture player plays, remembered for the next lecture."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return self.display_name or super().get_full_name().strip()

    def clean(self):
        super().clean()
        self.email = type(self).objects.normalize_email(self.email)


@register_setting(icon="lock")
class PrivacySettings(BaseSiteSetting):
    """What editors add to the generated privacy page (accounts.views.privacy).

    The page lists what the site records from the personal-data registry; only the parts a
    registry cannot know are written by people: an introduction, and who answers for the data
    (the municipality or organisation running the site is the GDPR's data controller).
    """

    privacy_introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown at the top of the privacy page, before the generated list."),
    )
    data_controller = models.CharField(
        _("data controller"),
        max_length=255,
        blank=True,
        help_text=_("The organisation responsible for the data, e.g. the municipality."),
    )
    privacy_contact = models.EmailField(
        _("privacy contact address"),
        blank=True,
        help_text=_(
            "Where people write with questions about their data (the organisation's data "
            "protection officer, for example)."
        ),
    )

    panels = [
        FieldPanel("privacy_introduction"),
        FieldPanel("data_controller"),
        FieldPanel("privacy_contact"),
    ]

    class Meta:
        verbose_name = _("privacy page")


class DataRequestAction(models.TextChoices):
    EXPORT = "export", _("Data export")
    DELETE = "delete", _("Account deletion")


class DataRequestLog(models.Model):
    """That someone exported or deleted an account's data: who, when, for which account id.

    Never the data itself. `account_id` is a bare number, not a link, because the account may
    be gone: after a deletion it leads to nobody. `staff` is the member of staff who acted on
    the learner's request; empty with `by_learner` when the learner did it themself, and
    cleared (keeping `by_learner` false) when that staff member's own account is deleted.
    """

    action = models.CharField(_("action"), max_length=10, choices=DataRequestAction.choices)
    account_id = models.PositiveBigIntegerField(_("account number"), db_index=True)
    by_learner = models.BooleanField(
        _("by the learner"), default=False, help_text=_("The learner did it themself.")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("data request record")
        verbose_name_plural = _("data request records")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} · account {self.account_id} · {self.at:%Y-%m-%d}"
