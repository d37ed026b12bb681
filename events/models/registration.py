"""Who has a seat at an event, who is waiting, and the per-event row that registrations lock."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class EventRegistrationQuerySet(models.QuerySet):
    def registered(self):
        return self.filter(status=RegistrationStatus.REGISTERED)

    def waitlisted(self):
        """The waiting list in the order people joined it."""
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("waitlisted_at", "pk")

    def active(self):
        return self.filter(
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED]
        )


class EventRegistration(models.Model):
    """One learner's place at one event: a seat, a place on the waiting list, or cancelled.

    One row per (event, learner): cancelling and registering again reuses it, and a learner who
    comes back joins the end of the waiting list, not their old place.
    """

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("first registered"))
    updated_at = models.DateTimeField(_("last changed"))
    waitlisted_at = models.DateTimeField(
        _("joined the waiting list"),
        null=True,
        blank=True,
        help_text=_("Orders the waiting list: the earliest moves up first."),
    )
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = EventRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("event registration")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_event"),
        ]
        indexes = [models.Index(fields=["event", "status", "waitlisted_at"])]

    def __str__(self):
        return f"{self.user} · {self.event_id} · {self.status}"

    @property
    def is_registered(self) -> bool:
        return self.status == RegistrationStatus.REGISTERED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == RegistrationStatus.WAITLISTED


class EventState(models.Model):
    """What an event carries outside its page content, which revisions must not touch.

    `sequence` is the calendar SEQUENCE (RFC 5545), raised whenever a published change moves the
    event in time or place; `fingerprint` is that time and place as last published. The row is
    also what registrations lock (SELECT ... FOR UPDATE) before counting seats, so concurrent
    registrations for the last seat queue up instead of overbooking.
    """

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, related_name="state", primary_key=True
    )
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event calendar state")

    def __str__(self):
        return f"event {self.event_id}: sequence {self.sequence}"
