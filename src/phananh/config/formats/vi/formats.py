# Vietnamese, as administrative letters write it: "17:00 ngày 2/12/2026".
DATE_FORMAT = "j/n/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"H:i \n\g\à\y j/n/Y"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = r"H:i \n\g\à\y j/n/Y"
