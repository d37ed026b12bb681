"""The shape every insight takes: a titled table of figures, which the admin draws as a chart,
shows as a table for screen readers and offers as CSV. Figures computed in insights.figures
fill these; nothing else decides how a figure is shown.

Privacy rule: a count or rate over fewer than MIN_LEARNERS learners is never shown; its cell
holds SUPPRESSED instead (displayed "fewer than 5"), and totals that would reveal it by
subtraction are suppressed too.
"""

from dataclasses import dataclass, field
from typing import Literal

MIN_LEARNERS = 5


class Suppressed:
    """A cell computed over fewer than MIN_LEARNERS learners."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "SUPPRESSED"

    def __bool__(self):
        return False


SUPPRESSED = Suppressed()


class Withheld(Suppressed):
    """A cell of MIN_LEARNERS or more learners, hidden only so that a suppressed neighbour
    cannot be worked out by subtraction (displayed "hidden", not "fewer than 5", which would
    be untrue). It is a Suppressed: whatever hides a suppressed cell hides it too."""

    _instance = None

    def __repr__(self):
        return "WITHHELD"


WITHHELD = Withheld()

Cell = str | int | float | None | Suppressed  # WITHHELD is a Suppressed too


@dataclass
class Column:
    label: str
    # count: a number of learners or events; percent: 0–100; seconds: a length of time;
    # label: the row's name (first column).
    unit: Literal["label", "count", "percent", "seconds"] = "count"


@dataclass
class Table:
    key: str  # stable slug, used in URLs and CSV file names
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    # Which chart suits it: bars per row, a line over the rows (weeks, tenths), or none.
    chart: Literal["bar", "line", "none"] = "bar"
    note: str = ""
