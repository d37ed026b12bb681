"""How a cell of a Table reads, the same in the page's table, its chart and its CSV file."""

import csv
import io

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from insights.tables import SUPPRESSED, WITHHELD, Cell, Table

DAY = 86400
HOUR = 3600


def cell_text(value: Cell, unit: str) -> str:
    if value is SUPPRESSED:
        return _("fewer than 5")
    if value is WITHHELD:
        return _("hidden")
    if value is None:
        return ""
    if unit == "percent":
        return _("%(number)s%%") % {"number": number_format(value, 1)}
    if unit == "seconds":
        if value >= 2 * DAY:
            return _("%(number)s days") % {"number": number_format(value / DAY, 1)}
        if value >= 2 * HOUR:
            return _("%(number)s hours") % {"number": number_format(value / HOUR, 1)}
        return _("%(number)s minutes") % {"number": number_format(value / 60, 0)}
    if unit == "count":
        return number_format(value, 0)
    return str(value)


def table_texts(table: Table) -> list[list[str]]:
    """The table's rows as they read (head row first)."""
    head = [str(column.label) for column in table.columns]
    return [head] + [
        [cell_text(value, column.unit) for value, column in zip(row, table.columns, strict=True)]
        for row in table.rows
    ]


def table_csv(table: Table) -> str:
    """The CSV file of a table: exactly the cells of the table on the page."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(table_texts(table))
    return out.getvalue()
