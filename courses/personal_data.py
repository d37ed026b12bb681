"""Personal data held by the learner's journey (see accounts.data_registry)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from accounts.data_registry import Audience, Erasure, PersonalData, declare

LEARNER_AND_STAFF = (Audience.LEARNER, Audience.STAFF)

declare(
    PersonalData(
        model="courses.Enrolment",
        category=_("Your courses"),
        fields={
            "course": _("the course you started"),
            "started_at": _("when you started it"),
            "last_activity_at": _("when you last made progress"),
            "completed_at": _("when you completed it"),
        },
        purpose=_("To show your progress, pick up where you left off and time reminders."),
        retention=_("Until you delete your account."),
        seen_by=LEARNER_AND_STAFF,
    ),
    PersonalData(
        model="courses.LessonProgress",
        category=_("Your progress"),
        fields={
            "lesson": _("the lesson"),
            "position": _("how far into the lecture you got"),
            "seconds_played": _("how many seconds of it you actually played"),
            "play_allowance": _("how many seconds the next progress report may add"),
            "created_at": _("when you first opened it"),
            "updated_at": _("when you last played it"),
            "completed_at": _("when you completed it"),
        },
        purpose=_("To resume lectures where you stopped and to complete lessons and modules."),
        retention=_("Until you delete your account."),
        seen_by=LEARNER_AND_STAFF,
    ),
    PersonalData(
        model="courses.Certificate",
        category=_("Your certificates"),
        fields={
            "code": _("the certificate's verification code"),
            "learner_name": _("the name printed on it, as you chose it"),
            "course_title": _("the course it is for"),
            "issued_at": _("when it was issued (when you completed the course)"),
            "revoked_at": _("when it was revoked, if it was"),
            "name_chosen_at": _("when you chose the name to print"),
            "hidden_at": _("when you hid its verification page, if you did"),
            "withdrawn_at": _("when it was withdrawn because you deleted your account"),
        },
        purpose=_("To prove that you completed the course, to anyone you give the code."),
        retention=_(
            "Until you delete your account. Then the certificate is withdrawn: its code, course "
            "and date are kept without your name or any link to you, so that anyone who checks "
            "the code learns that it is no longer valid."
        ),
        seen_by=(Audience.LEARNER, Audience.STAFF, Audience.PUBLIC),
        erasure=Erasure.DETACH,
    ),
    PersonalData(
        model="courses.ReminderPreference",
        category=_("Your reminders"),
        fields={
            "enabled": _("whether you want reminders"),
            "cadence": _("how often"),
            "changed_at": _("when you last changed this"),
            "unsubscribed_at": _("when you unsubscribed by the link in an email"),
        },
        purpose=_("To send reminders only as you asked."),
        retention=_("Until you delete your account."),
        seen_by=LEARNER_AND_STAFF,
    ),
    PersonalData(
        model="courses.ReminderSend",
        category=_("Emails we sent you"),
        fields={
            "kind": _("which kind of email (course reminder or event email)"),
            "period": _("the period it belongs to, so it is sent only once"),
            "enrolment": _("the course it was about"),
            "event": _("the event it was about"),
            "status": _("whether it was sent"),
            "claimed_at": _("when it was due"),
            "sent_at": _("when it was sent"),
            "attempts": _("how many tries it took"),
            "error": _("the mail server's answer when sending failed"),
            "last_activity_at": _("your last activity when it was decided"),
        },
        purpose=_("To send each reminder and event email once, and at most three in a row."),
        retention=_("One year, then deleted."),
        retention_period=timedelta(days=365),
        retention_from="claimed_at",
        seen_by=LEARNER_AND_STAFF,
    ),
)
