"""Reading and changing a learner's reminder preference. Learners without one get the default:
weekly reminders, on."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import ReminderPreference


def reminder_preference_for(user) -> ReminderPreference:
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)


def reminders_turn_off(*, user_id: int) -> None:
    """Switch reminders off (idempotent), noting that the email link did it. The link of an
    account deleted since has nothing left to switch off."""
    if not get_user_model().objects.filter(pk=user_id).exists():
        return
    preference, _ = ReminderPreference.objects.get_or_create(user_id=user_id)
    if preference.enabled or preference.unsubscribed_at is None:
        preference.enabled = False
        preference.unsubscribed_at = timezone.now()
        preference.save(update_fields=["enabled", "unsubscribed_at", "changed_at"])
