"""Offline language detection for short social posts: a stopword vote first, lingua only when that is unsure."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

# Function words that are frequent in one language and rare or absent in the other.
# Words that exist in both (in, an, so, man, will, was, die, hat, war, bin, also ...) are
# deliberately left out: they are the reason naive stopword voting fails on short posts.
_EN = frozenset("""
the a and of to is are was were be been being you your yours i'm i've i'll it's it this that these those
with for on at from by not no yes but or if my me we our us they their them he she his her him what
which who whom why how when where there here have has had do does did don't doesn't didn't can't won't
isn't aren't wasn't just very really would could should can thanks thank please still again already
get got any some more than then too about after before because out up down over into just an my
ever never always since been being its it's im dont cant wont didnt doesnt isnt thats whats
thanks thx thnx ty pls plz lol lmao omg wtf sucks ok okay yeah yay nope great good nice love awesome
worst best fail help sent will need want make made now today tomorrow yesterday i u ur gonna wanna yall
guys hi
""".split()) - {"an", "im", "was", "ok", "okay", "will", "down"}
_DE = frozenset("""
der das den dem des ein eine einen einem einer eines und ist sind nicht kein keine keinen ich du er
sie wir ihr euch uns mich dich mir dir ihm ihn ihnen sich mit für auf aus bei nach von vom zum zur
auch noch schon wieder nur sehr ganz doch mal jetzt heute gestern morgen immer nie warum wieso weshalb
wie wo wann wer was welche welcher welches dass daß weil oder aber wenn dann denn ob habe hast haben
hatte hatten bist seid wird werden wurde wurden kann kannst können könnt muss musst müssen soll
sollte würde wäre gibt gab geht ging danke bitte leider seit über unter zwischen ohne gegen durch
beim ins im am vor hab nix nichts etwas viel viele mehr weniger schön gut heut grad gerade einfach
eigentlich echt halt eben ja nein nee jetzt bisschen zu bis wieder irgendwie sowas hier dich
toll geil scheiße scheisse blöd doof hallo servus moin tschüss gerne lieber mein meine meinen meinem
meiner dein deine deinen unser unsere euer eure seine ihre guten lieben dank vielleicht besser erst ne nen
nem ner net nich bissl gibts isses wars kommt macht gehts weiß
""".split()) - {"am", "im", "was", "hey", "super"}
_WORD = re.compile(r"[a-zäöüß']+")
# @handles, URLs and HTML entities carry no language and mislead character-n-gram models.
_NOISE = re.compile(r"(?:@\w+|https?://\S+|www\.\S+|&\w+;)")
_UMLAUT = re.compile(r"[äöüß]")

# lingua is only asked about a few languages: fewer candidates make it both faster and
# more reliable on short text, and sentiment only exists for en/de anyway.
_LINGUA_LANGS = ("ENGLISH", "GERMAN", "FRENCH", "SPANISH", "ITALIAN", "DUTCH", "PORTUGUESE")
_SURE = 0.6  # lingua confidence above which a third language wins over a few en/de words


@lru_cache(maxsize=1)
def _lingua():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LINGUA_LANGS]
    # Low-accuracy mode uses trigrams only: ~2x faster and plenty for the ambiguous remainder.
    # Models are preloaded so the first posts in each language do not pay for lazy loading.
    return (LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode()
            .with_preloaded_language_models().build())


def stopword_vote(text: str) -> tuple[int, int]:
    """(English hits, German hits) among the words of `text`; umlauts count as German evidence."""
    words = _WORD.findall(text.lower())
    en = sum(1 for w in words if w in _EN)
    de = sum(1 for w in words if w in _DE)
    if _UMLAUT.search(text.lower()):
        de += 2  # umlauts and ß: strong German evidence against English
    return en, de


def detect_lang(text: str) -> Optional[str]:
    """ISO 639-1 code of `text` (en, de, fr, ...) or None when there is nothing to judge."""
    clean = _NOISE.sub(" ", text) if ("@" in text or "/" in text or "&" in text) else text
    en, de = stopword_vote(clean)
    # Distinctive words of only one language, or a clear majority, decide; this covers the
    # vast majority of posts in microseconds. Mixed or word-less posts go to lingua.
    if en > de and (de == 0 or en >= 2 * de + 1):
        return "en"
    if de > en and (en == 0 or de >= 2 * en + 1):
        return "de"
    if not _WORD.search(clean.lower()):
        return None
    ranked = _lingua().compute_language_confidence_values(clean)
    if not ranked or ranked[0].value <= 0:
        return "en" if en > de else "de" if de > en else None
    best = ranked[0].language.iso_code_639_1.name.lower()
    if best in ("en", "de") or not (en or de) or ranked[0].value >= _SURE:
        return best
    # lingua leans to a third language without much confidence, but the post has English or
    # German function words: trust those ("omg zu schwer" is German, not Dutch).
    if en != de:
        return "en" if en > de else "de"
    scores = {c.language.iso_code_639_1.name.lower(): c.value for c in ranked}
    return "en" if scores.get("en", 0) >= scores.get("de", 0) else "de"


def normalise_lang(lang: Optional[str]) -> Optional[str]:
    """Turn a source's language tag ('en-GB', 'DE', 'und') into a two-letter code or None."""
    if not lang:
        return None
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    if len(code) != 2 or not code.isalpha():
        return None
    return code
