"""The learner's statements as a file: in their data export and downloaded from the dashboard."""

import json
from collections.abc import Iterator

from learningrecords.statements import learner_statements

STATEMENTS_FILE = "learning_records_xapi.json"


def statements_json(user) -> str:
    """A JSON array of the learner's xAPI statements, oldest first."""
    return json.dumps(learner_statements(user), ensure_ascii=False, indent=1) + "\n"


def statements_export_text(user) -> Iterator[str] | None:
    """The file in the learner's data export, or None when they have no learning records."""
    statements = learner_statements(user)
    if not statements:
        return None
    return iter([json.dumps(statements, ensure_ascii=False, indent=1) + "\n"])
