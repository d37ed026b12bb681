"""Publishing an event is when its calendar may change: compare, count, and tell people.

Connected to Wagtail's `page_published` (sent for publishing from the editor, scheduled
publishing and revisions published in code alike), never to `save()`: drafts and previews
change nothing for anyone registered.

Also: a learner deleting their account frees their seats (`account_erasing`).
"""

from datetime import datetime

from django.dispatch import receiver
from wagtail.signals import page_published

from accounts.signals import account_erasing
from events.models import EventPage, EventRegistration
from events.services import event_publish_record, event_registration_cancel


@receiver(page_published, sender=EventPage)
def event_published(sender, instance: EventPage, **kwargs) -> None:
    event_publish_record(event=instance)


@receiver(account_erasing, dispatch_uid="events.release_seats_of_erased_account")
def release_seats(sender, user, now: datetime, **kwargs) -> None:
    """Cancel the learner's seats and places on waiting lists through the ordinary
    cancellation, in the deletion's transaction: a freed seat goes to the first person waiting,
    whose seat email is enqueued once the deletion commits. Registrations for events that have
    started or were cancelled are left as they are; the deletion erases them with the rest."""
    registrations = EventRegistration.objects.filter(user=user).active().select_related("event")
    for registration in registrations:
        event_registration_cancel(event=registration.event, user=user, now=now)
