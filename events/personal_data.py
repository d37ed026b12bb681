"""Personal data held by live events (see accounts.data_registry)."""

from django.utils.translation import gettext_lazy as _

from accounts.data_registry import Audience, PersonalData, declare

declare(
    PersonalData(
        model="events.EventRegistration",
        category=_("Your event registrations"),
        fields={
            "event": _("the event"),
            "status": _("whether you have a seat, are on the waiting list or cancelled"),
            "created_at": _("when you registered"),
            "updated_at": _("when it last changed"),
            "waitlisted_at": _("when you joined the waiting list"),
            "promoted_at": _("when you moved up from the waiting list"),
            "cancelled_at": _("when you cancelled"),
        },
        purpose=_("To keep your seat, move the waiting list up fairly and send event emails."),
        retention=_("Until you delete your account."),
        seen_by=(Audience.LEARNER, Audience.STAFF),
    ),
)
