"""Plain text from the HTML that feeds and Mastodon deliver."""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("p", "div", "li"):
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Tags dropped, paragraphs kept as blank lines, entities decoded."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    text = unescape("".join(parser.parts))
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
