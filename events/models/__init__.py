"""Live events: the events index and event pages, registrations, and per-event calendar state."""

from .pages import EventFormat, EventIndexPage, EventKind, EventPage, EventPartner
from .registration import EventRegistration, EventState, RegistrationStatus

__all__ = [
    "EventFormat",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "EventPartner",
    "EventRegistration",
    "EventState",
    "RegistrationStatus",
]
