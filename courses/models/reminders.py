from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")

    @property
    def days(self) -> int:
        return {"weekly": 7, "fortnightly": 14, "monthly": 30}[self.value]


class ReminderPreference(models.Model):
    """How often, if at all, a learner wants to be reminded of a course they have not finished."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    enabled = models.BooleanField(_("send me reminders"), default=True)
    cadence = models.CharField(
        _("how often"), max_length=12, choices=Cadence.choices, default=Cadence.WEEKLY
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed by email link"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder preference")

    def __str__(self):
        return f"{self.user}: {self.cadence if self.enabled else 'off'}"


class ReminderStatus(models.TextChoices):
    CLAIMED = "claimed", _("Claimed")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("No longer due")


class ReminderSendQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=ReminderStatus.SENT)


class ReminderSend(models.Model):
    """The record of one email to a learner: claimed before sending, so that it is sent once.

    `period` names what the email is about: for a course reminder, the learner's inactivity
    period; for an event email, the event and the change, cancellation or start it announces.
    The unique (user, kind, period) claim is what makes a repeated sweep, a retried task or a
    redelivered message harmless. A course reminder points at its enrolment, an event email at
    its event.
    """

    KIND_COURSE_INACTIVITY = "course-inactivity"
    KIND_EVENT_UPDATE = "event-update"
    KIND_EVENT_CANCELLED = "event-cancelled"
    KIND_EVENT_REMINDER = "event-reminder"
    KIND_EVENT_SEAT = "event-seat"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_sends"
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        on_delete=models.CASCADE,
        related_name="reminder_sends",
        null=True,
        blank=True,
    )
    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="email_sends",
        null=True,
        blank=True,
    )
    kind = models.CharField(max_length=40, default=KIND_COURSE_INACTIVITY)
    period = models.CharField(max_length=80)
    status = models.CharField(
        max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.CLAIMED
    )
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    last_activity_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("The learner's last activity when the reminder was due: the reason for it."),
    )

    objects = ReminderSendQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "period"], name="one_reminder_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(enrolment__isnull=False) | models.Q(event__isnull=False),
                name="reminder_about_enrolment_or_event",
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "status", "last_activity_at"])]

    def __str__(self):
        return f"{self.user} · {self.period} · {self.status}"
