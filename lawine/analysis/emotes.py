"""Valence of emoticons and emoji, language-independent, on VADER's -4..4 scale."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

# Hand-set values for the emoticons and emoji that dominate German-language tweets; VADER
# scores emoji through their English descriptions, which gets some of them wrong
# ("face with tears of joy" mixes tears and joy; "see-no-evil monkey" is playful, not evil).
_EMOTE = {
    ":)": 2.0, ":-)": 2.0, "(:": 2.0, "=)": 2.0, ":]": 1.8, ":D": 2.3, ":-D": 2.3, "=D": 2.3,
    ";)": 1.2, ";-)": 1.2, ";D": 1.8, ":P": 1.4, ":-P": 1.4, ":p": 1.4, ";P": 1.4, ":*": 2.2,
    ":-*": 2.2, "<3": 2.3, "xD": 2.3, "XD": 2.3, "xd": 2.0, "^^": 1.6, "^_^": 2.0, ":'D": 2.3,
    ":))": 2.4, ":)))": 2.6, ":DD": 2.6, ";))": 1.6,
    ":(": -2.0, ":-(": -2.0, "):": -1.8, "=(": -2.0, ":'(": -2.4, ":((": -2.4, ":/": -1.3,
    ":-/": -1.3, ":\\": -1.3, "-.-": -1.5, "-_-": -1.5, ":|": -0.7, "D:": -1.8, ">:(": -2.6,
    ":-|": -0.7, "</3": -2.2, ":o": -0.3, ":O": -0.3, ":3": 1.8, "^.^": 2.0, "^-^": 2.0, "(-;": 1.2,
    "(;": 1.2, ";o)": 1.5, ":o)": 1.8, "\\o/": 2.2, "*g*": 1.2, "*gg*": 1.4, "x'D": 2.3, "X'D": 2.3,
    "*A*": 1.6, ";-;": -1.8, ";_;": -1.8, "T_T": -1.8, "TT": -1.0, ":-X": -0.5, "o.O": -0.3, "O.o": -0.3,
    "o_O": -0.3, "O_o": -0.3, ">.<": -0.8, ">_<": -0.8, "-,-": -1.3, "=/": -1.3, ":c": -1.6,
    "😂": 1.9, "🤣": 2.0, "😊": 2.2, "😀": 2.1, "😃": 2.1, "😄": 2.2, "😁": 2.1, "😆": 2.0,
    "😉": 1.4, "😍": 2.8, "🥰": 2.8, "😘": 2.4, "😗": 1.6, "😚": 2.0, "☺": 2.0, "🙂": 1.5,
    "😋": 1.9, "😎": 1.8, "😜": 1.5, "😝": 1.5, "😛": 1.4, "🤗": 2.2, "🙈": 0.8, "🙊": 0.6,
    "❤": 2.6, "💕": 2.6, "💖": 2.6, "💗": 2.5, "💓": 2.5, "💘": 2.4, "💙": 2.3, "💚": 2.3,
    "💛": 2.3, "💜": 2.3, "🖤": 1.5, "♥": 2.5, "😻": 2.6, "👍": 1.9, "👌": 1.7, "👏": 2.0,
    "🙌": 2.1, "💪": 1.7, "🎉": 2.3, "🎊": 2.2, "✨": 1.2, "🌞": 1.6, "☀": 1.3, "🍀": 1.5,
    "🔥": 1.0, "💯": 1.8, "🙏": 1.2, "😇": 1.9, "🥳": 2.5, "⭐": 1.4, "🌟": 1.6, "✌": 1.3,
    "😭": -1.6, "😢": -2.2, "😥": -1.8, "😞": -2.2, "😔": -2.0, "😟": -1.9, "😕": -1.4,
    "🙁": -1.7, "☹": -2.0, "😩": -1.9, "😫": -1.9, "😖": -2.0, "😣": -1.8, "😒": -1.8,
    "🙄": -1.6, "😑": -1.2, "😐": -0.6, "😤": -2.0, "😠": -2.6, "😡": -2.9, "🤬": -3.2,
    "👎": -2.0, "💔": -2.5, "😱": -1.5, "😨": -1.8, "😰": -1.8, "😓": -1.5, "😪": -1.2,
    "😴": -0.3, "🤢": -2.4, "🤮": -2.8, "💩": -2.0, "😷": -1.2, "🤦": -1.9, "😬": -0.8,
    "😳": -0.5, "😏": 0.3, "🤔": -0.2, "🖕": -3.0,
}
# Skin-tone modifiers and variation selectors only decorate the emoji before them.
_DECORATION = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F\u200d]")
_EMOJI_CHAR = re.compile(
    "[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2764\u2665\u263A\u2639]"
)


@lru_cache(maxsize=1)
def _vader_emoji() -> dict[str, str]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().emojis


@lru_cache(maxsize=4096)
def emoji_valence(char: str) -> float:
    """Valence of one emoji character: hand-set table first, else VADER's description of it."""
    if char in _EMOTE:
        return _EMOTE[char]
    description = _vader_emoji().get(char)
    if not description:
        return 0.0
    from lawine.analysis.sentiment_en import raw_valence_en

    # Descriptions are neutral nouns mostly ("train", "cat face"); keep only clear signals.
    raw = raw_valence_en(description)
    return max(-2.5, min(2.5, raw))


_REPEATS = re.compile(r"(.)\1+")
_EMOTE_START = frozenset(":;=8(<^>-*TD")


def emoticon_valence(token: str) -> Optional[float]:
    """Valence of an ASCII emoticon token such as ':-)' or 'xD', or None if it is not one."""
    value = _EMOTE.get(token)
    if value is None and 2 < len(token) <= 16 and (
            (token[0] in _EMOTE_START and not token.isalpha()) or token[:2] in ("xD", "XD")):
        # ":(((((" and ":DDDD" mean ":(" and ":D", only more so.
        short = _REPEATS.sub(r"\1", token)
        value = _EMOTE.get(short)
        if value is not None:
            value += 0.5 if value > 0 else -0.5
    return value


def emoji_in(token: str) -> list[float]:
    """Valences of all emoji inside `token` (a word may carry several glued together)."""
    if not _EMOJI_CHAR.search(token):
        return []
    return [emoji_valence(c) for c in _EMOJI_CHAR.findall(_DECORATION.sub("", token))]
