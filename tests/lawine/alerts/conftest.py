"""Fixtures for alert tests: loopback HTTP and SMTP receivers."""
from __future__ import annotations

import pytest

from tests.lawine.alerts.sinks import HttpSink, SmtpSink


@pytest.fixture
def http_sink():
    sinks = []

    def make(*statuses: int, delay_s: float = 0.0) -> HttpSink:
        sinks.append(HttpSink(statuses, delay_s))
        return sinks[-1]

    yield make
    for s in sinks:
        s.close()


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    yield sink
    sink.close()


@pytest.fixture
def smtp_tls_sink(tmp_path):
    sink = SmtpSink(tls_folder=tmp_path)
    yield sink
    sink.close()
