"""Writes of the learner's journey. Views and tasks call these; they validate their input."""
