"""Publishing an event is when its calendar may change: compare, count, and tell people.

Connected to Wagtail's `page_published` (sent for publishing from the editor, scheduled
publishing and revisions published in code alike), never to `save()`: drafts and previews
change nothing for anyone registered.
"""

from django.dispatch import receiver
from wagtail.signals import page_published

from events.models import EventPage
from events.services import event_publish_record


@receiver(page_published, sender=EventPage)
def event_published(sender, instance: EventPage, **kwargs) -> None:
    event_publish_record(event=instance)
