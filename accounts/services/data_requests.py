"""The record of data requests: who exported or deleted which account's data, and when.

Staff act on a learner's request from the admin, through the same services as the learner's own
pages; every such action leaves one row here, and never any of the data it moved or erased.
"""

from datetime import datetime

from django.utils import timezone

from accounts.models import DataRequestAction, DataRequestLog


def data_request_record(
    *, action: DataRequestAction | str, account_id: int, by=None, now: datetime | None = None
) -> DataRequestLog:
    """Record that the data of account `account_id` was exported or deleted.

    `by` is the member of staff who did it, or None (or the account's own user) when the
    learner did it themself. The row holds the account's number, not a link to it: the account
    may be gone, and after a deletion the number leads to nobody.
    """
    action = DataRequestAction(action)
    by_learner = by is None or by.pk == account_id
    return DataRequestLog.objects.create(
        action=action,
        account_id=account_id,
        by_learner=by_learner,
        staff=None if by_learner else by,
        at=now or timezone.now(),
    )
