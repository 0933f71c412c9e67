"""Intent of a post: question, complaint, praise, spam_or_abuse (moderation) or other."""
from __future__ import annotations

import re

from lawine.analysis.service import ServiceSignals

# Spam: selling reach, get-rich offers and link bait; these are for moderation, never a reply.
_SPAM = re.compile(
    r"\b(?:buy|get|free|cheap|real)\s+(?:\d+k?\s+)?(?:followers|likes|views|subscribers)\b|"
    r"\bfollowers? kaufen\b|\blikes kaufen\b|\bcrypto\w*\b|\bbitcoin\b|\bbtc\b|\bforex\b|\bnft\b|\bairdrop\b|"
    r"\binvest(?:ment)? (?:opportunity|plan)\b|\bearn \$?\d+|\bmake money\b|\bwork from home\b|"
    r"\bgeld verdienen\b|\bnebenverdienst\b|\bclick (?:here|the link|my bio)\b|\blink in (?:my )?bio\b|"
    r"\bcheck (?:out )?my (?:profile|page|channel|bio)\b|\bdm me for\b|\bpromo code\b|\bonlyfans\b|"
    r"\bwhats ?app\s*\+?\d|\btelegram\s*@|\bcasino\b|\bviagra\b|\bgiveaway\b.*\bfollow\b|\bgewinnspiel\b.*\bfolg",
    re.I,
)
# Abuse: insults aimed at people ("you idiots", "ihr Idioten", "fuck you"), not mere swearing
# about a situation ("fuck, my flight is delayed" is a complaint and deserves a reply).
_ABUSE = re.compile(
    r"\bf+u+c+k+\s*(?:you|u|off|yourselves)\b|\bstfu\b|\bkys\b|\bkill yourself\b|"
    r"\b(?:you|u|ur|you're|your|youre)\s+(?:\w+\s+)?(?:idiots?|morons?|retards?|retarded|imbeciles?|"
    r"bitch(?:es)?|cunts?|assholes?|scum|losers?|pigs?|clowns?|dickheads?|wankers?)\b|"
    r"\bgo to hell\b|\bdie in a fire\b|\bshut up\b|"
    r"\b(?:ihr|du|sie)\s+(?:\w+\s+)?(?:idioten|idiot|vollidioten?|arschl[oö]ch(?:er)?|wichser|hurens[oö]hne?|"
    r"spasten|spast|penner|versager|trottel|deppen|schweine|drecks\w*)\b|"
    r"\bfick (?:dich|euch)\b|\bverpiss (?:dich|euch)\b|\bhalt(?:'s|s|et)? (?:die fresse|das maul|dein maul|euer maul)\b|"
    r"\bhurensohn\b|\bscheiß (?:firma|laden|verein)\b.*\b(?:idioten|penner)\b",
    re.I,
)
_QUESTION_START = re.compile(
    r"^(?:@\w+\s+)*(?:what|when|where|who|whom|why|how|which|can|could|would|will|do|does|did|is|are|was|were|"
    r"should|may|any(?:one|body)|has|have|wie|was|wann|wo|wohin|woher|warum|wieso|weshalb|wer|welche[rsnm]?|"
    r"kann|kannst|könnt|können|könnten|gibt|habt|hast|haben|ist|sind|seid|wird|werden|muss|müssen|darf|dürfen|soll)\b",
    re.I,
)
_QUESTION_PHRASE = re.compile(
    r"\b(?:any idea|anyone know|does anyone|is there a way|how do i|how can i|can i|could you|can you|"
    r"please (?:advise|let me know|help)|let me know|i was wondering|weiß jemand|weiss jemand|"
    r"kann mir (?:jemand|einer)|könnt ihr|können sie|wie kann ich|wie lange|gibt es)\b",
    re.I,
)
_PRAISE = re.compile(
    r"\b(?:thanks?|thank you|thx|ty|kudos|shout ?out|props|appreciate\w*|love|loved|awesome|amazing|great|"
    r"excellent|fantastic|best|perfect|wonderful|brilliant|congrat\w*|well done|"
    r"danke\w*|vielen dank|toll\w*|super|klasse|spitze|genial|perfekt|hervorragend|lob|großartig\w*|"
    r"beste[nr]?|liebe|top)\b",
    re.I,
)


def is_spam_or_abuse(text: str) -> bool:
    return bool(_SPAM.search(text) or _ABUSE.search(text))


def is_question(text: str) -> bool:
    """A direct question: a question mark, a question-word opening or a request phrase."""
    return "?" in text or bool(_QUESTION_START.search(text)) or bool(_QUESTION_PHRASE.search(text))


def classify_intent(text: str, sentiment: float, label: str, service: ServiceSignals) -> str:
    """One intent per text; moderation first, then complaints, which outrank the question form."""
    if is_spam_or_abuse(text):
        return "spam_or_abuse"
    question = is_question(text)
    # A question that describes a service failure ("why is my flight delayed AGAIN?") is a
    # complaint; a neutral or mildly unhappy question ("can I change my seat?") stays a question.
    if service.strong or service.sarcasm or (label == "negative" and (not question or sentiment <= -0.5)):
        return "complaint"
    if question:
        return "question"
    if label == "positive" and _PRAISE.search(text):
        return "praise"
    if label == "positive" and sentiment >= 0.5:
        return "praise"
    return "other"
