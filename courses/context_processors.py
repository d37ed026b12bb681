"""Offer, once after signing in, to bring progress kept in this browser into the account."""

from django.utils.functional import SimpleLazyObject


def progress_import_offer(request) -> dict:
    """Used up only by the page that reads it: the login request itself renders messages with
    this context too, and an eager pop there would lose the offer before any page shows it."""
    session = getattr(request, "session", None)
    if session is None or not request.user.is_authenticated:
        return {}
    return {
        "offer_progress_import": SimpleLazyObject(
            lambda: bool(session.pop("offer_local_progress_import", False))
        )
    }
