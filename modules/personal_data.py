"""Personal data in Wagtail's editorial records: who edited, uploaded, commented on or reviewed
content (see accounts.data_registry). These concern staff; a learner has none of them."""

from django.utils.translation import gettext_lazy as _

from accounts.data_registry import Audience, Erasure, PersonalData, declare

STAFF = (Audience.STAFF,)
EDITORIAL = _("Editing (staff only)")
KEPT_WITH_CONTENT = _("As long as the content; the link to a deleted account is cleared.")
UNTIL_DELETED = _("Until the account is deleted.")


def _uploads(model: str, what: str) -> PersonalData:
    return PersonalData(
        model=model,
        owner="uploaded_by_user",
        erasure=Erasure.DETACH,
        category=EDITORIAL,
        fields={"uploaded_by_user": what},
        purpose=_("To show editors who uploaded a file."),
        retention=KEPT_WITH_CONTENT,
        seen_by=STAFF,
    )


declare(
    PersonalData(
        model="wagtailusers.UserProfile",
        category=EDITORIAL,
        fields={
            "user": _("the account"),
            "preferred_language": _("the admin's language"),
            "current_time_zone": _("the admin's timezone"),
            "avatar": _("a picture the editor uploaded"),
            "submitted_notifications": _("email notification choices"),
            "approved_notifications": _("email notification choices"),
            "rejected_notifications": _("email notification choices"),
            "updated_comments_notifications": _("email notification choices"),
            "dismissibles": _("admin tips the editor closed"),
            "theme": _("the admin's colour theme"),
            "contrast": _("the admin's contrast"),
            "density": _("the admin's density"),
            "keyboard_shortcuts": _("whether admin keyboard shortcuts are on"),
        },
        purpose=_("To remember an editor's admin settings."),
        retention=UNTIL_DELETED,
        seen_by=STAFF,
    ),
    _uploads("wagtaildocs.Document", _("who uploaded a document")),
    _uploads("wagtailimages.Image", _("who uploaded an image")),
    _uploads("wagtailmedia.Media", _("who uploaded a lecture's media")),
    _uploads("wagtailcore.UploadedFile", _("who started an upload")),
    PersonalData(
        model="wagtailadmin.EditingSession",
        category=EDITORIAL,
        fields={"user": _("who has a page open in the editor"), "last_seen_at": _("when")},
        purpose=_("To warn editors when someone else edits the same page."),
        retention=_("Minutes; cleared when the editor leaves."),
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailadmin.FormState",
        category=EDITORIAL,
        fields={"user": _("whose unsaved admin form this is"), "data": _("the form's content")},
        purpose=_("To restore an editor's unsaved form."),
        retention=UNTIL_DELETED,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailcore.APIToken",
        category=EDITORIAL,
        fields={"user": _("whose token this is"), "name": _("the token's name")},
        purpose=_("To let an administrator's tools use the admin API."),
        retention=UNTIL_DELETED,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailcore.ModelLogEntry",
        erasure=Erasure.DETACH,
        category=EDITORIAL,
        fields={"user": _("who changed a snippet or setting")},
        purpose=_("The editorial history."),
        retention=KEPT_WITH_CONTENT,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailcore.PageLogEntry",
        erasure=Erasure.DETACH,
        category=EDITORIAL,
        fields={"user": _("who changed a page")},
        purpose=_("The editorial history."),
        retention=KEPT_WITH_CONTENT,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailcore.Revision",
        erasure=Erasure.DETACH,
        category=EDITORIAL,
        fields={"user": _("who saved a revision")},
        purpose=_("The editorial history."),
        retention=KEPT_WITH_CONTENT,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailcore.WorkflowState",
        owner="requested_by",
        erasure=Erasure.DETACH,
        category=EDITORIAL,
        fields={"requested_by": _("who submitted a page for review")},
        purpose=_("The review workflow."),
        retention=KEPT_WITH_CONTENT,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailcore.TaskState",
        owner="finished_by",
        erasure=Erasure.DETACH,
        category=EDITORIAL,
        fields={"finished_by": _("who approved or rejected a review")},
        purpose=_("The review workflow."),
        retention=KEPT_WITH_CONTENT,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtail_localize.StringTranslation",
        owner="last_translated_by",
        erasure=Erasure.DETACH,
        category=EDITORIAL,
        fields={"last_translated_by": _("who last translated a text of a page")},
        purpose=_("The editorial history of translations."),
        retention=KEPT_WITH_CONTENT,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtail_localize.SegmentOverride",
        owner="last_translated_by",
        erasure=Erasure.DETACH,
        category=EDITORIAL,
        fields={"last_translated_by": _("who last changed a shared field of a translation")},
        purpose=_("The editorial history of translations."),
        retention=KEPT_WITH_CONTENT,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailcore.Page",
        owner="owner",
        erasure=Erasure.DETACH,
        category=EDITORIAL,
        fields={"owner": _("who created a page"), "locked_by": _("who locked it")},
        purpose=_("The editorial history."),
        retention=KEPT_WITH_CONTENT,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailcore.Comment",
        category=EDITORIAL,
        fields={
            "user": _("who wrote an editorial comment"),
            "text": _("the comment"),
            "resolved_by": _("who resolved it"),
        },
        purpose=_("Editors' comments on drafts."),
        retention=UNTIL_DELETED,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailcore.CommentReply",
        category=EDITORIAL,
        fields={"user": _("who replied to a comment"), "text": _("the reply")},
        purpose=_("Editors' comments on drafts."),
        retention=UNTIL_DELETED,
        seen_by=STAFF,
    ),
    PersonalData(
        model="wagtailcore.PageSubscription",
        category=EDITORIAL,
        fields={
            "user": _("who follows a page's comments"),
            "comment_notifications": _("whether they want emails about them"),
        },
        purpose=_("To notify editors of comments."),
        retention=UNTIL_DELETED,
        seen_by=STAFF,
    ),
)
