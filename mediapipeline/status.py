"""Whether a lecture's media may be published yet (asked by the lesson's admin form)."""


def not_ready_reason(media) -> str | None:
    """Why a lesson with this media cannot be published yet, or None when it can."""
    return None
