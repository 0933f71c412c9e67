"""Brand matching from config: whole keywords, spacing variants, exclusions, languages, own handles."""
from __future__ import annotations

from collectors.matching import BrandMatcher, OwnAccounts, normalise_handle


def test_keywords_match_whole_words_and_spacing_variants(settings):
    m = BrandMatcher(settings.brands, "x")
    assert m.match("I love Kestrel Air!") == "Kestrel Air"
    assert m.match("#KestrelAir rocks") == "Kestrel Air"
    assert m.match("kestrel-air delayed again") == "Kestrel Air"
    assert m.match("@KestrelAir help") == "Kestrel Air"           # our handle counts as a keyword
    assert m.match("Kestrel Airways is another company") is None  # not a whole word
    assert m.match("Nimbus Bank and Kestrel Air", prefer=["Nimbus Bank"]) == "Nimbus Bank"


def test_exclusions_and_languages(settings):
    m = BrandMatcher(settings.brands, "x")
    assert m.match("the kestrel falcon is not Kestrel Air") is None
    assert m.match("Kestrel Air est en retard", lang="fr") is None
    assert m.match("Kestrel Air ist spät", lang="de-AT") == "Kestrel Air"
    assert m.match("Kestrel Air", lang=None) == "Kestrel Air"     # unknown language: kept
    assert not m.allowed("Nimbus Bank", "Nimbus Bank ist teuer", "de")


def test_own_accounts_are_compared_on_raw_handles(settings):
    own = OwnAccounts(settings.brands)
    assert own.brand_of("x", "kestrelair") == "Kestrel Air"
    assert own.brand_of("mastodon", "kestrel@social.example") == "Kestrel Air"
    assert own.brand_of("facebook", "1001") == "Kestrel Air"     # page ids from marketing_pages
    assert own.brand_of("x", "someone") is None and own.brand_of("reddit", None) is None
    own.add("instagram", "@KestrelAir.Official", "Kestrel Air")
    assert own.brand_of("instagram", "kestrelair.official") == "Kestrel Air"
    assert normalise_handle(" @Care@Mastodon.Social ") == "care@mastodon.social"
