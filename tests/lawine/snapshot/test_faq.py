"""Recurring questions: rephrasings of one question end up together, different questions do not."""
from lawine.snapshot.faq import cluster, normalise

SEAT = [
    "@KestrelAir how do I change the seat on booking KX7Q2P?",
    "kestrelair how do I change the seat on booking ZP4W1N??",
    "How do I change the seat on my booking LM3R8T",
    "how can I change my seat on booking QA9D5K? https://example.com/b/1",
    "@KestrelAir How do I change the seat on booking RT2H6Y?",
]
INVOICE = [
    "where do I find the invoice for my flight to Berlin?",
    "Where do I find the invoice for my flight to Lisbon",
    "@KestrelAir where can I find the invoice for my flight to Oslo?",
]
SINGLES = [
    "Is the Vienna lounge open again?",
    "Wann kommt 5G nach Leipzig?",
    "Can I bring my guitar case as cabin baggage?",
]


def test_normalise_drops_what_varies_between_askers():
    assert normalise("@KestrelAir How do I change booking KX7Q2P? https://x.co/a") == "how do i change booking code"
    assert normalise("Refund after 24 hours?!") == "refund after 0 hours"


def test_similar_questions_are_grouped_and_different_ones_are_not():
    groups = cluster(SEAT + INVOICE + SINGLES, top=10)
    assert [g.size for g in groups] == [5, 3]
    seat, invoice = groups
    assert seat.representative in SEAT and set(seat.examples) <= set(SEAT)
    assert invoice.representative in INVOICE
    shown = {seat.representative, *seat.examples, invoice.representative, *invoice.examples}
    assert not shown & set(SINGLES)


def test_repeated_identical_questions_count_each_time():
    groups = cluster(["Can I keep my number when I switch?"] * 4 + ["Where is my refund?"] * 2, top=5)
    assert [(g.representative, g.size) for g in groups] == [
        ("Can I keep my number when I switch?", 4), ("Where is my refund?", 2)]


def test_no_questions_or_only_one_offs_give_no_faq():
    assert cluster([]) == []
    assert cluster(SINGLES) == []
    assert cluster(["?!", "   "]) == []


def test_top_limits_the_number_of_groups_biggest_first():
    groups = cluster(SEAT + INVOICE, top=1)
    assert len(groups) == 1 and groups[0].size == 5
