"""Alerts: find what needs attention in the store and tell the right channel once."""
from lawine.alerts.dispatcher import RunReport, run_once, send_test
from lawine.alerts.rules import Alert, find_alerts

__all__ = ["Alert", "RunReport", "find_alerts", "run_once", "send_test"]
