"""Writes for accounts: data requests (export, deletion) and their record."""
