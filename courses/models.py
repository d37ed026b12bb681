"""The learner's journey (enrolment, progress, certificates, reminders) lives here."""
