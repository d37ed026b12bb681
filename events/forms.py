"""Admin form for events: the start and end an editor types are read in the event's timezone.

Django would read them in the admin user's timezone; an editor in Helsinki entering a workshop
in Oslo means 10:00 in Oslo. The stored values stay aware datetimes in UTC.
"""

import zoneinfo

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

TIME_FIELDS = ("start", "end")


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class EventPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = _zone(getattr(self.instance, "timezone", ""))
        if zone is None:
            return
        for name in TIME_FIELDS:
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                # A naive value is shown as it is: the wall-clock time where the event happens.
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone = _zone(cleaned.get("timezone", ""))
        if zone is None:
            return cleaned
        current = timezone.get_current_timezone()
        for name in TIME_FIELDS:
            value = cleaned.get(name)
            if value is not None:
                wall_clock = timezone.make_naive(value, current)
                cleaned[name] = wall_clock.replace(tzinfo=zone)
        return cleaned
