"""Personal data of organisation sign-in: the identities linked to an account (allauth's social
accounts; see accounts.data_registry)."""

from django.utils.translation import gettext_lazy as _

from accounts.data_registry import PersonalData, declare
from accounts.personal_data import LEARNER_AND_STAFF

declare(
    PersonalData(
        model="socialaccount.SocialAccount",
        category=_("Organisation sign-in"),
        fields={
            "provider": _("the organisation whose sign-in you used"),
            "uid": _("the identifier your organisation gives you"),
            "extra_data": _("what your organisation told us about you when you signed in"),
            "last_login": _("when you last signed in through your organisation"),
            "date_joined": _("when you first signed in through your organisation"),
        },
        purpose=_("To sign you in through your organisation."),
        retention=_("Until you remove the link on your profile or delete your account."),
        seen_by=LEARNER_AND_STAFF,
    ),
)
