"""Danish: "mandag den 21. december 2026", "kl. 14.00"."""

DATE_FORMAT = r"l \d\e\n j. F Y"
DATETIME_FORMAT = r"l \d\e\n j. F Y \k\l. H.i"
TIME_FORMAT = "H.i"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATETIME_FORMAT = r"D j. b \k\l. H.i"
