"""lawine.snapshot.fmt: how the snapshot's day labels read."""
from datetime import date

from lawine.snapshot.fmt import day_label


def test_day_labels_name_the_weekday_in_the_reports_language():
    assert day_label(date(2026, 11, 30)) == "Mon 30 Nov" and day_label(date(2026, 12, 6)) == "Sun 6 Dec"
    assert day_label(date(2026, 12, 6), "de") == "So 06.12."
