"""Reminder emails: who is due (selection), the claim-before-send record (sending), the email."""
