"""Run many regexes per text quickly: each pattern only runs when a word it needs occurs in the text."""
from __future__ import annotations

import re
import re._constants as _c  # the stdlib's own regex parser, used once per pattern at start-up
import re._parser as _p
from typing import Iterable, Optional, Sequence

# Python's re tries every branch of an alternation at every position, so 200 keyword
# patterns cost ~0.5 ms per post. Instead, each pattern gets "trigger" words derived from
# its parse tree (a match is impossible without one of them); a post is tokenised once,
# and only patterns whose trigger occurs are run. Results are identical to running all.

_WORD_CHARS = re.compile(r"\w+")
# An upper-case letter that is not an escape such as \\S, \\W, \\D, \\B, \\A or \\Z.
_HAS_UPPER = re.compile(r"(?:^|[^\\])(?:\\\\)*[A-ZÄÖÜ]")
_MAX_PREFIX = 16
_MIN_TRIGGER = 2


class Doc:
    """One text, lower-cased and tokenised once, shared by all pattern sets."""

    __slots__ = ("text", "low", "_hits", "_version")

    def __init__(self, text: str) -> None:
        if "\u2019" in text:
            text = text.replace("\u2019", "'")  # phones type "can’t": patterns are written with "'"
        self.text = text
        self.low = text.lower()
        self._hits: Optional[dict[int, set[int]]] = None
        self._version = -1

    def hits(self) -> dict[int, set[int]]:
        """pattern-set id -> ids of patterns whose trigger occurs in this text."""
        # Recomputed if a pattern set registered since (e.g. custom routing rules compiled late).
        if self._hits is None or self._version != _REGISTRY.version:
            self._version = _REGISTRY.version
            hits: dict[int, set[int]] = {}
            reg = _REGISTRY
            low = self.low
            cache = reg.token_cache
            for t in set(_WORD_CHARS.findall(low)):
                refs = cache.get(t)
                if refs is None:
                    refs = reg.refs_for(t)
                for sid, pid in refs:
                    hits.setdefault(sid, set()).add(pid)
            for needle, refs in _REGISTRY.by_substring.items():
                if needle in low:
                    for sid, pid in refs:
                        hits.setdefault(sid, set()).add(pid)
            self._hits = hits
        return self._hits


class _Registry:
    # Tokens repeat across posts (Zipf), so the trigger refs of each token are cached; the
    # cache is dropped whenever a new pattern set registers or it grows too large.
    CACHE_LIMIT = 200_000

    def __init__(self) -> None:
        self.token_cache: dict[str, tuple[tuple[int, int], ...]] = {}
        self.version = 0
        self.words: dict[str, list[tuple[int, int]]] = {}  # whole token -> (set id, pattern id)
        # first two letters -> [(prefix, refs)]
        self.prefixes: dict[str, list[tuple[str, list[tuple[int, int]]]]] = {}
        self.by_substring: dict[str, list[tuple[int, int]]] = {}
        self.next_id = 0

    def refs_for(self, token: str) -> tuple[tuple[int, int], ...]:
        refs: list[tuple[int, int]] = list(self.words.get(token, ()))
        # Prefix triggers are bucketed by their first three letters (two-letter ones by two).
        for bucket in (self.prefixes.get(token[:3]), self.prefixes.get(token[:2])):
            if bucket:
                for prefix, prefix_refs in bucket:
                    if token.startswith(prefix):
                        refs.extend(prefix_refs)
        result = tuple(refs)
        if len(self.token_cache) >= self.CACHE_LIMIT:
            self.token_cache.clear()
        self.token_cache[token] = result
        return result

    def add(self, sid: int, pid: int, triggers: set[tuple[str, str]]) -> None:
        self.token_cache.clear()
        self.version += 1
        for kind, value in triggers:
            if kind == "word":
                self.words.setdefault(value, []).append((sid, pid))
            elif kind == "prefix":
                bucket = self.prefixes.setdefault(value[:3], [])
                for prefix, refs in bucket:
                    if prefix == value:
                        refs.append((sid, pid))
                        break
                else:
                    bucket.append((value, [(sid, pid)]))
            else:
                self.by_substring.setdefault(value, []).append((sid, pid))


_REGISTRY = _Registry()


class PatternSet:
    """Named regexes (case-insensitive) evaluated against a Doc via word triggers."""

    def __init__(self, patterns: Sequence[str], labels: Optional[Sequence[str]] = None, flags: int = re.I) -> None:
        # Case-insensitive matching in `re` is ~3x slower than matching lower-case text with a
        # lower-case pattern, so patterns without upper-case letters run on Doc.low instead.
        self.patterns = []
        self.on_low = []
        for p in patterns:
            lower_only = bool(flags & re.I) and not _HAS_UPPER.search(p)
            self.patterns.append(re.compile(p, (flags & ~re.I) if lower_only else flags))
            self.on_low.append(lower_only)
        self.labels = list(labels) if labels is not None else [""] * len(self.patterns)
        self.label_order = {label: i for i, label in enumerate(dict.fromkeys(self.labels))}
        self.sid = _REGISTRY.next_id
        _REGISTRY.next_id += 1
        self.always: list[int] = []  # patterns without a usable trigger run on every text
        for pid, pattern in enumerate(patterns):
            triggers = triggers_of(pattern, flags)
            if triggers is None:
                self.always.append(pid)
            else:
                _REGISTRY.add(self.sid, pid, triggers)

    def _candidates(self, doc: Doc) -> Iterable[int]:
        hit = doc.hits().get(self.sid)
        if not hit:
            return self.always
        return sorted(hit.union(self.always)) if self.always else sorted(hit)

    def _subject(self, doc: Doc, i: int) -> str:
        return doc.low if self.on_low[i] else doc.text

    def may_match(self, doc: Doc) -> bool:
        """Whether any pattern could match (a trigger occurs); does not run the patterns."""
        return bool(self.always) or bool(doc.hits().get(self.sid))

    def search(self, doc: Doc) -> bool:
        return any(self.patterns[i].search(self._subject(doc, i)) for i in self._candidates(doc))

    def count(self, doc: Doc) -> int:
        """Number of matches over all patterns (each pattern counted separately)."""
        return sum(len(self.patterns[i].findall(self._subject(doc, i))) for i in self._candidates(doc))

    def counts_by_label(self, doc: Doc) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in self._candidates(doc):
            n = len(self.patterns[i].findall(self._subject(doc, i)))
            if n:
                out[self.labels[i]] = out.get(self.labels[i], 0) + n
        return out


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def triggers_of(pattern: str, flags: int = re.I) -> Optional[set[tuple[str, str]]]:
    """Words at least one of which every match must contain, or None when none can be derived."""
    try:
        parsed = _p.parse(pattern, flags)
    except re.error:
        return None
    return _walk(list(parsed), False)[0]


_NON_WORD_CATEGORIES = {_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD, _c.CATEGORY_NOT_DIGIT}


def _class_is_non_word(items: list) -> bool:
    # [.!?], \s, \W: a character from it is a word boundary for what follows.
    for op, arg in items:
        if op is _c.LITERAL and not _is_word(chr(arg)):
            continue
        if op is _c.CATEGORY and arg in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD):
            continue
        return False
    return True


def _starts_bounded(seq: list, k: int, end_bounded: bool) -> bool:
    """Does whatever follows item k start with a word boundary (\\b, $, a non-word character)?"""
    if k + 1 >= len(seq):
        return end_bounded
    op, arg = seq[k + 1]
    if op is _c.AT:
        return arg in (_c.AT_BOUNDARY, _c.AT_END, _c.AT_END_STRING)
    if op is _c.LITERAL:
        return not _is_word(chr(arg))
    if op is _c.IN:
        return _class_is_non_word(arg)
    if op is _c.CATEGORY:
        return arg in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD)
    return False


def _walk(seq: list, start_bounded: bool, end_bounded: bool = False) -> tuple[Optional[set[tuple[str, str]]], bool]:
    """(best trigger set, whether the sequence ends at a word boundary) for parse items.

    Tracks whether each literal run starts/ends at a word boundary (\\b, ^, $ or a non-word
    character), so triggers can be whole tokens or token prefixes; a run that may start
    mid-word ("liefer" inside "Paketlieferung") can only be a substring trigger.
    """
    candidates: list[set[tuple[str, str]]] = []
    run: list[str] = []
    run_start_bounded = False
    bounded = start_bounded  # is what precedes the next character a known word boundary?

    def close_run(end_bounded: bool) -> None:
        nonlocal run
        if run:
            candidates.append({_trigger("".join(run), run_start_bounded, end_bounded)})
        run = []

    for k, (op, arg) in enumerate(seq):
        if op is _c.LITERAL:
            ch = chr(arg).lower()
            if _is_word(ch):
                if not run:
                    run_start_bounded = bounded
                run.append(ch)
                bounded = False
            else:
                close_run(True)
                bounded = True
            continue
        if op is _c.AT:
            close_run(arg in (_c.AT_BOUNDARY, _c.AT_END, _c.AT_END_STRING))
            bounded = arg in (_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING) or bounded
            continue
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # lookarounds consume nothing
        if op is _c.IN:
            non_word = _class_is_non_word(arg)
            close_run(non_word)
            bounded = non_word
            continue
        if op is _c.CATEGORY:
            non_word = arg in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD)
            close_run(non_word)
            bounded = non_word
            continue
        close_run(False)
        sub: Optional[set[tuple[str, str]]] = None
        then_bounded = _starts_bounded(seq, k, end_bounded)
        if op is _c.SUBPATTERN:
            sub, bounded = _walk(list(arg[-1]), bounded, then_bounded)
        elif op is _c.BRANCH:
            union: set[tuple[str, str]] = set()
            ends = []
            complete = True
            for branch in arg[1]:
                found, end = _walk(list(branch), bounded, then_bounded)
                ends.append(end)
                if found is None:
                    complete = False
                elif complete:
                    union |= found
            sub = union if complete and union else None
            bounded = all(ends)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            found, end = _walk(list(arg[2]), bounded, False)
            if arg[0] >= 1:
                sub = found
                bounded = end
            else:
                bounded = bounded and end  # skipped or taken: bounded only if both are
        else:
            bounded = False
        if sub:
            candidates.append(sub)
    close_run(end_bounded)
    # One-letter triggers are only useful as whole tokens: "t" is the tail of every "n't".
    usable = [c for c in candidates if all(len(v) >= _MIN_TRIGGER or k == "word" for k, v in c)]
    if not usable:
        return None, bounded
    # Prefer word/prefix triggers (a dict lookup) over substrings, then the most selective.
    best = max(usable, key=lambda c: (all(k != "substring" for k, _v in c),
                                      min(len(v) for _k, v in c), -len(c)))
    return best, bounded


def _trigger(text: str, start_bounded: bool, end_bounded: bool) -> tuple[str, str]:
    if start_bounded and end_bounded:
        return ("word", text)
    if start_bounded:
        return ("prefix", text[:_MAX_PREFIX])
    # Starts mid-word ("liefer" inside "Paketlieferung"): only a substring test is safe.
    return ("substring", text)
