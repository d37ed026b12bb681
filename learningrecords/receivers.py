"""Queue a learner's statements for the store when their records change (only when an LRS is
configured); connected by LearningRecordsConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from config.enqueue import enqueue
from courses.signals import lesson_progress_changed
from events.models import EventRegistration
from learningrecords.delivery import lrs_configured
from learningrecords.tasks import statements_sync_task


def _sync_after_commit(user_id: int) -> None:
    if lrs_configured():
        transaction.on_commit(lambda: enqueue(statements_sync_task, user_id))


@receiver(lesson_progress_changed, dispatch_uid="learningrecords.progress_changed")
def progress_changed(sender, user_id: int, lesson_id: int, **kwargs) -> None:
    _sync_after_commit(user_id)


@receiver(post_save, sender=EventRegistration, dispatch_uid="learningrecords.registration_saved")
def registration_saved(sender, instance: EventRegistration, **kwargs) -> None:
    _sync_after_commit(instance.user_id)
