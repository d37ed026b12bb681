"""The account's sign-in sessions, as allauth.usersessions records them, without IP addresses.

allauth keeps one row per session (allauth.usersessions.models.UserSession): the browser's user
agent, when it was created and last seen, and the client's IP address. We store no IP address:
`blank_ip_address` replaces it with the unspecified address 0.0.0.0 before every save (the
column cannot be empty). "Last seen" is kept by accounts.middleware, at most once every few
minutes, not on every request as allauth's own tracking would.
"""

import re
from datetime import UTC, datetime

from django.conf import settings
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.staff import is_staff_member, staff_session_seconds

# Stored in place of the address (the column cannot be empty); never bound to.
NO_IP_ADDRESS = "0.0.0.0"  # nosec B104

# Read from the session: when this session's "last seen" was last written (a timestamp).
SEEN_AT = "usersession_seen_at"
# When a staff member's sign-in ends (a timestamp), set when they sign in or open the admin.
STAFF_UNTIL = "staff_session_until"

# (pattern, name) in order: Edge and Opera say "Chrome" too, Chrome says "Safari" too.
_BROWSERS = (
    (r"Edg(e|A|iOS)?/", "Edge"),
    (r"OPR/|Opera", "Opera"),
    (r"Firefox/|FxiOS/", "Firefox"),
    (r"HeadlessChrome/", "Chromium"),
    (r"Chrome/|CriOS/", "Chrome"),
    (r"Safari/", "Safari"),
)
_SYSTEMS = (
    (r"iPhone|iPad|iPod", "iOS"),
    (r"Android", "Android"),
    (r"Windows", "Windows"),
    (r"Mac OS X|Macintosh", "macOS"),
    (r"CrOS", "ChromeOS"),
    (r"Linux", "Linux"),
)


def device_label(user_agent: str) -> str:
    """A short, readable name for the browser and system in `user_agent`: "Firefox on Windows"."""
    browser = next((name for pattern, name in _BROWSERS if re.search(pattern, user_agent)), None)
    system = next((name for pattern, name in _SYSTEMS if re.search(pattern, user_agent)), None)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser or system:
        return browser or system
    return str(_("Unknown browser"))


@receiver(pre_save, sender="usersessions.UserSession", dispatch_uid="accounts.blank_ip_address")
def blank_ip_address(sender, instance, **kwargs):
    instance.ip = NO_IP_ADDRESS


def session_seen(request, now: datetime | None = None) -> None:
    """Record that the session of `request` is in use, at most once per
    USERSESSION_SEEN_SECONDS (a query then, none in between)."""
    from allauth.usersessions.models import UserSession

    now = now or timezone.now()
    last = request.session.get(SEEN_AT)
    if last is None or now.timestamp() - last < settings.USERSESSION_SEEN_SECONDS:
        # None: a session allauth did not sign in (none to update).
        return
    UserSession.objects.filter(session_key=request.session.session_key).update(last_seen_at=now)
    request.session[SEEN_AT] = now.timestamp()


def session_started(request, user, now: datetime | None = None) -> None:
    """At every sign-in through allauth: start keeping "last seen", and give a staff member's
    sign-in its end, STAFF_SESSION_SECONDS from now (enforced by `staff_session_enforce`)."""
    now = now or timezone.now()
    request.session[SEEN_AT] = now.timestamp()
    if is_staff_member(user):
        staff_session_limit(request, now)


def staff_session_limit(request, now: datetime) -> None:
    """End this staff session STAFF_SESSION_SECONDS after `now` at the latest: a fixed time,
    not one that moves with each request."""
    if STAFF_UNTIL not in request.session:
        request.session[STAFF_UNTIL] = now.timestamp() + staff_session_seconds()


def staff_session_enforce(request, now: datetime | None = None) -> bool:
    """Keep a staff session's expiry no later than its end; False once it has ended.

    Runs on every request, reading only the session: allauth's login form sets the session's
    expiry after the sign-in signal, so the limit is applied here, on the next request."""
    until = request.session.get(STAFF_UNTIL)
    if until is None:
        return True
    now = now or timezone.now()
    if now.timestamp() >= until:
        return False
    latest = datetime.fromtimestamp(until, tz=UTC)
    if request.session.get_expiry_date() > latest:
        request.session.set_expiry(latest)
    return True
