"""The working-time calendar: hand-checked deadlines (reasoning beside each) and properties.

Weekdays of the dates used (checked with `date.weekday()` in `test_weekdays_used_here`):
2026: Wed 29 Apr, Thu 30 Apr, Fri 1 May, Mon 4 May; Thu 4, Fri 5, Mon 8, Fri 12, Sat 13,
Mon 15 Jun; Fri 21, Sat 22, Fri 28, Mon 31 Aug. 2027: Wed 3 Feb, Thu 11 Feb, Thu 29 Apr,
Wed 1 Sep. 2020: Tue 8 Dec.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from time import perf_counter
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phananh.sla.calendar import EXTRA_DAY_OFF, UNITS, WorkCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkCalendar()
H = timedelta(hours=1)
M = timedelta(minutes=1)


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall-clock moment in Huế."""
    return datetime(year, month, day, hour, minute, tzinfo=VN)


def test_weekdays_used_here() -> None:
    days = {
        date(2020, 12, 8): "Tue",
        date(2026, 4, 29): "Wed",
        date(2026, 4, 30): "Thu",
        date(2026, 5, 1): "Fri",
        date(2026, 5, 4): "Mon",
        date(2026, 6, 4): "Thu",
        date(2026, 6, 5): "Fri",
        date(2026, 6, 8): "Mon",
        date(2026, 6, 12): "Fri",
        date(2026, 6, 13): "Sat",
        date(2026, 6, 15): "Mon",
        date(2026, 8, 21): "Fri",
        date(2026, 8, 22): "Sat",
        date(2026, 8, 28): "Fri",
        date(2026, 8, 31): "Mon",
        date(2027, 2, 3): "Wed",
        date(2027, 2, 11): "Thu",
        date(2027, 4, 29): "Thu",
        date(2027, 9, 1): "Wed",
    }
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert {day: names[day.weekday()] for day in days} == days


# -- design §3 examples ------------------------------------------------------------------


def test_design_four_working_hours_from_friday_afternoon() -> None:
    # Fri 16:00–17:00 = 1 h; Sat, Sun closed; Mon 07:30 + the other 3 h = 10:30.
    assert CAL.due(vn(2026, 6, 5, 16), 4, "working_hours") == vn(2026, 6, 8, 10, 30)


@pytest.mark.parametrize("hour, minute", [(0, 0), (9, 0), (16, 59), (23, 30)])
def test_design_hue_seven_working_days(hour: int, minute: int) -> None:
    # Start day Tue 8 Dec never counts, whatever the hour. After it: Wed 9 (1), Thu 10 (2),
    # Fri 11 (3), Mon 14 (4), Tue 15 (5), Wed 16 (6), Thu 17 (7) → Thu 17 Dec 17:00.
    sent = vn(2020, 12, 8, hour, minute)
    assert CAL.due(sent, 7, "working_days") == vn(2020, 12, 17, 17)
    assert CAL.add_working_days(sent, 7) == vn(2020, 12, 17, 17)


# -- a Friday-evening submission -----------------------------------------------------------


def test_friday_evening_four_working_hours() -> None:
    # Fri 19:45 is after closing: the clock starts Mon 07:30; 4 h → 11:30 exactly, the end of
    # the morning interval (not 13:30).
    assert CAL.due(vn(2026, 6, 12, 19, 45), 4, "working_hours") == vn(2026, 6, 15, 11, 30)


def test_friday_evening_eight_working_hours() -> None:
    # Mon 07:30–11:30 (4 h) + 13:30–17:00 (3 h 30) = 7 h 30; the last 30 min Tue 07:30–08:00.
    assert CAL.due(vn(2026, 6, 12, 19, 45), 8, "working_hours") == vn(2026, 6, 16, 8)


def test_friday_evening_seven_working_days() -> None:
    # Start day Fri 12 Jun; after it: Mon 15 (1), Tue 16 (2), Wed 17 (3), Thu 18 (4),
    # Fri 19 (5), Mon 22 (6), Tue 23 (7) → Tue 23 Jun 17:00.
    assert CAL.due(vn(2026, 6, 12, 19, 45), 7, "working_days") == vn(2026, 6, 23, 17)


# -- what the holidays package gives -------------------------------------------------------


def test_vn_2027_holidays_from_the_package() -> None:
    # The package's own table, as is (names in Vietnamese whatever the server's locale).
    year = {day: CAL.holiday_name(day) for day in _dates(date(2027, 1, 1), date(2027, 12, 31))}
    assert {day: name for day, name in year.items() if name} == {
        date(2027, 1, 1): "Tết Dương lịch",  # Fri
        date(2027, 2, 4): "29 Tết",  # Thu
        date(2027, 2, 5): "Giao thừa Tết Nguyên Đán",  # Fri
        date(2027, 2, 6): "Tết Nguyên Đán",  # Sat, Lunar New Year
        date(2027, 2, 7): "Mùng hai Tết Nguyên Đán",  # Sun
        date(2027, 2, 8): "Mùng ba Tết Nguyên Đán",  # Mon
        date(2027, 2, 9): "Mùng bốn Tết Nguyên Đán",  # Tue
        date(2027, 2, 10): "Mùng năm Tết Nguyên Đán",  # Wed
        date(2027, 4, 16): "Ngày Giỗ Tổ Hùng Vương",  # Fri, Hùng Kings (10/3 lunar)
        date(2027, 4, 30): "Ngày Chiến thắng",  # Fri
        date(2027, 5, 1): "Ngày Quốc tế Lao động",  # Sat
        date(2027, 5, 3): "Ngày Quốc tế Lao động (nghỉ bù)",  # Mon, in lieu of Sat 1 May
        date(2027, 9, 2): "Quốc khánh",  # Thu
        date(2027, 9, 3): "Quốc khánh",  # Fri, the day the package adds next to 2/9
        date(2027, 11, 24): "Ngày Văn hóa Việt Nam",  # Wed, new in 2026
    }
    # The same dates straight from the package, whatever language it is asked in.
    assert sorted(holidays.country_holidays("VN", years=2027)) == sorted(
        day for day, name in year.items() if name
    )
    # Tết break: Thu 4 – Wed 10 Feb; Wed 3 Feb and Thu 11 Feb are working days.
    assert [CAL.is_working_day(date(2027, 2, d)) for d in range(3, 12)] == [
        True,
        *[False] * 7,
        True,
    ]


def test_tet_2027_four_working_hours() -> None:
    # Last working day before the break is Wed 3 Feb: 16:00–17:00 = 1 h; Thu 4 – Wed 10 off;
    # Thu 11 Feb 07:30 + 3 h = 10:30.
    assert CAL.due(vn(2027, 2, 3, 16), 4, "working_hours") == vn(2027, 2, 11, 10, 30)


def test_tet_2027_seven_working_days() -> None:
    # After Wed 3 Feb: Thu 11 (1), Fri 12 (2), Mon 15 (3), Tue 16 (4), Wed 17 (5), Thu 18 (6),
    # Fri 19 (7) → Fri 19 Feb 17:00.
    assert CAL.due(vn(2027, 2, 3, 16), 7, "working_days") == vn(2027, 2, 19, 17)


def test_reunification_and_labour_day_2026() -> None:
    # 30/4 is a Thursday, 1/5 a Friday, both off. From Wed 29 Apr 15:00: 2 h that day; Thu,
    # Fri off, Sat, Sun closed; Mon 4 May morning 4 h (6 h), then 13:30 + 2 h = 15:30.
    assert [CAL.holiday_name(date(2026, 4, 30)), CAL.holiday_name(date(2026, 5, 1))] == [
        "Ngày Chiến thắng",
        "Ngày Quốc tế Lao động",
    ]
    assert CAL.due(vn(2026, 4, 29, 15), 8, "working_hours") == vn(2026, 5, 4, 15, 30)


def test_reunification_and_labour_day_2027() -> None:
    # 30/4 is a Friday, 1/5 a Saturday so Mon 3 May is off in lieu. From Thu 29 Apr 15:00:
    # 2 h that day; Fri, Sat, Sun, Mon off; Tue 4 May 4 h morning (6 h) + 2 h → 15:30.
    assert CAL.is_working_day(date(2027, 5, 3)) is False
    assert CAL.due(vn(2027, 4, 29, 15), 8, "working_hours") == vn(2027, 5, 4, 15, 30)


def test_national_day_2026_and_its_extra_days() -> None:
    # 2/9 is a Wednesday; the package adds Tue 1 Sep and Mon 31 Aug (swapped with the Saturday
    # 22 Aug). From Fri 28 Aug 16:00: 1 h; Mon 31, Tue 1, Wed 2 off; Thu 3 Sep 07:30 + 3 h.
    assert [CAL.holiday_name(date(2026, 8, 31)), CAL.holiday_name(date(2026, 9, 1))] == [
        "Ngày nghỉ (thay cho ngày 22/08/2026)",
        "Quốc khánh",
    ]
    assert CAL.due(vn(2026, 8, 28, 16), 4, "working_hours") == vn(2026, 9, 3, 10, 30)
    # One working day after Fri 28 Aug is Thu 3 Sep.
    assert CAL.due(vn(2026, 8, 28, 16), 1, "working_days") == vn(2026, 9, 3, 17)


def test_package_make_up_saturday_2026_is_worked() -> None:
    # Sat 22 Aug 2026 is worked to pay for Mon 31 Aug: Fri 21 Aug 16:00 → 1 h, Sat 07:30 + 3 h.
    assert CAL.is_working_day(date(2026, 8, 22)) is True
    assert CAL.due(vn(2026, 8, 21, 16), 4, "working_hours") == vn(2026, 8, 22, 10, 30)
    # The city can still close it: then the 3 h fall on Mon 24 Aug.
    closed = WorkCalendar(extra_days_off=frozenset({date(2026, 8, 22)}))
    assert closed.due(vn(2026, 8, 21, 16), 4, "working_hours") == vn(2026, 8, 24, 10, 30)


def test_national_day_2027() -> None:
    # 2/9 is a Thursday and the package adds Fri 3 Sep. From Wed 1 Sep 16:00: 1 h; Thu, Fri
    # off, weekend; Mon 6 Sep 07:30 + 3 h = 10:30.
    assert CAL.due(vn(2027, 9, 1, 16), 4, "working_hours") == vn(2027, 9, 6, 10, 30)


# -- the city's own exceptions -------------------------------------------------------------

TYPHOON = date(2026, 6, 5)  # a Friday closure
MAKE_UP = date(2026, 6, 13)  # the Saturday worked in return
CITY = WorkCalendar(extra_days_off=frozenset({TYPHOON}), extra_working_days=frozenset({MAKE_UP}))


def test_extra_day_off_moves_the_due() -> None:
    # Thu 4 Jun 16:00: 1 h, then usually Fri 5 07:30 + 3 h; with Friday closed, Mon 8 10:30.
    assert CAL.due(vn(2026, 6, 4, 16), 4, "working_hours") == vn(2026, 6, 5, 10, 30)
    assert CITY.due(vn(2026, 6, 4, 16), 4, "working_hours") == vn(2026, 6, 8, 10, 30)
    assert CITY.holiday_name(TYPHOON) == EXTRA_DAY_OFF


def test_make_up_saturday_moves_the_due() -> None:
    # Fri 12 Jun 16:00: 1 h, then usually Mon 15 07:30 + 3 h; with Saturday worked, Sat 10:30.
    assert CAL.due(vn(2026, 6, 12, 16), 4, "working_hours") == vn(2026, 6, 15, 10, 30)
    assert CITY.due(vn(2026, 6, 12, 16), 4, "working_hours") == vn(2026, 6, 13, 10, 30)


def test_working_days_with_both_exceptions() -> None:
    # After Thu 4 Jun, usually: Fri 5, Mon 8, Tue 9, Wed 10, Thu 11, Fri 12, Mon 15 (7th).
    # City: Mon 8, Tue 9, Wed 10, Thu 11, Fri 12, Sat 13, Mon 15 (7th): the swap evens out,
    # while 6 working days differ (Fri 12 vs Sat 13).
    assert CAL.due(vn(2026, 6, 4, 9), 7, "working_days") == vn(2026, 6, 15, 17)
    assert CITY.due(vn(2026, 6, 4, 9), 7, "working_days") == vn(2026, 6, 15, 17)
    assert CAL.due(vn(2026, 6, 4, 9), 6, "working_days") == vn(2026, 6, 12, 17)
    assert CITY.due(vn(2026, 6, 4, 9), 6, "working_days") == vn(2026, 6, 13, 17)


def test_extra_working_day_beats_the_package() -> None:
    # The city may work a package holiday (Vietnam Cultural Day, Tue 24 Nov 2026).
    cultural_day = date(2026, 11, 24)
    worked = WorkCalendar(extra_working_days=frozenset({cultural_day}))
    assert CAL.holiday_name(cultural_day) == "Ngày Văn hóa Việt Nam"
    assert CAL.is_working_day(cultural_day) is False
    assert worked.is_working_day(cultural_day) is True
    assert worked.holiday_name(cultural_day) is None
    # Mon 23 Nov 16:00 + 4 h: 1 h, then 3 h on Tue 24 (worked) or Wed 25 (package).
    assert worked.due(vn(2026, 11, 23, 16), 4, "working_hours") == vn(2026, 11, 24, 10, 30)
    assert CAL.due(vn(2026, 11, 23, 16), 4, "working_hours") == vn(2026, 11, 25, 10, 30)


def test_holiday_name_is_none_on_plain_days() -> None:
    assert CAL.holiday_name(date(2026, 6, 13)) is None  # a Saturday: weekly rest, no holiday
    assert CAL.holiday_name(date(2026, 6, 8)) is None  # a Monday


# -- where the clock starts ----------------------------------------------------------------


@pytest.mark.parametrize(
    "start, amount, expected",
    [
        # Lunch break 12:00: the clock starts at 13:30; + 1 h = 14:30.
        (vn(2026, 6, 8, 12), H, vn(2026, 6, 8, 14, 30)),
        # Exactly 07:30 + 4 h lands on the end of the morning: 11:30, not 13:30.
        (vn(2026, 6, 8, 7, 30), 4 * H, vn(2026, 6, 8, 11, 30)),
        # 07:30 + 4 h 30: 4 h in the morning, 30 min from 13:30 = 14:00.
        (vn(2026, 6, 8, 7, 30), 4 * H + 30 * M, vn(2026, 6, 8, 14)),
        # 07:30 + 7 h 30 = the whole day: 17:00 that day, not 07:30 the next.
        (vn(2026, 6, 8, 7, 30), 7 * H + 30 * M, vn(2026, 6, 8, 17)),
        # Exactly 11:30 is closed: the clock starts at 13:30; + 1 h = 14:30.
        (vn(2026, 6, 8, 11, 30), H, vn(2026, 6, 8, 14, 30)),
        # Exactly 17:00 is closed: next opening Tue 07:30; + 1 h = 08:30.
        (vn(2026, 6, 8, 17), H, vn(2026, 6, 9, 8, 30)),
        # 23:59: next opening Tue 07:30; + 1 h = 08:30.
        (vn(2026, 6, 8, 23, 59), H, vn(2026, 6, 9, 8, 30)),
        # 00:00 Tue: opening 07:30 the same day; + 1 h = 08:30.
        (vn(2026, 6, 9), H, vn(2026, 6, 9, 8, 30)),
        # 30 working minutes from 11:15: 15 min to 11:30, 15 min from 13:30 = 13:45.
        (vn(2026, 6, 8, 11, 15), 30 * M, vn(2026, 6, 8, 13, 45)),
        # 30 working minutes from Fri 16:45: 15 min to 17:00, 15 min from Mon 07:30 = 07:45.
        (vn(2026, 6, 12, 16, 45), 30 * M, vn(2026, 6, 15, 7, 45)),
        # Zero inside an interval: the moment itself.
        (vn(2026, 6, 8, 9, 10), timedelta(0), vn(2026, 6, 8, 9, 10)),
        # Zero outside office hours: the clock starts at the next opening.
        (vn(2026, 6, 8, 11, 30), timedelta(0), vn(2026, 6, 8, 13, 30)),
        (vn(2026, 6, 13, 9), timedelta(0), vn(2026, 6, 15, 7, 30)),
        # One microsecond counts: 16:59:59.999999 + 1 µs = 17:00 exactly.
        (
            datetime(2026, 6, 8, 16, 59, 59, 999_999, tzinfo=VN),
            timedelta(microseconds=1),
            vn(2026, 6, 8, 17),
        ),
    ],
)
def test_start_positions(start: datetime, amount: timedelta, expected: datetime) -> None:
    assert CAL.add_working_time(start, amount) == expected


def test_next_opening() -> None:
    assert CAL.next_opening(vn(2026, 6, 8, 9)) == vn(2026, 6, 8, 9)  # open: itself
    assert CAL.next_opening(vn(2026, 6, 8, 7, 30)) == vn(2026, 6, 8, 7, 30)  # opening itself
    assert CAL.next_opening(vn(2026, 6, 8, 11, 30)) == vn(2026, 6, 8, 13, 30)  # lunch
    assert CAL.next_opening(vn(2026, 6, 12, 17)) == vn(2026, 6, 15, 7, 30)  # Fri close → Mon
    assert CAL.next_opening(vn(2026, 4, 29, 18)) == vn(2026, 5, 4, 7, 30)  # over 30/4 and 1/5


def test_working_days_from_a_day_off() -> None:
    # The start day counts as the day the clock started even if it is a day off.
    # Sat 13 Jun + 1 → Mon 15 Jun; holiday Thu 30 Apr 2026 + 1 → Mon 4 May (1/5 off too).
    assert CAL.add_working_days(vn(2026, 6, 13, 10), 1) == vn(2026, 6, 15, 17)
    assert CAL.add_working_days(vn(2026, 4, 30, 10), 1) == vn(2026, 5, 4, 17)


def test_calendar_hours_ignore_holidays() -> None:
    # Plain elapsed time: Wed 29 Apr 10:00 + 24 h = Thu 30 Apr 10:00, a holiday.
    assert CAL.due(vn(2026, 4, 29, 10), 24, "hours") == vn(2026, 4, 30, 10)


def test_urgent_thirty_minutes() -> None:
    # Calendar: Sat 21:10 + 0.5 h = 21:40 the same night.
    assert CAL.due(vn(2026, 6, 13, 21, 10), 0.5, "hours") == vn(2026, 6, 13, 21, 40)
    # Working: Fri 16:45 + 0.5 h = 15 min Friday, 15 min Monday → Mon 07:45.
    assert CAL.due(vn(2026, 6, 12, 16, 45), 0.5, "working_hours") == vn(2026, 6, 15, 7, 45)


def test_fractional_hours_are_exact() -> None:
    # 0.1 h = 6 min exactly; 1.25 h = 75 min: 07:30 + 75 min = 08:45.
    assert CAL.due(vn(2026, 6, 8, 9), 0.1, "hours") == vn(2026, 6, 8, 9, 6)
    assert CAL.due(vn(2026, 6, 8, 7, 30), 1.25, "working_hours") == vn(2026, 6, 8, 8, 45)
    assert CAL.due(vn(2026, 6, 8, 7, 30), 7.0, "working_days") == vn(2026, 6, 17, 17)


def test_other_office_hours_and_week() -> None:
    # One interval 08:00–12:00, Monday to Saturday: Fri 11:00 + 2 h = 1 h Fri, Sat 08:00 + 1 h.
    saturday_office = WorkCalendar(
        intervals=((time(8), time(12)),), weekdays=frozenset({0, 1, 2, 3, 4, 5})
    )
    assert saturday_office.due(vn(2026, 6, 12, 11), 2, "working_hours") == vn(2026, 6, 13, 9)
    assert saturday_office.due(vn(2026, 6, 12, 11), 1, "working_days") == vn(2026, 6, 13, 12)


# -- working time between two moments ------------------------------------------------------


def test_working_time_between() -> None:
    # Fri 16:00 → Mon 10:30: 1 h Friday + 3 h Monday.
    assert CAL.working_time_between(vn(2026, 6, 5, 16), vn(2026, 6, 8, 10, 30)) == 4 * H
    # A whole week Mon 00:00 → next Mon 00:00: 5 × 7 h 30 = 37 h 30.
    assert CAL.working_time_between(vn(2026, 6, 8), vn(2026, 6, 15)) == 37 * H + 30 * M
    # Lunch only, and reversed bounds, are zero.
    assert CAL.working_time_between(vn(2026, 6, 8, 11, 30), vn(2026, 6, 8, 13, 30)) == 0 * H
    assert CAL.working_time_between(vn(2026, 6, 8, 15), vn(2026, 6, 8, 9)) == 0 * H


# -- pause and resume ----------------------------------------------------------------------


def test_pause_and_resume_working_time() -> None:
    # Due: Mon 8 Jun 07:30 + 8 h → 7 h 30 on Monday, 30 min on Tuesday → Tue 08:00.
    due = CAL.due(vn(2026, 6, 8, 7, 30), 8, "working_hours")
    assert due == vn(2026, 6, 9, 8)
    # Paused Mon 15:15: 1 h 45 left on Monday + 30 min on Tuesday = 2 h 15.
    remaining = CAL.remaining_at(due, vn(2026, 6, 8, 15, 15), working=True)
    assert remaining == 2 * H + 15 * M
    # Resumed three days later, Thu 11 Jun 15:15: 1 h 45 to 17:00, 30 min Friday → Fri 08:00.
    assert CAL.resume(vn(2026, 6, 11, 15, 15), remaining, working=True) == vn(2026, 6, 12, 8)


def test_pause_and_resume_calendar_time() -> None:
    # Due Wed 10 Jun 10:00, paused Mon 8 Jun 22:00: 36 h of plain time left.
    due = vn(2026, 6, 10, 10)
    remaining = CAL.remaining_at(due, vn(2026, 6, 8, 22), working=False)
    assert remaining == 36 * H
    # Resumed Thu 11 Jun 09:00 + 36 h = Fri 12 Jun 21:00.
    assert CAL.resume(vn(2026, 6, 11, 9), remaining, working=False) == vn(2026, 6, 12, 21)


def test_pause_after_the_due_moment_leaves_nothing() -> None:
    due = vn(2026, 6, 9, 8)
    assert CAL.remaining_at(due, vn(2026, 6, 9, 9), working=True) == timedelta(0)
    assert CAL.remaining_at(due, vn(2026, 6, 9, 9), working=False) == timedelta(0)
    # Nothing left, resumed in the evening: due at the next opening (working) or at once.
    assert CAL.resume(vn(2026, 6, 9, 20), timedelta(0), working=True) == vn(2026, 6, 10, 7, 30)
    assert CAL.resume(vn(2026, 6, 9, 20), timedelta(0), working=False) == vn(2026, 6, 9, 20)


# -- zones and bad input -------------------------------------------------------------------


def test_utc_input_is_converted() -> None:
    # 09:00 UTC on Fri 5 Jun = 16:00 in Huế (UTC+7): the design example again → Mon 10:30.
    result = CAL.due(datetime(2026, 6, 5, 9, tzinfo=UTC), 4, "working_hours")
    assert result == vn(2026, 6, 8, 10, 30)
    assert result.tzinfo == VN
    assert (result.hour, result.minute) == (10, 30)
    # 18:00 UTC Mon 8 Jun is already Tue 9 Jun 01:00 in Huế: the start day is Tuesday, so one
    # working day later is Wed 10 Jun 17:00 (Tue 9 if the UTC date were wrongly used).
    assert CAL.due(datetime(2026, 6, 8, 18, tzinfo=UTC), 1, "working_days") == vn(2026, 6, 10, 17)
    # Calendar hours come back in Huế time too.
    plain = CAL.due(datetime(2026, 6, 8, 18, tzinfo=UTC), 1, "hours")
    assert plain.tzinfo == VN
    assert plain == vn(2026, 6, 9, 2)


NAIVE = datetime(2026, 6, 8, 9)


@pytest.mark.parametrize(
    "call",
    [
        lambda: CAL.next_opening(NAIVE),
        lambda: CAL.add_working_time(NAIVE, H),
        lambda: CAL.add_working_days(NAIVE, 1),
        lambda: CAL.working_time_between(NAIVE, vn(2026, 6, 9)),
        lambda: CAL.working_time_between(vn(2026, 6, 7), NAIVE),
        *[lambda unit=unit: CAL.due(NAIVE, 1, unit) for unit in UNITS],
        lambda: CAL.remaining_at(vn(2026, 6, 9), NAIVE, working=True),
        lambda: CAL.remaining_at(NAIVE, vn(2026, 6, 9), working=False),
        lambda: CAL.resume(NAIVE, H, working=True),
        lambda: CAL.resume(NAIVE, H, working=False),
    ],
)
def test_naive_datetimes_are_refused(call) -> None:
    with pytest.raises(ValueError, match="aware"):
        call()


@pytest.mark.parametrize(
    "amount, unit",
    [
        (0, "working_days"),
        (-1, "working_days"),
        (7.5, "working_days"),
        (float("nan"), "working_days"),
        (-1, "working_hours"),
        (float("inf"), "hours"),
        (4, "days"),
        (4, "WORKING_HOURS"),
    ],
)
def test_bad_amounts_and_units(amount: float, unit: str) -> None:
    with pytest.raises(ValueError):
        CAL.due(vn(2026, 6, 8, 9), amount, unit)


def test_bad_argument_types() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(vn(2026, 6, 8, 9), 0)
    with pytest.raises(TypeError):
        CAL.add_working_days(vn(2026, 6, 8, 9), 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        CAL.due(vn(2026, 6, 8, 9), True, "working_hours")
    with pytest.raises(ValueError):
        CAL.add_working_time(vn(2026, 6, 8, 9), -M)
    with pytest.raises(TypeError):
        CAL.is_working_day(vn(2026, 6, 8, 9))


@pytest.mark.parametrize(
    "intervals",
    [
        (),
        ((time(11, 30), time(7, 30)),),  # ends before it starts
        ((time(8), time(8)),),  # empty
        ((time(13, 30), time(17)), (time(7, 30), time(11, 30))),  # unsorted
        ((time(7, 30), time(12)), (time(11, 30), time(17))),  # overlapping
    ],
)
def test_bad_intervals_are_refused(intervals: tuple[tuple[time, time], ...]) -> None:
    with pytest.raises(ValueError):
        WorkCalendar(intervals=intervals)


def test_touching_intervals_are_allowed() -> None:
    # 08:00–10:00 then 10:00–12:00 is one 4 h morning: 08:00 + 3 h = 11:00.
    touching = WorkCalendar(intervals=((time(8), time(10)), (time(10), time(12))))
    assert touching.due(vn(2026, 6, 8, 8), 3, "working_hours") == vn(2026, 6, 8, 11)


def test_other_bad_configuration_is_refused() -> None:
    with pytest.raises(ValueError):
        WorkCalendar(weekdays=frozenset({7}))
    with pytest.raises(ValueError):
        WorkCalendar(extra_days_off=frozenset({TYPHOON}), extra_working_days=frozenset({TYPHOON}))
    with pytest.raises(ValueError):
        WorkCalendar(timezone="Mars/Olympus_Mons")
    with pytest.raises(ValueError):
        WorkCalendar(country="XX")


def test_no_working_day_at_all_raises_instead_of_looping() -> None:
    # 2040: far from any Saturday the package lists as a make-up working day.
    never = WorkCalendar(weekdays=frozenset())
    with pytest.raises(ValueError, match="no working day"):
        never.add_working_time(vn(2040, 6, 8, 9), H)
    with pytest.raises(ValueError, match="no working day"):
        never.add_working_days(vn(2040, 6, 8, 9), 1)


def test_calendar_is_a_hashable_value() -> None:
    # Lists and sets from settings are coerced, so equal rules make equal calendars.
    same = WorkCalendar(
        intervals=[[time(7, 30), time(11, 30)], [time(13, 30), time(17)]],  # type: ignore[arg-type]
        weekdays={0, 1, 2, 3, 4},  # type: ignore[arg-type]
    )
    assert same == CAL
    assert hash(same) == hash(CAL)


def test_seven_days_of_working_time_is_fast() -> None:
    # 52 h 30 = seven working days: whole days are jumped, so this stays in microseconds.
    start, amount = vn(2026, 6, 8, 8), 52 * H + 30 * M
    assert CAL.add_working_time(start, amount) == vn(2026, 6, 17, 8)
    runs = 2000
    began = perf_counter()
    for _ in range(runs):
        CAL.add_working_time(start, amount)
    per_call = (perf_counter() - began) / runs
    # Typically ~20 µs; the bound is loose for slow CI but far below a minute-by-minute walk.
    assert per_call < 250e-6


# -- properties ----------------------------------------------------------------------------

ZONES = st.sampled_from([VN, UTC, ZoneInfo("Europe/Paris"), ZoneInfo("America/New_York")])
US = timedelta(microseconds=1)
FIRST_DAY = date(2025, 1, 1)
DAYS_2025_2028 = (date(2029, 1, 1) - FIRST_DAY).days
# Office boundaries and their neighbours are where off-by-one mistakes live.
EDGES = [
    timedelta(hours=hour, minutes=minute)
    for hour, minute in [(0, 0), (7, 29), (7, 30), (11, 30), (12, 0), (13, 30), (17, 0), (23, 59)]
] + [timedelta(hours=17) - US]


def _moment(day: int, offset: timedelta, zone: ZoneInfo) -> datetime:
    """A moment of 2025–2028 in Huế (`offset` after its midnight), as seen from `zone`."""
    midnight = datetime.combine(FIRST_DAY + timedelta(days=day), time(), tzinfo=VN)
    return (midnight + offset).astimezone(zone)


# Built from integers: much cheaper for hypothesis than st.datetimes, same coverage.
MOMENTS = st.builds(
    _moment,
    st.integers(min_value=0, max_value=DAYS_2025_2028 - 1),
    st.one_of(
        st.sampled_from(EDGES),
        st.integers(min_value=0, max_value=24 * 60 - 1).map(lambda minutes: minutes * M),
        st.integers(min_value=0, max_value=timedelta(days=1) // US - 1).map(lambda us: us * US),
    ),
    ZONES,
)
LIMIT = timedelta(hours=60)
# Whole working days (7 h 30) and whole mornings (4 h) land exactly on interval ends.
EXACT = sorted({n * (7 * H + 30 * M) for n in range(9)} | {n * 4 * H for n in range(16)})


def _durations(least: timedelta) -> st.SearchStrategy[timedelta]:
    """Working time from `least` up to 60 h: exact interval ends, whole minutes, microseconds."""
    return st.one_of(
        st.sampled_from([amount for amount in EXACT if amount >= least]),
        st.integers(min_value=-(-least // M), max_value=LIMIT // M).map(
            lambda minutes: minutes * M
        ),
        st.integers(min_value=least // US, max_value=LIMIT // US).map(lambda us: us * US),
    )


DURATIONS = _durations(timedelta(0))
POSITIVE = _durations(US)
PROPERTY = settings(max_examples=300, deadline=None, database=None)


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@PROPERTY
@given(start=MOMENTS, amount=DURATIONS)
def test_property_working_time_between_inverts_add(start: datetime, amount: timedelta) -> None:
    assert CAL.working_time_between(start, CAL.add_working_time(start, amount)) == amount


@PROPERTY
@given(start=MOMENTS, amount=POSITIVE)
def test_property_due_is_inside_or_at_the_end_of_an_interval(
    start: datetime, amount: timedelta
) -> None:
    due = CAL.add_working_time(start, amount)
    assert due.tzinfo == VN
    assert due > start
    assert CAL.is_working_day(due.date())
    offset = due - datetime.combine(due.date(), time(), tzinfo=VN)
    spans = [
        (timedelta(hours=s.hour, minutes=s.minute), timedelta(hours=e.hour, minutes=e.minute))
        for s, e in CAL.intervals
    ]
    # (start, end]: never at an opening, since a clock that runs out at a close stays there.
    assert any(low < offset <= high for low, high in spans)


@PROPERTY
@given(start=MOMENTS, first=DURATIONS, second=DURATIONS)
def test_property_monotonic(start: datetime, first: timedelta, second: timedelta) -> None:
    shorter, longer = sorted((first, second))
    assert CAL.add_working_time(start, shorter) <= CAL.add_working_time(start, longer)


@PROPERTY
@given(start=MOMENTS, first=DURATIONS, second=POSITIVE)
def test_property_splitting(start: datetime, first: timedelta, second: timedelta) -> None:
    # `second` > 0: adding zero at a close (e.g. 11:30) moves to the next opening by design.
    halfway = CAL.add_working_time(start, first)
    assert CAL.add_working_time(halfway, second) == CAL.add_working_time(start, first + second)


GAPS = st.integers(min_value=0, max_value=timedelta(days=20) // US).map(lambda us: us * US)


@PROPERTY
@given(start=MOMENTS, first=GAPS, second=GAPS)
def test_property_working_time_between_adds_up(
    start: datetime, first: timedelta, second: timedelta
) -> None:
    # Through UTC: wall-clock addition in Paris or New York could step back over a DST change.
    middle = start.astimezone(UTC) + first
    end = middle + second
    whole = CAL.working_time_between(start, end)
    assert whole == CAL.working_time_between(start, middle) + CAL.working_time_between(middle, end)
    assert CAL.working_time_between(end, start) == timedelta(0)


@PROPERTY
@given(start=MOMENTS, days=st.integers(min_value=1, max_value=30))
def test_property_working_days(start: datetime, days: int) -> None:
    due = CAL.add_working_days(start, days)
    start_day = start.astimezone(VN).date()
    assert due.tzinfo == VN
    assert due.time() == time(17)
    assert CAL.is_working_day(due.date())
    assert due.date() > start_day
    counted = [
        d for d in _dates(start_day + timedelta(days=1), due.date()) if CAL.is_working_day(d)
    ]
    assert len(counted) == days


@PROPERTY
@given(start=MOMENTS, amount=POSITIVE, thousandths=st.integers(min_value=0, max_value=999))
def test_property_pause_and_resume_at_once_keeps_the_due(
    start: datetime, amount: timedelta, thousandths: int
) -> None:
    due = CAL.add_working_time(start, amount)
    # A pause anywhere in [start, due): some working time is always left then.
    # Through UTC: adding to a Paris or New York moment would be wall-clock arithmetic.
    paused = start.astimezone(UTC) + (due - start) * thousandths // 1000
    remaining = CAL.remaining_at(due, paused, working=True)
    assert remaining > timedelta(0)
    assert CAL.resume(paused, remaining, working=True) == due
    plain = CAL.remaining_at(due, paused, working=False)
    assert CAL.resume(paused, plain, working=False) == due
