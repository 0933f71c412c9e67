"""Deterministic synthetic mentions: customers post, we answer (or not), others pile on."""
from __future__ import annotations

import bisect
import string
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timezone
from typing import Iterator, Optional

import numpy as np

from lawine.business_hours import BusinessCalendar
from lawine.demo import templates as T
from lawine.demo.schedule import DAY, HOUR, Episode, episode_times, episodes, hourly_weights
from lawine.model import Mention
from lawine.privacy import pseudonymise

DEMO_KEY = b"lawine-demo"  # fixed so the same seed gives the same author ids
SOURCES = np.array(["x", "facebook", "reddit", "instagram", "mastodon", "bluesky", "rss"])
SOURCE_P = np.array([0.34, 0.22, 0.14, 0.10, 0.07, 0.08, 0.05])
KIND_P = {"complaint": 0.24, "question": 0.18, "praise": 0.17, "neutral": 0.345,
          "sensitive": 0.015, "spam": 0.05}


@dataclass
class Row:
    """A mention being assembled; turned into a Mention once its replies are known."""

    id: str
    source: str
    brand: str
    kind: str
    ts: int
    text: str
    lang: str
    author: str
    is_own: bool = False
    parent: Optional[str] = None
    thread: Optional[str] = None
    marketing: bool = False
    template_kind: str = ""
    replies: int = 0


class DemoGenerator:
    def __init__(self, n: int = 50_000, days: int = 90, seed: int = 7, end: Optional[int] = None):
        if n < 200:
            raise ValueError("the demo needs at least 200 mentions")
        if days < 7:
            raise ValueError("the demo needs at least 7 days")
        self.n, self.days, self.seed = n, days, seed
        self.end = int(end if end is not None else datetime.now(timezone.utc).timestamp()) // 60 * 60
        self.start = self.end - days * DAY
        self.rng = np.random.default_rng(seed)
        self.brands = list(T.BRANDS)
        self.episodes = episodes(self.end, days, self.brands)
        self.calendar = BusinessCalendar()
        self.rows: list[Row] = []
        self._counter = 0
        self._pools: dict = {}

    # --- ids, authors, texts ------------------------------------------------
    def _id(self, source: str) -> str:
        self._counter += 1
        return f"{source}:demo{self.seed}-{self._counter:08d}"

    def _author(self, source: str) -> str:
        # Zipf-like: a few loud regulars, a long tail of one-time posters.
        idx = int(min(self.rng.zipf(1.6), self.n))
        return f"{source}_user{idx}"

    def _fill(self, template: T.Template, brand: str, source: str) -> str:
        info = T.BRANDS[brand]
        values = {k: T.SLOTS[k][int(self.rng.integers(len(T.SLOTS[k])))] for k in _slots(template.text)}
        values["brand"] = brand
        values["handle"] = info["handles"].get(source, info["handles"]["x"])
        return template.text.format(**values)

    def _pool(self, brand: str, kind: str, lang: str) -> list[T.Template]:
        key = (brand, kind, lang)
        if key not in self._pools:
            sector = T.BRANDS[brand]["sector"]
            pool = [t for t in T.CUSTOMER if t.kind == kind and t.lang == lang and t.sector in (sector, "any")]
            if not pool:
                pool = [t for t in T.CUSTOMER if t.kind == kind and t.sector in (sector, "any")]
            self._pools[key] = pool
        return self._pools[key]

    def _pick(self, pool: list[T.Template]) -> T.Template:
        return pool[int(self.rng.integers(len(pool)))]

    # --- generation -----------------------------------------------------------
    def generate(self) -> list[Row]:
        n_own = int(self.n * 0.22)
        n_side = int(self.n * 0.07)
        n_marketing = max(4, self.days * 2 // 7 * 2 * 2)  # ~2 a week per brand on FB + IG
        n_episode = sum(int(self.n * e.share) for e in self.episodes)
        n_roots = self.n - n_own - n_side - n_marketing - n_episode
        self._marketing_posts(n_marketing)
        self._roots(n_roots)
        for ep in self.episodes:
            self._episode(ep, int(self.n * ep.share))
        answered = self._own_replies(n_own)
        self._side_replies(self.n - len(self.rows), answered)
        self.rows.sort(key=lambda r: (r.ts, r.id))
        return self.rows

    def _marketing_posts(self, count: int) -> None:
        times = np.sort(self.rng.integers(self.start, self.end - 6 * HOUR, count))
        self.marketing: dict[tuple[str, str], list[Row]] = {}
        for i, ts in enumerate(times):
            brand = self.brands[i % 2]
            source = "facebook" if (i // 2) % 2 == 0 else "instagram"
            lang = T.BRANDS[brand]["main_lang"]
            tpl = self._pick([t for t in T.MARKETING_POST if t.lang == lang])
            row = Row(self._id(source), source, brand, "post", int(ts), tpl.text, lang,
                      T.BRANDS[brand]["handles"][source], is_own=True, template_kind="marketing")
            self.rows.append(row)
            self.marketing.setdefault((brand, source), []).append(row)
        self._marketing_ts = {k: [p.ts for p in v] for k, v in self.marketing.items()}

    def _roots(self, count: int) -> None:
        hours = self.days * 24
        offsets = np.array([self.calendar.tz.utcoffset(datetime.fromtimestamp(self.start + h * HOUR))
                            .total_seconds() for h in range(0, hours)], dtype=np.int64)
        weights = hourly_weights(self.start, hours, offsets)
        per_hour = self.rng.multinomial(count, weights / weights.sum())
        hour_idx = np.repeat(np.arange(hours), per_hour)
        times = self.start + hour_idx * HOUR + self.rng.integers(0, HOUR, count)
        brand_idx = (self.rng.random(count) < 0.45).astype(int)
        sources = self.rng.choice(SOURCES, count, p=SOURCE_P)
        kinds = self.rng.choice(list(KIND_P), count, p=list(KIND_P.values()))
        main_lang = self.rng.random(count) < 0.8
        for ts, b, source, kind, main in zip(times, brand_idx, sources, kinds, main_lang):
            brand = self.brands[b]
            lang = T.BRANDS[brand]["main_lang"] if main else ("de" if T.BRANDS[brand]["main_lang"] == "en" else "en")
            self._add_root(brand, str(source), self._pick(self._pool(brand, str(kind), lang)), int(ts))

    def _add_root(self, brand: str, source: str, tpl: T.Template, ts: int) -> Row:
        parent, marketing, kind = None, False, "post"
        posts = self.marketing.get((brand, source))
        if posts and source in ("facebook", "instagram"):
            # Most Facebook/Instagram traffic lands under our own marketing posts.
            before = bisect.bisect_left(self._marketing_ts[(brand, source)], ts)
            if before:
                parent, marketing, kind = posts[before - 1 - int(self.rng.integers(min(2, before)))], True, "comment"
        row = Row(self._id(source), source, brand, kind, ts, self._fill(tpl, brand, source), tpl.lang,
                  self._author(source), parent=parent.id if parent else None,
                  thread=parent.id if parent else None, marketing=marketing, template_kind=tpl.kind)
        if parent:
            parent.replies += 1
        self.rows.append(row)
        return row

    def _episode(self, ep: Episode, count: int) -> None:
        pool = getattr(T, ep.pool)
        cores = []
        for ts in episode_times(self.rng, ep, count):
            source = str(self.rng.choice(SOURCES[:6], p=SOURCE_P[:6] / SOURCE_P[:6].sum()))
            cores.append(self._add_root(ep.brand, source, self._pick(pool), int(ts)))
        ep.core = cores  # type: ignore[attr-defined]

    def inject(self, ep: Episode, count: int, agree_per_post: float = 0.0,
               agree_within_s: int = 6 * HOUR) -> list[Row]:
        """Add one more episode to a generated demo (for benchmarks): `count` posts from its
        pool between ep.start and ep.end, each drawing a Poisson(agree_per_post) number of
        agreeing replies from other customers within `agree_within_s`. Returns its posts."""
        if not self.rows:
            raise RuntimeError("inject() adds to a generated demo: call generate() first")
        self._episode(ep, count)
        for root in ep.core:  # type: ignore[attr-defined]
            for _ in range(int(self.rng.poisson(agree_per_post))):
                ts = root.ts + int(self.rng.beta(1.2, 2.0) * agree_within_s)
                self._reply(root, min(ts, self.end - 1), is_own=False, tpl=self._pick(T.AGREE))
        self.episodes.append(ep)
        self.rows.sort(key=lambda r: (r.ts, r.id))
        return ep.core  # type: ignore[attr-defined]

    def _reply_delay(self, ts: int) -> int:
        """Fast inside business hours; outside, the reply waits for the next shift."""
        created = datetime.fromtimestamp(ts, timezone.utc)
        if self.calendar.is_open(created):
            return int(self.rng.lognormal(np.log(22 * 60), 0.9))
        wait = (self.calendar.next_open(created) - created).total_seconds()
        if self.rng.random() < 0.15:  # the weekend duty answers some
            wait = 0
        return int(wait + self.rng.lognormal(np.log(100 * 60), 1.0))

    def _own_replies(self, budget: int) -> set[str]:
        needing = [r for r in self.rows if not r.is_own and r.source != "rss"
                   and r.template_kind in ("complaint", "question", "sensitive")]
        own_pools = {lang: [t for t in T.OWN_REPLY if t.lang == lang] for lang in ("en", "de")}
        order = self.rng.permutation(len(needing))
        answered: set[str] = set()
        avalanche_ids = {r.id for e in self.episodes if e.type == "avalanche" for r in e.core}  # type: ignore[attr-defined]
        for i in order:
            if len(answered) >= budget:
                break
            root = needing[int(i)]
            if root.id in avalanche_ids and self.rng.random() < 0.8:
                continue  # the avalanche outruns the team: most of it is still open
            if self.rng.random() < 0.06:
                continue  # some are never answered
            ts = root.ts + self._reply_delay(root.ts)
            if ts >= self.end:
                continue
            self._reply(root, ts, is_own=True, tpl=self._pick(own_pools[root.lang]))
            answered.add(root.id)
        return answered

    def _reply(self, parent: Row, ts: int, is_own: bool, tpl: T.Template) -> Row:
        author = T.BRANDS[parent.brand]["handles"][parent.source] if is_own else self._author(parent.source)
        row = Row(self._id(parent.source), parent.source, parent.brand, "reply", ts,
                  tpl.text, tpl.lang, author, is_own=is_own, parent=parent.id,
                  thread=parent.thread or parent.id, marketing=parent.marketing, template_kind=tpl.kind)
        parent.replies += 1
        self.rows.append(row)
        return row

    def _side_replies(self, count: int, answered: set[str]) -> None:
        """Other customers: agreement piling onto the avalanche, answers, follow-ups."""
        customer = [r for r in self.rows if not r.is_own and r.kind != "reply" and r.source != "rss"]
        aval = [r for e in self.episodes if e.type == "avalanche" for r in e.core]  # type: ignore[attr-defined]
        n_agree = min(count, len(aval) * 3)
        for i in range(count):
            if i < n_agree and aval:
                parent = aval[int(self.rng.integers(len(aval)))]
                span = max(60, self.end - parent.ts - 60)
                ts = parent.ts + int(self.rng.beta(1.2, 2.0) * span)
                tpl = self._pick(T.AGREE)
            else:
                parent = customer[int(self.rng.integers(len(customer)))]
                ts = parent.ts + int(self.rng.lognormal(np.log(2 * HOUR), 1.0))
                if parent.template_kind == "question" and parent.id not in answered and self.rng.random() < 0.4:
                    tpl = self._pick(T.COMMUNITY_ANSWER)
                elif parent.template_kind == "complaint" and self.rng.random() < 0.3:
                    tpl = self._pick(T.AGREE)
                else:
                    tpl = self._pick(T.FOLLOW_UP)
            self._reply(parent, min(ts, self.end - 1), is_own=False, tpl=tpl)

    # --- output ------------------------------------------------------------
    def mentions(self, analyse) -> Iterator[Mention]:
        """Rows as validated Mentions, analysed (once per distinct text) and with reply times set."""
        first_reply: dict[str, tuple[int, str]] = {}
        for r in self.rows:
            if r.is_own and r.parent and (r.parent not in first_reply or r.ts < first_reply[r.parent][0]):
                first_reply[r.parent] = (r.ts, r.author)
        collected = datetime.fromtimestamp(self.end, timezone.utc)
        for r in self.rows:
            yield self._mention(r, first_reply.get(r.id), collected, analyse)

    def _mention(self, r: Row, reply: Optional[tuple[int, str]], collected: datetime, analyse) -> Mention:
        a = analyse(r.text, r.lang)
        likes = int(self.rng.geometric(0.25)) - 1 + (5 * r.replies if r.template_kind == "complaint" else 0)
        channel = _channel(r.source, r.brand)
        followers = 50_000 if r.is_own else int(self.rng.lognormal(5.0, 1.6))
        return Mention(
            id=r.id, source=r.source, channel=channel, kind=r.kind, parent_id=r.parent, thread_id=r.thread,
            url=_url(r), author_id=pseudonymise(r.source, r.author, DEMO_KEY),
            author_name=r.author, author_followers=followers, is_own=r.is_own, brand=r.brand,
            on_marketing_post=r.marketing, text=r.text, lang=a.lang or r.lang,
            created_at=datetime.fromtimestamp(r.ts, timezone.utc), collected_at=collected,
            likes=likes, replies=r.replies, shares=int(self.rng.poisson(0.3 + 0.1 * r.replies)),
            sentiment=a.sentiment, sentiment_label=a.sentiment_label, intent=a.intent,
            needs_reply=False if r.is_own else a.needs_reply, department=a.department,
            sensitive=a.sensitive, first_reply_at=datetime.fromtimestamp(reply[0], timezone.utc) if reply else None,
            first_reply_by=reply[1] if reply else None,
        )

    def manifest(self) -> dict:
        return {
            "seed": self.seed, "mentions": self.n, "days": self.days, "end": self.end,
            "episodes": [{"type": e.type, "name": e.name, "brand": e.brand, "start": e.start,
                          "end": e.end, "words": e.words, "negative": e.negative} for e in self.episodes],
        }


@lru_cache(maxsize=None)
def _slots(text: str) -> tuple[str, ...]:
    """The random slots a template uses (brand and handle are filled separately)."""
    return tuple(f for _, f, _, _ in string.Formatter().parse(text) if f and f in T.SLOTS)


def _channel(source: str, brand: str) -> str:
    return {
        "x": "X search", "reddit": f"r/{T.BRANDS[brand]['sub']}", "facebook": f"{brand} (Facebook page)",
        "instagram": f"@{T.BRANDS[brand]['handles']['instagram']}", "mastodon": "mastodon.social",
        "bluesky": "Bluesky search", "rss": "News feeds",
    }[source]


def _url(r: Row) -> str:
    native = r.id.split(":", 1)[1]
    return {
        "x": f"https://x.com/i/status/{native}", "reddit": f"https://www.reddit.com/comments/{native}",
        "facebook": f"https://www.facebook.com/{native}", "instagram": f"https://www.instagram.com/p/{native}",
        "mastodon": f"https://mastodon.social/@demo/{native}", "bluesky": f"https://bsky.app/post/{native}",
        "rss": f"https://news.example.com/{native}",
    }[r.source]
