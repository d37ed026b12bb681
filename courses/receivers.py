"""Receivers for other apps' signals, connected by CoursesConfig.ready()."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move
from wagtailmedia import get_media_model

from accounts.signals import account_erasing
from courses.lesson_facts import (
    lesson_facts_forget,
    lesson_facts_forget_below,
    lesson_facts_forget_translations,
)
from courses.services.certificates import certificates_withdraw
from modules.models import LessonPage


@receiver(account_erasing, dispatch_uid="courses.withdraw_certificates")
def withdraw_certificates(sender, user, now, **kwargs):
    """A learner's account is being erased: their certificates say "withdrawn" and name nobody."""
    certificates_withdraw(user=user, now=now)


# The cached lesson facts a progress report reads (courses.lesson_facts). Publishing and
# unpublishing save the page, so saving covers them. The translations of a lesson are forgotten
# with it: their facts name the English lesson and its course.
@receiver(post_save, sender=LessonPage, dispatch_uid="courses.lesson_facts.saved")
@receiver(post_delete, sender=LessonPage, dispatch_uid="courses.lesson_facts.deleted")
def lesson_facts_lesson_changed(sender, instance, **kwargs):
    lesson_facts_forget([instance.pk])
    lesson_facts_forget_translations(instance.translation_key)


@receiver(post_page_move, dispatch_uid="courses.lesson_facts.moved")
def lesson_facts_page_moved(sender, instance, **kwargs):
    lesson_facts_forget_below(instance)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="courses.lesson_facts.restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="courses.lesson_facts.opened")
def lesson_facts_restriction_changed(sender, instance, **kwargs):
    lesson_facts_forget_below(instance.page)


# A lesson's media cannot be deleted (PROTECT); an edit may change its length.
@receiver(post_save, sender=get_media_model(), dispatch_uid="courses.lesson_facts.media_saved")
def lesson_facts_media_changed(sender, instance, **kwargs):
    lesson_facts_forget(LessonPage.objects.filter(media=instance).values_list("pk", flat=True))
