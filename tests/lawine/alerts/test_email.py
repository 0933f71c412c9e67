"""E-mail alerts over a loopback SMTP server: plain, STARTTLS with AUTH, threading headers, attachments."""
from __future__ import annotations

from datetime import timedelta

import pytest

from lawine.alerts import run_once, send_test
from lawine.alerts.messages import Attachment
from lawine.alerts.snapshot_mail import SnapshotMailError, send_report_email, week_label
from lawine.snapshot import parse_week
from tests.lawine.snapshot.browser import require
from tests.lawine.alerts.data import NOW, add_event, add_mentions, close_event, mention, notifications, settings


def mail_channel(sink, **extra) -> dict:
    cfg = {"type": "email", "smtp_host": "127.0.0.1", "smtp_port": sink.port, "starttls": False,
           "from": "lawine@example.org", "to": ["care@example.org"], "timeout_s": 5}
    return {**cfg, **extra}


def test_alert_mail_has_text_and_escaped_html(engine, db_url, workdir, smtp_sink):
    s = settings(db_url, {"mail": mail_channel(smtp_sink)},
                 [{"name": "care", "types": ["sla_breach"], "channels": ["mail"]}])
    nasty = 'I paid <b>twice</b> & "nobody" answers <script>alert(1)</script>'
    [post] = add_mentions(engine, mention(NOW - timedelta(hours=2), text=nasty, on_marketing_post=True,
                                          kind="comment", parent_id="x:campaign-1"))
    run_once(engine, s, NOW)
    [(rcpts, msg)] = smtp_sink.messages
    assert rcpts == ["care@example.org"]
    assert msg["Subject"] == ("[Lawine] SLA breached: unanswered comment on our marketing post - "
                              "Kestrel Air on x")
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    # Posted 13:00 Berlin, 60 business minutes: deadline 14:00 Berlin; run at 15:00 Berlin.
    assert "Deadline: 2026-11-18 14:00 CET" in text and "Overdue by: 60 min" in text and "Waiting: 2 h 0 min" in text
    assert nasty in text
    assert "<script>" not in html and "<b>twice</b>" not in html
    assert "I paid &lt;b&gt;twice&lt;/b&gt; &amp; &quot;nobody&quot; answers &lt;script&gt;" in html
    assert 'href="https://lawine.example.org/queue?brand=Kestrel+Air&amp;source=x"' in html
    assert f'href="{post.url}"' in html


def test_rule_recipients_replace_the_channel_list(engine, db_url, workdir, smtp_sink):
    s = settings(db_url, {"mail": mail_channel(smtp_sink)},
                 [{"name": "exec", "types": ["avalanche"], "channels": ["mail"],
                   "deliver_to": ["ceo@example.org", "pr@example.org"]}])
    add_event(engine, "av", type="avalanche")
    run_once(engine, s, NOW + timedelta(minutes=1))
    [(rcpts, msg)] = smtp_sink.messages
    assert rcpts == ["ceo@example.org", "pr@example.org"] and msg["To"] == "ceo@example.org, pr@example.org"


def test_updates_thread_with_in_reply_to(engine, db_url, workdir, smtp_sink):
    s = settings(db_url, {"mail": mail_channel(smtp_sink)}, [{"name": "pr", "types": ["spike"], "channels": ["mail"]}])
    add_event(engine, "ev")
    run_once(engine, s, NOW + timedelta(minutes=1))
    close_event(engine, "ev", NOW + timedelta(hours=1))
    run_once(engine, s, NOW + timedelta(hours=1, minutes=1))
    first, update = [m for _, m in smtp_sink.messages]
    assert first["Message-ID"] and first["Message-ID"] != update["Message-ID"]
    assert update["In-Reply-To"] == first["Message-ID"] == update["References"]
    assert update["Subject"] == "Re: " + first["Subject"]
    assert "Update: spike resolved" in update.get_body(("plain",)).get_content()


def test_starttls_and_auth(engine, db_url, workdir, monkeypatch, smtp_tls_sink):
    monkeypatch.setenv("SMTP_PASSWORD", smtp_tls_sink.password)
    cfg = mail_channel(smtp_tls_sink, starttls=True, username=smtp_tls_sink.username,
                       password_secret="SMTP_PASSWORD", ca_file=smtp_tls_sink.ca_file)
    s = settings(db_url, {"mail": cfg}, [])
    assert send_test(engine, s, "mail", NOW) is None
    assert smtp_tls_sink.logins == [(smtp_tls_sink.username, True, True)]  # authenticated, over TLS
    [(_, msg)] = smtp_tls_sink.messages
    assert "Test message for channel 'mail'" in msg["Subject"]


def test_wrong_password_is_logged_without_the_password(engine, db_url, workdir, monkeypatch, smtp_tls_sink, caplog):
    monkeypatch.setenv("SMTP_PASSWORD", "wrong-pass-9f8e7d")
    cfg = mail_channel(smtp_tls_sink, starttls=True, username=smtp_tls_sink.username,
                       password_secret="SMTP_PASSWORD", ca_file=smtp_tls_sink.ca_file)
    s = settings(db_url, {"mail": cfg}, [{"name": "r", "types": ["spike"], "channels": ["mail"]}])
    add_event(engine, "e")
    with caplog.at_level("DEBUG"):
        report = run_once(engine, s, NOW + timedelta(minutes=1))
    assert report.retrying == 1 and smtp_tls_sink.messages == []
    [row] = notifications(engine)
    assert "SMTPAuthenticationError" in row["error"]
    assert "wrong-pass-9f8e7d" not in str(row) and "wrong-pass-9f8e7d" not in caplog.text


def test_untrusted_certificate_fails_and_is_recorded(engine, db_url, workdir, monkeypatch, smtp_tls_sink):
    monkeypatch.setenv("SMTP_PASSWORD", smtp_tls_sink.password)
    cfg = mail_channel(smtp_tls_sink, starttls=True, username=smtp_tls_sink.username, password_secret="SMTP_PASSWORD")
    s = settings(db_url, {"mail": cfg}, [])
    error = send_test(engine, s, "mail", NOW)
    assert error and "CERTIFICATE_VERIFY_FAILED" in error
    assert smtp_tls_sink.logins == [] and notifications(engine)[0]["status"] == "failed"


def test_password_is_never_sent_without_tls(engine, db_url, workdir, monkeypatch, smtp_sink):
    monkeypatch.setenv("SMTP_PASSWORD", "plain-pass-123")
    cfg = mail_channel(smtp_sink, username="u", password_secret="SMTP_PASSWORD")
    error = send_test(engine, settings(db_url, {"mail": cfg}, []), "mail", NOW)
    assert "without TLS" in error and smtp_sink.messages == []


def test_report_mail_carries_the_pdf(engine, db_url, workdir, smtp_sink):
    s = settings(db_url, {"mail": mail_channel(smtp_sink, to=["exec@example.org"])}, [])
    pdf = b"%PDF-1.4 fake weekly snapshot\n%%EOF"
    error = send_report_email(engine, s, "mail", key="snapshot:2026-W46", subject="[Lawine] Weekly snapshot 2026-W46",
                              text="See attachment.", html="<h1>Week 46</h1>",
                              attachments=[Attachment("lawine-snapshot-2026-W46.pdf", pdf, "application/pdf")],
                              now=NOW)
    assert error is None
    [(_, msg)] = smtp_sink.messages
    [att] = list(msg.iter_attachments())
    assert att.get_filename() == "lawine-snapshot-2026-W46.pdf" and att.get_content_type() == "application/pdf"
    assert att.get_content() == pdf
    assert msg.get_body(("html",)).get_content().strip() == "<h1>Week 46</h1>"
    assert [(r["dedupe_key"], r["status"]) for r in notifications(engine)] == [("snapshot:2026-W46", "sent")]


def test_snapshot_mail_needs_an_email_channel(db_url, workdir):
    s = settings(db_url, {"chat": {"type": "slack", "url_secret": "X"}}, [])
    with pytest.raises(SnapshotMailError, match="email channel"):
        send_report_email(None, s, "chat", key="k", subject="s", text="t", html=None, attachments=[])
    assert week_label("last", s, NOW) == "2026-W46" and week_label("this", s, NOW) == "2026-W47"


def test_snapshot_email_end_to_end(engine, db_url, workdir, smtp_sink):
    require("chromium")  # the PDF is printed by Chromium
    from lawine.alerts.snapshot_mail import send_snapshot_email

    s = settings(db_url, {"mail": mail_channel(smtp_sink)}, [])
    assert send_snapshot_email(s, "last", "mail", engine=engine, now=NOW) is None
    assert send_snapshot_email(s, "last", "mail", engine=engine, now=NOW) is None  # once per week
    [(_, msg)] = smtp_sink.messages
    [att] = list(msg.iter_attachments())
    assert att.get_content().startswith(b"%PDF")


def test_rendered_snapshot_is_mailed_once_per_week(engine, db_url, workdir, smtp_sink):
    from lawine.alerts.snapshot_mail import mail_rendered_snapshot

    s = settings(db_url, {"mail": mail_channel(smtp_sink)}, [])
    assert mail_rendered_snapshot(s, "mail", "2026-W46", "<p>w</p>", b"%PDF-x", engine, NOW) == \
        "mailed 2026-W46 to mail"
    assert mail_rendered_snapshot(s, "mail", "2026-W46", "<p>w</p>", b"%PDF-x", engine, NOW) == \
        "2026-W46 was already mailed to mail; nothing sent"
    assert mail_rendered_snapshot(s, "mail", "2026-W46", "<p>w</p>", b"%PDF-x", engine, NOW, force=True) == \
        "mailed 2026-W46 to mail"
    assert len(smtp_sink.messages) == 2
    # A week object names its own Monday to Sunday (in Berlin its start is Sunday 23:00 UTC).
    mail_rendered_snapshot(s, "mail", parse_week("2026-W46"), "<p>w</p>", b"%PDF-x", engine, NOW, True, "de")
    body = smtp_sink.messages[-1][1].get_body(("plain",)).get_content()
    assert "(09.11.2026 bis 15.11.2026)" in body
    s.alerts.channels["mail"].smtp_port = 9  # nothing listens there
    with pytest.raises(SnapshotMailError, match="mailing 2026-W47 to mail failed: ConnectionRefusedError"):
        mail_rendered_snapshot(s, "mail", "2026-W47", "<p>w</p>", b"%PDF-x", engine, NOW)
