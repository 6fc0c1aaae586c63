"""Our date formats (FORMAT_MODULE_PATH): a moment reads the same way on every page, email and
export of one language — "2 December 2026, 17:00", "17:00 ngày 2/12/2026" — never "12/02/2026
5 p.m." (which a reader can take for 12 February, and which ends a sentence in a second
period). Python code formats through `phananh.core.dates.moment_text`; templates use these
names (`|date:"DATETIME_FORMAT"`). What a module leaves out falls back to Django's locale."""
