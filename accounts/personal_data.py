"""Personal data held by accounts, allauth and Django's sessions (see accounts.data_registry)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from accounts.data_registry import Audience, Erasure, PersonalData, declare

LEARNER_AND_STAFF = (Audience.LEARNER, Audience.STAFF)

declare(
    PersonalData(
        model="accounts.User",
        owner="",
        category=_("Your account"),
        fields={
            "email": _("your email address, which you sign in with"),
            "password": _("a one-way hash of your password (never the password itself)"),
            "display_name": _("the name you chose to be shown"),
            "first_name": _("first name, if you gave one"),
            "last_name": _("last name, if you gave one"),
            "organisation": _("your organisation, if you gave one"),
            "role": _("your role (official, researcher, student, citizen, other), if you gave one"),
            "country": _("your country, if you gave one"),
            "timezone": _("your timezone, so that reminders come in your morning"),
            "language": _("the language you read the course in"),
            "playback_rate": _("the speed you last chose in the lecture player"),
            "date_joined": _("when you created the account"),
            "last_login": _("when you last signed in"),
            "is_active": _("whether the account may sign in"),
            "is_staff": _("whether the account may open the editors' admin"),
            "is_superuser": _("whether the account is an administrator"),
            "groups": _("editorial groups the account belongs to (staff only)"),
            "user_permissions": _("individual admin permissions (staff only)"),
        },
        purpose=_("To let you sign in, keep your progress and write to you in your language."),
        retention=_(
            "Until you delete your account. An account whose address was never verified is "
            "deleted after 7 days."
        ),
        seen_by=LEARNER_AND_STAFF,
    ),
    PersonalData(
        model="account.EmailAddress",
        category=_("Your email addresses"),
        fields={
            "email": _("each email address you added"),
            "verified": _("whether you confirmed it"),
            "primary": _("whether it is the one we write to"),
        },
        purpose=_("To know which addresses are yours and confirmed before we write to them."),
        retention=_("Until you remove the address or delete your account."),
        seen_by=LEARNER_AND_STAFF,
    ),
    PersonalData(
        model="account.EmailConfirmation",
        owner="email_address__user",
        category=_("Your email addresses"),
        fields={
            "email_address": _("the address a confirmation link was sent to"),
            "created": _("when the link was made"),
            "sent": _("when the link was sent"),
            "key": _("the secret in the link"),
        },
        purpose=_("To confirm that an address is yours."),
        retention=_("Until the address is confirmed or the account deleted."),
        seen_by=(Audience.STAFF,),
        exported=False,
    ),
    PersonalData(
        model="sessions.Session",
        owner=None,
        erasure=Erasure.EXPIRES,
        category=_("Signing in"),
        fields={
            "session_data": _("which account a signed-in browser belongs to (a random key)"),
            "expire_date": _("when the sign-in ends"),
        },
        purpose=_("To keep you signed in between pages. No IP address is stored."),
        retention=_("Two weeks at most; expired sign-ins are cleared every day."),
        seen_by=(),
        exported=False,
    ),
    PersonalData(
        model="mfa.Authenticator",
        category=_("Two-step sign-in"),
        fields={
            "type": _(
                "which kind of second step you set up: an authenticator app, a security key or "
                "recovery codes"
            ),
            "created_at": _("when you set it up"),
            "last_used_at": _("when you last used it to sign in"),
            "data": _(
                "the secret your authenticator app shares with us, your security key's public "
                "key and the name you gave it, or your recovery codes (never exported)"
            ),
        },
        not_exported=("data",),
        purpose=_("To ask for a second step when you sign in, if you turned it on."),
        retention=_("Until you remove it or delete your account."),
        seen_by=(Audience.LEARNER,),
    ),
    PersonalData(
        model="usersessions.UserSession",
        category=_("Signing in"),
        fields={
            "user_agent": _("the browser and system you signed in with, as the browser names them"),
            "created_at": _("when you signed in"),
            "last_seen_at": _("when the sign-in was last used (to within a few minutes)"),
            "session_key": _("the random key of the sign-in"),
            "ip": _("nothing: the address is always 0.0.0.0, as we store no IP address"),
            "data": _("nothing (kept empty)"),
        },
        not_exported=("session_key",),
        purpose=_(
            "To show you where you are signed in, and let you sign out everywhere else. No IP "
            "address is stored."
        ),
        retention=_("Until you sign out, the sign-in ends or you delete your account."),
        seen_by=(Audience.LEARNER,),
    ),
    PersonalData(
        model="accounts.DataRequestLog",
        owner="staff",
        erasure=Erasure.DETACH,
        category=_("Records of exports and deletions"),
        fields={
            "staff": _("the member of staff who exported or deleted a learner's data for them"),
            "account_id": _(
                "the number of the account concerned; once that account is deleted it leads "
                "to nobody"
            ),
            "at": _("when"),
        },
        purpose=_(
            "To show that exports and deletions were done, and by whom, without keeping any of "
            "the data."
        ),
        retention=_("Three years, then deleted; the link to a deleted staff account is cleared."),
        retention_period=timedelta(days=3 * 365),
        retention_from="at",
        seen_by=(Audience.STAFF,),
        exported=False,
    ),
)
