"""enrich() over Mention lists (reply logic) and mark_community_answers() on small threads."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from lawine.analysis import enrich, mark_community_answers
from lawine.model import Mention

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def mention(native: str, text: str, *, kind: str = "post", parent: str | None = None, author: str = "alice",
            minutes: int = 0, is_own: bool = False, brand: str = "Lumen", **extra) -> Mention:
    return Mention(
        id=f"reddit:{native}", source="reddit", channel="r/lumen", kind=kind,
        parent_id=f"reddit:{parent}" if parent else None, author_id=author, is_own=is_own, brand=brand,
        text=text, created_at=T0 + timedelta(minutes=minutes), **extra,
    )


def by_id(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.id.split(":", 1)[1]: m for m in mentions}


def test_enrich_fills_every_analysis_field_and_keeps_the_rest() -> None:
    original = mention("p1", "@Lumen my order still hasn't arrived, where is it?", likes=3)
    [m] = enrich([original])
    assert m.lang == "en"
    assert m.sentiment is not None and m.sentiment < 0
    assert m.sentiment_label == "negative"
    assert m.intent == "complaint"
    assert m.needs_reply is True
    assert m.department == "delivery"
    assert m.sensitive is False
    assert m.likes == 3 and m.text == original.text  # untouched fields survive
    assert original.sentiment is None  # the input is not modified


def test_own_posts_never_need_a_reply() -> None:
    [m] = enrich([mention("p1", "Lumen here: why is nobody reading our FAQ? Any questions?", is_own=True)])
    assert m.needs_reply is False


def test_questions_need_a_reply_only_when_addressed_to_the_brand() -> None:
    posts = [
        mention("p1", "Does Lumen ship to Austria?"),  # names the brand
        mention("p2", "Does anyone know a good recipe for pancakes?", brand="Lumen"),  # not about us
        mention("p3", "Is there a discount for students?", on_marketing_post=True),  # under our ad
    ]
    result = by_id(enrich(posts))
    assert result["p1"].needs_reply is True
    assert result["p2"].needs_reply is False
    assert result["p3"].needs_reply is True


def test_replies_to_our_own_post_are_addressed_to_us() -> None:
    thread = [
        mention("p1", "Our spring collection is here!", is_own=True, author="lumen"),
        mention("c1", "When will it be available in Vienna?", kind="comment", parent="p1", minutes=5),
        mention("c2", "Looks great!", kind="comment", parent="p1", minutes=6, author="bob"),
    ]
    result = by_id(enrich(thread))
    assert result["c1"].needs_reply is True
    assert result["c2"].needs_reply is False
    assert result["c2"].intent == "praise"


def test_spam_never_needs_a_reply() -> None:
    [m] = enrich([mention("p1", "@Lumen buy 5000 followers cheap at fastfollow dot biz, click here")])
    assert m.intent == "spam_or_abuse"
    assert m.needs_reply is False


def test_enrich_is_consistent_for_identical_texts_and_german() -> None:
    a, b = enrich([mention("p1", "Lumen, seit drei Tagen keine Antwort!"),
                   mention("p2", "Lumen, seit drei Tagen keine Antwort!", author="bob")])
    assert a.lang == b.lang == "de"
    assert (a.sentiment, a.intent, a.needs_reply) == (b.sentiment, b.intent, b.needs_reply)
    assert a.intent == "complaint" and a.needs_reply is True


def thread_with_reply(reply_text: str, **reply_kw) -> dict[str, Mention]:
    question = mention("q1", "How do I reset my Lumen lamp? It keeps blinking.", author="alice")
    options = dict(kind="comment", parent="q1", author="bob", minutes=10)
    options.update(reply_kw)
    reply = mention("r1", reply_text, **options)
    return by_id(mark_community_answers(enrich([question, reply])))


def test_question_answered_by_another_customer_with_instructions() -> None:
    result = thread_with_reply("You need to hold the power button for ten seconds, worked for me.")
    assert result["q1"].answered_by_community is True
    assert result["r1"].answered_by_community is False


def test_german_answer_counts_too() -> None:
    question = mention("q1", "Wie kann ich bei Lumen meine Adresse ändern?", author="anna")
    reply = mention("r1", "Hast du schon unter Einstellungen > Konto geschaut? Da musst du auf Bearbeiten tippen.",
                    kind="comment", parent="q1", author="ben", minutes=3)
    # the reply asks back but also instructs; it must not itself be a bare question to count
    result = by_id(mark_community_answers(enrich([question, reply])))
    assert result["q1"].answered_by_community is False  # it ends in a question mark: asks back
    reply2 = mention("r2", "Einfach unter Einstellungen > Konto, da musst du auf Bearbeiten tippen.",
                     kind="comment", parent="q1", author="ben", minutes=4)
    result = by_id(mark_community_answers(enrich([question, reply2])))
    assert result["q1"].answered_by_community is True


def test_not_answered_by_the_brand_the_author_a_question_or_small_talk() -> None:
    by_brand = thread_with_reply("Try holding the power button.", is_own=True, author="lumen")
    assert by_brand["q1"].answered_by_community is False
    assert thread_with_reply("Try holding the power button.", author="alice")["q1"].answered_by_community is False
    assert thread_with_reply("Same problem here, any ideas?")["q1"].answered_by_community is False
    assert thread_with_reply("lol same")["q1"].answered_by_community is False


def test_an_earlier_reply_cannot_answer_a_later_question() -> None:
    assert thread_with_reply("Try holding the power button.", minutes=-5)["q1"].answered_by_community is False


def test_links_count_as_answers_and_the_function_is_pure() -> None:
    question = mention("q1", "Where can I find the Lumen manual?", author="alice")
    reply = mention("r1", "https://lumen.example/manuals has all of them", kind="comment", parent="q1",
                    author="bob", minutes=2)
    before = [question, reply]
    after = mark_community_answers(before)
    assert by_id(after)["q1"].answered_by_community is True
    assert question.answered_by_community is False  # inputs untouched
    assert mark_community_answers([]) == []


def test_brand_must_be_named_as_a_word() -> None:
    posts = [
        mention("p1", "Why is the Go app so slow today?", brand="Go"),
        mention("p2", "Why is going outside so hard today?", brand="Go"),
        mention("p3", "Why does @GoSupport never answer?", brand="Go"),
        mention("p4", "Warum ist die #DeutscheBahn schon wieder verspätet?", brand="Deutsche Bahn"),
    ]
    result = by_id(enrich(posts))
    assert [result[k].needs_reply for k in ("p1", "p2", "p3", "p4")] == [True, False, True, True]


def test_comment_on_the_brands_page_without_its_parent_in_the_batch() -> None:
    batch = [
        mention("p9", "New opening hours from Monday.", is_own=True, author="lumen"),
        mention("c7", "Is the store open on Sunday?", kind="comment", parent="p1", author="carla"),
    ]
    result = by_id(enrich(batch))
    assert result["c7"].needs_reply is True  # same channel as the brand's own post


def test_flat_comment_section_answer_by_mention() -> None:
    post = mention("p1", "Our new lamp is out!", is_own=True, author="lumen")
    question = mention("c1", "How do I pair the Lumen lamp with my phone?", kind="comment", parent="p1",
                       author="u123", author_name="dana", minutes=1)
    other = mention("c2", "@dana go to Settings > Bluetooth and hold the button for 5 seconds", kind="comment",
                    parent="p1", author="u456", minutes=9)
    unrelated = mention("c3", "go to Settings > Bluetooth, works great", kind="comment", parent="p1",
                        author="u789", minutes=10)
    result = by_id(mark_community_answers(enrich([post, question, other])))
    assert result["c1"].answered_by_community is True
    result = by_id(mark_community_answers(enrich([post, question, unrelated])))
    assert result["c1"].answered_by_community is False  # not addressed to the asker


def test_complaint_phrased_as_question_can_be_answered_by_the_community() -> None:
    question = mention("q2", "Why does my Lumen lamp keep blinking?? So annoying", author="alice")
    reply = mention("r2", "You need to reset it: hold the power button for ten seconds.", kind="comment",
                    parent="q2", author="bob", minutes=3)
    result = by_id(mark_community_answers(enrich([question, reply])))
    assert result["q2"].intent == "complaint"
    assert result["q2"].answered_by_community is True
