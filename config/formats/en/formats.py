"""English as written in Europe: "Monday 21 December 2026", "14:00"; short: "Mon 21 Dec, 14:00"."""

DATE_FORMAT = "l j F Y"
DATETIME_FORMAT = "l j F Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATETIME_FORMAT = "D j M, H:i"
