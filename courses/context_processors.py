"""Offer, once after signing in, to bring progress kept in this browser into the account."""


def progress_import_offer(request) -> dict:
    session = getattr(request, "session", None)
    if session is None or not request.user.is_authenticated:
        return {}
    if session.pop("offer_local_progress_import", False):
        return {"offer_progress_import": True}
    return {}
