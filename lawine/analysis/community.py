"""Spot customer questions that another customer has already answered in the thread."""
from __future__ import annotations

import re

from lawine.analysis.intent import is_question
from lawine.model import Mention

# Answer-like content: instructions, links, pointers, "it worked for me" (EN + DE).
_ANSWER = re.compile(
    r"https?://|www\.|\b(?:try|tried|you (?:need|have|must|should|can|could)|you'?ll need|go to|goto|click|tap|"
    r"open|select|settings|navigate|check (?:your|the|out)|make sure|just|simply|worked for me|works for me|"
    r"i (?:had|did) the same|same (?:thing|issue) happened|call them|contact|dm them|restart|reinstall|"
    r"clear (?:your )?cache|log out|update (?:the|your)|it'?s (?:under|in)|it is (?:under|in)|"
    r"hast du (?:schon )?(?:mal )?|musst du|du musst|kannst du|du kannst|einfach|versuch|probier|geh (?:auf|zu|in)|"
    r"klick|tipp auf|unter einstellungen|einstellungen|neu starten|neustarten|ruf (?:da|die|dort) an|"
    r"bei mir hat|hat bei mir|funktioniert bei mir|ging bei mir|melde dich|schreib (?:denen|ihnen))\b",
    re.I,
)


def looks_like_answer(text: str) -> bool:
    """A reply that is not itself a question and contains instructions, a link or a pointer."""
    return not is_question(text) and bool(_ANSWER.search(text))


def mark_community_answers(mentions: list[Mention]) -> list[Mention]:
    """Copies of `mentions` where questions answered by another customer have answered_by_community=True."""
    by_parent: dict[str, list[Mention]] = {}
    by_thread: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.parent_id:
            by_parent.setdefault(m.parent_id, []).append(m)
        if m.thread_id:
            by_thread.setdefault(m.thread_id, []).append(m)
    out = []
    for m in mentions:
        if m.is_own or m.answered_by_community or not _is_question(m):
            out.append(m)
            continue
        # Direct replies, and (in flat comment sections) later comments in the thread that
        # address the asker by @name.
        candidates = list(by_parent.get(m.id, []))
        handles = {f"@{h.lower()}" for h in (m.author_name, m.author_id) if h}
        candidates += [r for r in by_thread.get(m.thread_id or "", [])
                       if r.parent_id != m.id and any(h in r.text.lower() for h in handles)]
        answered = any(
            not r.is_own
            and r.author_id != m.author_id
            and r.created_at > m.created_at
            and looks_like_answer(r.text)
            for r in candidates
        )
        out.append(m.model_copy(update={"answered_by_community": True}) if answered else m)
    return out


def _is_question(m: Mention) -> bool:
    # Trust the analysis when it ran (a complaint phrased as a question counts: other
    # customers often know the fix); otherwise fall back to the question form of the text.
    if m.intent is None:
        return is_question(m.text)
    return m.intent == "question" or (m.intent == "complaint" and is_question(m.text))
