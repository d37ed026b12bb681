"""Outgoing email: every email the site sends waits in a database outbox and goes out from a
Celery task after the transaction that wrote it commits, so that no page waits on, or fails
with, the mail server. See mailing.backends for how a message enters the outbox."""
