"""Personal data held by learning records (see accounts.data_registry), and the xAPI file of the
learner's export."""

from django.utils.translation import gettext_lazy as _

from accounts.data_registry import Audience, ExportFile, PersonalData, declare, declare_export_file
from learningrecords.files import STATEMENTS_FILE, statements_export_text

declare(
    PersonalData(
        model="learningrecords.LearnerAccount",
        category=_("Your learning records"),
        fields={
            "account_name": _(
                "a random name that stands for you in your learning records, instead of your "
                "email address"
            ),
            "created_at": _("when it was made"),
        },
        purpose=_("To name you in your learning records (xAPI) without saying who you are."),
        retention=_("Until you delete your account."),
        seen_by=(Audience.LEARNER, Audience.STAFF),
    ),
    PersonalData(
        model="learningrecords.StatementDelivery",
        category=_("Your learning records"),
        fields={
            "statement_id": _("the number of a learning record"),
            "statement": _(
                "the learning record sent to the learning record store: what you did (opened, "
                "got through a quarter of, or completed a lesson; registered for an event) and when"
            ),
            "created_at": _("when it was queued"),
            "sent_at": _("when the learning record store took it"),
            "attempts": _("how many tries it took"),
            "last_error": _("the learning record store's answer when sending failed"),
        },
        purpose=_(
            "To send each learning record once to the learning record store the site's "
            "administrators configured, if they configured one."
        ),
        retention=_("Until you delete your account."),
        seen_by=(Audience.LEARNER, Audience.STAFF),
    ),
)

declare_export_file(
    ExportFile(
        name=STATEMENTS_FILE,
        description=_(
            "Your learning records as xAPI 1.0.3 statements (JSON): what you did in lessons "
            "and events, in the standard format learning record stores and other course "
            "platforms read."
        ),
        content=statements_export_text,
    )
)
