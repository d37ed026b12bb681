"""The learner's lecture speed, kept on their account so that every lecture opens at it."""

from django.utils.translation import gettext as _

from accounts.models import PLAYBACK_RATES


class InvalidPlaybackRate(ValueError):
    """A speed the player does not offer; the message says which ones it does."""


def playback_rate_validate(value) -> float:
    """The speed asked for, as one of PLAYBACK_RATES, or InvalidPlaybackRate saying why not."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidPlaybackRate(_("The speed must be a number."))
    try:
        rate = float(value)
    except ValueError as error:
        raise InvalidPlaybackRate(_("The speed must be a number.")) from error
    if rate not in PLAYBACK_RATES:
        offered = ", ".join(f"{choice:g}" for choice in PLAYBACK_RATES)
        raise InvalidPlaybackRate(
            _("The player offers these speeds only: %(offered)s.") % {"offered": offered}
        )
    return rate


def playback_rate_set(*, user, rate: float) -> float:
    """Remember `rate` (already validated) as the learner's speed; one UPDATE, only if changed."""
    if user.playback_rate != rate:
        user.playback_rate = rate
        user.save(update_fields=["playback_rate"])
    return rate
