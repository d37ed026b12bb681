"""The site's own date and time formats, one module per language (FORMAT_MODULE_PATH).

Django's locale formats are correct but terse, and its English ones are American ("Dec. 21,
2026"). Here each language gets one long, natural way of writing a day and a moment, used by
templates as `date:"DATE_FORMAT"` and `date:"DATETIME_FORMAT"` and by Python code through
`django.utils.formats.date_format`, so that an email, a page or a certificate writes a date the
way a reader of that language expects: DATE_FORMAT a day, DATETIME_FORMAT a moment,
TIME_FORMAT the end of an event on the same day, SHORT_DATETIME_FORMAT an event's time in the
reader's own timezone beside the full one. What a module leaves out falls back to Django's own
format for the language.
"""
