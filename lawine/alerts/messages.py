"""Alert messages: subject, plain text, e-mail HTML, Slack Block Kit, Teams Adaptive Card, webhook JSON."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Optional

from lawine.alerts.rules import Alert
from lawine.i18n import t, t_or

PREFIX = "[Lawine] "
MAX_SECTIONS = 10  # Slack allows 50 blocks; ten alerts with four blocks each stay well below


@dataclass
class Attachment:
    filename: str
    content: bytes
    mime: str = "application/octet-stream"


@dataclass
class Section:
    """One alert inside a message."""

    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    quote: Optional[str] = None
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    data: dict = field(default_factory=dict)  # machine-readable copy for webhooks


@dataclass
class Message:
    subject: str
    intro: str = ""
    sections: list[Section] = field(default_factory=list)
    kind: str = "alert"  # alert | bundle | digest | update | test | report
    link: Optional[str] = None
    notify: list[str] = field(default_factory=list)  # people named in chat messages (rule.deliver_to)
    stored_body: Optional[str] = None  # retries and digests re-send the logged plain text
    html_body: Optional[str] = None  # a ready HTML document (the weekly snapshot)
    attachments: list[Attachment] = field(default_factory=list)
    lang: str = "en"  # of our own words around the alerts ("For", "Open in Lawine")

    @property
    def is_update(self) -> bool:
        return self.kind == "update"

    def text(self) -> str:
        """The plain-text body; also what the notifications log stores."""
        if self.stored_body is not None:
            return self.stored_body
        lines = [self.subject]
        if self.notify:
            lines.append(self.for_line())
        if self.intro:
            lines.append(self.intro)
        for s in self.sections:
            lines += ["", s.title]
            lines += [f"  {label}: {value}" for label, value in s.facts]
            if s.quote:
                lines.append(f'  "{s.quote}"')
            lines += [f"  {label}: {url}" for label, url in s.links]
        if self.show_footer_link:
            lines += ["", f"{self.open_label}: {self.link}"]
        return "\n".join(lines)

    def for_line(self) -> str:
        """Who the message is for: "For: Ana, Ben"."""
        return f"{t('al_for', self.lang)}: {', '.join(self.notify)}"

    @property
    def open_label(self) -> str:
        return t("al_open_lawine", self.lang)

    @property
    def show_footer_link(self) -> bool:
        """The general dashboard link, unless each alert already carries its own."""
        return bool(self.link) and not any(s.links for s in self.sections)

    def html(self) -> str:
        return self.html_body if self.html_body is not None else render_html(self)


# --- building messages -----------------------------------------------------------

def _section(alert: Alert, lang: str = "en") -> Section:
    links = [(label, url) for label, url in ((t("al_open_lawine", lang), alert.link),
                                             (t("al_open_post", lang), alert.post_url)) if url]
    data = {"key": alert.key, "type": alert.type, "brand": alert.brand, "title": alert.title,
            "at_ts": alert.at_ts, "score": alert.score, "facts": dict(alert.facts), "quote": alert.quote,
            "link": alert.link, "post_url": alert.post_url, "update": alert.is_update}
    return Section(alert.title, list(alert.facts), alert.quote, links, data)


def for_alert(alert: Alert, lang: str = "en") -> Message:
    """One alert; its title and facts are already in `lang` (rules.find_alerts)."""
    kind = "update" if alert.is_update else "alert"
    return Message(subject=PREFIX + alert.title, sections=[_section(alert, lang)], kind=kind, link=alert.link,
                   lang=lang)


def for_bundle(alerts: list[Alert], lang: str = "en") -> Message:
    """Several new alerts of one type found in the same run: one message instead of a burst."""
    type_ = alerts[0].type
    name = t_or(f"al_plural_{type_}", lang, type_)
    brands = sorted({a.brand for a in alerts})
    subject = PREFIX + t("al_bundle", lang, n=len(alerts), name=name, brands=", ".join(brands))
    shown = alerts[:MAX_SECTIONS]
    intro = "" if len(alerts) == len(shown) else t("al_showing", lang, shown=len(shown), n=len(alerts))
    return Message(subject=subject, intro=intro, sections=[_section(a, lang) for a in shown], kind="bundle",
                   link=alerts[0].link, lang=lang)


def for_digest(rule_name: str, items: list[tuple[str, str]], link: str, lang: str = "en") -> Message:
    """Alerts held back during quiet hours, as one message; items are logged (subject, body) pairs."""
    one = "_one" if len(items) == 1 else ""
    parts = [t(f"al_digest_intro{one}", lang, n=len(items), rule=rule_name)]
    for i, (subject, body) in enumerate(items, 1):
        parts += ["", f"--- {i}. {subject.removeprefix(PREFIX)}", body]
    subject = PREFIX + t(f"al_digest_subject{one}", lang, n=len(items))
    return Message(subject=subject, kind="digest", link=link, stored_body="\n".join(parts), lang=lang)


def stored(subject: str, body: str, kind: str = "alert", lang: str = "en") -> Message:
    """A logged message rebuilt for a retry: the plain text is the whole content."""
    return Message(subject=subject, kind=kind, stored_body=body, lang=lang)


def probe_message(channel: str, dashboard_url: str, lang: str = "en") -> Message:
    return Message(subject=PREFIX + t("al_test_subject", lang, channel=channel), kind="test", link=dashboard_url,
                   intro=t("al_test_intro", lang),
                   sections=[Section(t("al_test", lang), [(t("al_channel", lang), channel)])], lang=lang)


# --- renderers -------------------------------------------------------------------

def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def render_html(msg: Message) -> str:
    """E-mail HTML; every piece of text is escaped, so a post cannot inject markup."""
    out = ['<!doctype html><html><body style="font-family:Arial,sans-serif;color:#1d1d1f">',
           f"<h2>{_esc(msg.subject.removeprefix(PREFIX))}</h2>"]
    if msg.notify:
        out.append(f"<p>{_esc(msg.for_line())}</p>")
    if msg.stored_body is not None:
        out.append(f'<pre style="white-space:pre-wrap;font-family:inherit">{_esc(msg.stored_body)}</pre>')
    if msg.intro:
        out.append(f"<p>{_esc(msg.intro)}</p>")
    for s in msg.sections:
        out.append(f"<h3>{_esc(s.title)}</h3>")
        if s.facts:
            rows = "".join(f'<tr><th align="left" style="padding-right:12px">{_esc(k)}</th><td>{_esc(v)}</td></tr>'
                           for k, v in s.facts)
            out.append(f"<table>{rows}</table>")
        if s.quote:
            out.append(f'<blockquote style="border-left:3px solid #ccc;margin:8px 0;padding-left:8px">'
                       f"{_esc(s.quote)}</blockquote>")
        out += [f'<p><a href="{_esc(url)}">{_esc(label)}</a></p>' for label, url in s.links]
    if msg.show_footer_link:
        out.append(f'<p><a href="{_esc(msg.link)}">{_esc(msg.open_label)}</a></p>')
    out.append("</body></html>")
    return "\n".join(out)


def _mrkdwn(text: str) -> str:
    # Slack's three control characters; escaping them also defuses <!channel> and <url|label>.
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain(text: str, limit: int = 2900) -> dict:
    return {"type": "plain_text", "text": text[:limit] or " ", "emoji": False}


def slack_payload(msg: Message) -> dict:
    """Block Kit for an incoming webhook (no thread_ts there, so updates say so in the text)."""
    blocks: list[dict] = [{"type": "header", "text": _plain(msg.subject.removeprefix(PREFIX), 150)}]
    if msg.notify:
        blocks.append({"type": "context", "elements": [_plain(msg.for_line())]})
    if msg.intro:
        blocks.append({"type": "section", "text": _plain(msg.intro)})
    if msg.stored_body is not None:
        for i in range(0, min(len(msg.stored_body), 2900 * 10), 2900):
            blocks.append({"type": "section", "text": _plain(msg.stored_body[i:i + 2900])})
    for s in msg.sections:
        block: dict = {"type": "section", "text": {"type": "mrkdwn", "text": f"*{_mrkdwn(s.title)}*"}}
        if s.facts:
            block["fields"] = [{"type": "mrkdwn", "text": f"*{_mrkdwn(k)}*\n{_mrkdwn(v)}"[:2000]}
                               for k, v in s.facts[:10]]
        blocks.append(block)
        if s.quote:
            # plain_text: a post's *markup* and @mentions stay inert.
            blocks.append({"type": "context", "elements": [_plain(s.quote)]})
        if s.links:
            blocks.append({"type": "actions", "elements": [
                {"type": "button", "text": _plain(label, 75), "url": url[:3000]} for label, url in s.links]})
        blocks.append({"type": "divider"})
    if msg.show_footer_link:
        blocks.append({"type": "actions", "elements": [
            {"type": "button", "text": _plain(msg.open_label, 75), "url": msg.link[:3000]}]})
    # Update titles start with "Update:" already: incoming webhooks cannot thread, so the text says it.
    return {"text": _mrkdwn(msg.subject.removeprefix(PREFIX)), "blocks": blocks[:50]}


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def _md(text: str) -> str:
    """Teams cards read Markdown: escape it so posts show literally; '<' and '&' as entities."""
    return _MD_SPECIAL.sub(r"\\\1", str(text).replace("&", "&amp;").replace("<", "&lt;"))


def teams_payload(msg: Message) -> dict:
    """An Adaptive Card message, as Teams Workflows ('Post to a channel when a webhook request is received') expect."""
    body: list[dict] = [{"type": "TextBlock", "text": _md(msg.subject.removeprefix(PREFIX)), "weight": "Bolder",
                         "size": "Medium", "wrap": True}]
    for text in ([msg.for_line()] if msg.notify else []) + ([msg.intro] if msg.intro else []):
        body.append({"type": "TextBlock", "text": _md(text), "wrap": True})
    if msg.stored_body is not None:
        body.append({"type": "TextBlock", "text": _md(msg.stored_body[:20000]), "wrap": True})
    actions = []
    for s in msg.sections:
        body.append({"type": "TextBlock", "text": _md(s.title), "weight": "Bolder", "wrap": True,
                     "separator": True})
        if s.facts:
            body.append({"type": "FactSet", "facts": [{"title": _md(k), "value": _md(v)} for k, v in s.facts]})
        if s.quote:
            body.append({"type": "TextBlock", "text": _md(s.quote), "isSubtle": True, "wrap": True})
        actions += [{"type": "Action.OpenUrl", "title": label, "url": url} for label, url in s.links]
    if msg.link and not actions:
        actions.append({"type": "Action.OpenUrl", "title": msg.open_label, "url": msg.link})
    card = {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
            "version": "1.4", "body": body, "actions": actions[:6]}
    return {"type": "message", "attachments": [
        {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}]}


def webhook_payload(msg: Message, sent_ts: int, thread: Optional[str] = None) -> dict:
    """Generic JSON: the text for humans plus each alert's fields for machines."""
    return {"kind": msg.kind, "subject": msg.subject, "text": msg.text(), "update": msg.is_update,
            "thread": thread, "link": msg.link, "notify": msg.notify, "sent_ts": sent_ts,
            "alerts": [s.data for s in msg.sections if s.data]}
