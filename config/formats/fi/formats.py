"""Finnish: "maanantai 21. joulukuuta 2026", "klo 14.00"; the month in the partitive (E)."""

DATE_FORMAT = "l j. E Y"
DATETIME_FORMAT = r"l j. E Y \k\l\o G.i"
TIME_FORMAT = "G.i"
MONTH_DAY_FORMAT = "j. E"
SHORT_DATETIME_FORMAT = r"D j.n. \k\l\o G.i"
