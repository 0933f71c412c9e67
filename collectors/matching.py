"""Which brand a text is about (keywords, exclusions, languages) and which accounts are our own."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from lawine.config import Brand


def normalise_handle(handle: str) -> str:
    """'@KestrelAir' -> 'kestrelair'; '@care@mastodon.social' -> 'care@mastodon.social'."""
    return handle.strip().lstrip("@").lower()


def _pattern(term: str) -> str:
    # Whole words only ("Kestrel" must not match "Kestrels"), and a space in a keyword also
    # matches no space, '-' or '_' so "Kestrel Air" finds "#KestrelAir" and "kestrel-air".
    words = [re.escape(w) for w in term.strip().split()]
    return r"(?<!\w)" + r"[\s_-]*".join(words) + r"(?!\w)"


def compile_terms(terms: Iterable[str]) -> Optional[re.Pattern]:
    parts = [_pattern(t) for t in terms if t and t.strip()]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


@dataclass
class _BrandRule:
    brand: Brand
    include: Optional[re.Pattern]
    exclude: Optional[re.Pattern]
    languages: frozenset[str]


class BrandMatcher:
    """Finds the brand a text mentions, in config order; our handles count as keywords."""

    def __init__(self, brands: Iterable[Brand], network: Optional[str] = None) -> None:
        self.rules: list[_BrandRule] = []
        for b in brands:
            handles = [f"@{normalise_handle(h)}" for h in b.handles.get(network, [])] if network else []
            self.rules.append(_BrandRule(
                brand=b, include=compile_terms([*b.keywords, *handles]), exclude=compile_terms(b.exclude),
                languages=frozenset(lang.lower() for lang in b.languages)))

    def rule(self, name: str) -> Optional[_BrandRule]:
        return next((r for r in self.rules if r.brand.name == name), None)

    def allowed(self, name: str, text: str, lang: Optional[str]) -> bool:
        """True unless an exclusion matches or the language is known and not one the brand watches."""
        r = self.rule(name)
        if r is None:
            return True
        if r.exclude is not None and r.exclude.search(text or ""):
            return False
        base = (lang or "").split("-")[0].lower()
        return not (base and r.languages and base not in r.languages)

    def matches(self, name: str, text: str, lang: Optional[str] = None) -> bool:
        r = self.rule(name)
        return bool(r and r.include is not None and r.include.search(text or "")
                    and self.allowed(name, text, lang))

    def match(self, text: str, lang: Optional[str] = None, prefer: Iterable[str] = ()) -> Optional[str]:
        """The first brand (preferred ones first) whose keywords appear and whose rules allow the text."""
        order = [*prefer, *(r.brand.name for r in self.rules)]
        for name in dict.fromkeys(order):
            if self.matches(name, text, lang):
                return name
        return None


class OwnAccounts:
    """Our handles per network -> brand, compared on raw handles before anyone is pseudonymised."""

    def __init__(self, brands: Iterable[Brand]) -> None:
        self._by_network: dict[str, dict[str, str]] = {}
        for b in brands:
            for network in {*b.handles, *b.marketing_pages}:
                accounts = [*b.handles.get(network, []), *b.marketing_pages.get(network, [])]
                for h in accounts:
                    self._by_network.setdefault(network, {}).setdefault(normalise_handle(h), b.name)

    def brand_of(self, network: str, *handles: Optional[str]) -> Optional[str]:
        """The brand owning any of the given handles/ids on that network, else None."""
        known = self._by_network.get(network, {})
        for h in handles:
            if h and normalise_handle(str(h)) in known:
                return known[normalise_handle(str(h))]
        return None

    def handles(self, network: str, brand: Optional[str] = None) -> list[str]:
        return [h for h, b in self._by_network.get(network, {}).items() if brand is None or b == brand]

    def add(self, network: str, handle: str, brand: str) -> None:
        """Learn an own account at run time (e.g. the account behind a token, or a page's username)."""
        self._by_network.setdefault(network, {}).setdefault(normalise_handle(handle), brand)
