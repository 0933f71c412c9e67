"""Quiet hours (across midnight and DST), digest times, and the alert config's checks."""
from __future__ import annotations

from datetime import datetime, time

import pytest

from lawine.alerts.quiet import digest_due, in_quiet
from lawine.config import AlertRule, ConfigError, load_settings
from tests.lawine.alerts.data import BERLIN


def rule(**kw) -> AlertRule:
    return AlertRule(name="r", quiet_hours=[time(22), time(7)], **kw)


@pytest.mark.parametrize("hour, quiet", [(21, False), (22, True), (23, True), (0, True), (6, True), (7, False)])
def test_quiet_hours_span_midnight(hour, quiet):
    assert in_quiet(rule(), datetime(2026, 11, 18, hour, 30 if hour == 6 else 0, tzinfo=BERLIN)) is quiet


def test_daytime_quiet_window_and_no_window():
    lunch = AlertRule(name="r", quiet_hours=[time(12), time(13)])
    assert in_quiet(lunch, datetime(2026, 11, 18, 12, 30, tzinfo=BERLIN))
    assert not in_quiet(lunch, datetime(2026, 11, 18, 13, 0, tzinfo=BERLIN))
    assert not in_quiet(AlertRule(name="r"), datetime(2026, 11, 18, 3, 0, tzinfo=BERLIN))


def test_digest_is_due_at_the_end_or_at_digest_at():
    evening = datetime(2026, 11, 18, 23, 0, tzinfo=BERLIN)
    assert digest_due(rule(), evening) == datetime(2026, 11, 19, 7, 0, tzinfo=BERLIN)
    seven = datetime(2026, 11, 19, 7, 0, tzinfo=BERLIN)
    assert digest_due(rule(), datetime(2026, 11, 19, 2, 0, tzinfo=BERLIN)) == seven
    assert digest_due(rule(digest_at=time(8, 30)), evening) == datetime(2026, 11, 19, 8, 30, tzinfo=BERLIN)
    # A digest time before the window's end means the next day's.
    assert digest_due(rule(digest_at=time(6)), evening) == datetime(2026, 11, 20, 6, 0, tzinfo=BERLIN)


def test_digest_after_the_dst_change_is_still_seven_local():
    # The night of 24/25 October 2026 is 25 hours long in Berlin.
    due = digest_due(rule(), datetime(2026, 10, 24, 23, 0, tzinfo=BERLIN))
    assert due.hour == 7 and due.utcoffset().total_seconds() == 3600


GOOD = """
[alerts]
dashboard_url = "https://lawine.example.org"
vip_followers = 20000

[alerts.channels.care-slack]
type = "slack"
url_secret = "SLACK_WEBHOOK_URL"

[alerts.channels.exec-mail]
type = "email"
smtp_host = "smtp.example.org"
username = "lawine"
password_secret = "SMTP_PASSWORD"
from = "lawine@example.org"
to = ["exec@example.org"]

[[alerts.rules]]
name = "avalanches"
types = ["avalanche"]
channels = ["care-slack", "exec-mail"]
min_score = 5
quiet_hours = [22:00:00, 07:00:00]
"""


def test_the_documented_example_loads(workdir):
    path = workdir / "lawine.toml"
    path.write_text(GOOD)
    s = load_settings(str(path))
    mail = s.alerts.channels["exec-mail"]
    assert (mail.type, mail.smtp_port, mail.starttls, mail.from_addr) == ("email", 587, True, "lawine@example.org")
    assert s.alerts.rules[0].quiet_hours == [time(22), time(7)] and s.alerts.rules[0].cooldown_minutes == 60


@pytest.mark.parametrize("extra, key", [
    ('[[alerts.rules]]\nname = "x"\nchannels = ["pager"]\n', "unknown channel(s) ['pager']"),
    ('[[alerts.rules]]\nname = "x"\ntypes = ["earthquake"]\n', "alerts.rules[1].types"),
    ('[alerts.channels.t]\ntype = "teams"\n', "alerts.channels.t"),
    ('[alerts.channels.m]\ntype = "email"\nsmtp_host = "h"\n', "alerts.channels.m"),
    ('[alerts.channels.p]\ntype = "pager"\nurl_secret = "P"\n', "alerts.channels.p.type"),
])
def test_wrong_alert_config_names_the_key(workdir, extra, key):
    path = workdir / "lawine.toml"
    path.write_text(GOOD + extra)
    with pytest.raises(ConfigError) as err:
        load_settings(str(path))
    assert key in str(err.value)
