"""Intent of a post: question, complaint, praise, spam_or_abuse (for moderation) or other."""
from __future__ import annotations

from typing import Union

from lawine.analysis.fastmatch import Doc, PatternSet
from lawine.analysis.service import ServiceSignals

# Spam: selling reach, get-rich offers and link bait. For moderation, never for a reply.
_SPAM = PatternSet([
    r"\b(?:buy|get|free|cheap|real)\s+(?:\d+k?\s+)?(?:followers|likes|views|subscribers)\b",
    r"\b(?:followers|likes|abonnenten) kaufen\b", r"\bcrypto\w*\b", r"\bbitcoin\w*\b", r"\bforex\b", r"\bnft\b",
    r"\bairdrop\b", r"\binvest(?:ment)? (?:opportunity|plan)\b", r"\bmake money\b",
    r"\bearn (?:up to )?[$€£]?\d+[k$€£]? (?:a|per|every) (?:day|week|month)\b",
    r"\bwork from home\b", r"\bgeld verdienen\b", r"\bnebenverdienst\b", r"\bclick (?:the link in|my bio)\b",
    r"\blink in (?:my )?bio\b", r"\bcheck (?:out )?my (?:profile|page|channel|bio)\b", r"\bdm me for\b",
    r"\bonlyfans\b", r"\bwhats ?app\s*\+?\d", r"\btelegram\s*@", r"\bcasino\b", r"\bviagra\b",
    r"\bgiveaway\b.*\bfollow\b", r"\bgewinnspiel\b.*\bfolg", r"\bjetzt klicken\b",
])
# Abuse: insults aimed at people ("you idiots", "ihr Idioten", "fuck you"), not swearing about a
# situation ("fuck, my flight is delayed" is a complaint and deserves a reply).
_ABUSE = PatternSet([
    r"\bf+u+c+k+\s*(?:you|u|off|yourselves)\b", r"\bstfu\b", r"\bkys\b", r"\bkill yourself\b",
    r"\b(?:you|u|ur|you're|your|youre)\s+(?:\w+\s+)?(?:idiots?|morons?|retards?|retarded|imbeciles?|bitch(?:es)?|"
    r"cunts?|assholes?|scum|losers?|pigs?|clowns?|dickheads?|wankers?)\b",
    r"\bgo to hell\b", r"\bdie in a fire\b", r"\bshut up\b",
    r"\b(?:ihr|du|sie)\s+(?:\w+\s+)?(?:idioten|idiot|vollidioten?|arschl[oö]ch(?:er)?|wichser|hurens[oö]hne?|spasten|"
    r"spast|penner|versager|trottel|deppen|schweine|drecks\w*)\b",
    r"\bfick (?:dich|euch)\b", r"\bverpiss (?:dich|euch)\b", r"\bhalt(?:'s|s|et)? (?:die fresse|das maul|dein maul|euer maul)\b",
    r"\bhurensohn\b",
])
_QUESTION = PatternSet([
    r"^(?:@\w+\s+)*(?:what|when|where|who|whom|why|how|which|can|could|would|will|do|does|did|is|are|was|were|"
    r"should|may|anyone|anybody|has|have)\b",
    r"^(?:@\w+\s+)*(?:wie|was|wann|wo|wohin|woher|warum|wieso|weshalb|wer|welche[rsnm]?|kann|kannst|könnt|können|"
    r"könnten|gibt|habt|hast|haben|ist|sind|seid|wird|werden|muss|müssen|darf|dürfen|soll)\b",
    r"\b(?:any idea|anyone know|does anyone|is there a way|how do i|how can i|can i|could you|can you|"
    r"please advise|let me know|i was wondering)\b",
    r"\b(?:weiß jemand|weiss jemand|kann mir (?:jemand|einer)|könnt ihr|können sie|wie kann ich|wie lange|gibt es)\b",
])
_PRAISE = PatternSet([
    r"\b(?:thanks?|thank you|thx|ty|kudos|shout ?out|props|appreciate\w*|love|loved|awesome|amazing|great|excellent|"
    r"fantastic|best|perfect|wonderful|brilliant|congrat\w*|well done)\b",
    r"\b(?:danke\w*|vielen dank|toll\w*|super|klasse|spitze|genial|perfekt|hervorragend|lob|großartig\w*|beste[nr]?|"
    r"liebe|top)\b",
])


def _doc(text: Union[str, Doc]) -> Doc:
    return text if isinstance(text, Doc) else Doc(text)


def is_spam(text: Union[str, Doc]) -> bool:
    return _SPAM.search(_doc(text))


def is_abuse(text: Union[str, Doc]) -> bool:
    return _ABUSE.search(_doc(text))


def is_spam_or_abuse(text: Union[str, Doc]) -> bool:
    doc = _doc(text)
    return is_spam(doc) or is_abuse(doc)


def is_question(text: Union[str, Doc]) -> bool:
    """A direct question: a question mark, a question-word opening or a request phrase."""
    doc = _doc(text)
    return "?" in doc.text or _QUESTION.search(doc)


def classify_intent(text: Union[str, Doc], sentiment: float, label: str, service: ServiceSignals) -> str:
    """One intent per text: moderation first, then complaints, which outrank the question form."""
    doc = _doc(text)
    # An insult next to a described failure ("fuck you and your closed lines, I'll miss my
    # flight") is still a customer with a problem; insults alone are for moderation.
    if is_spam(doc) or (is_abuse(doc) and not service.strong):
        return "spam_or_abuse"
    question = is_question(doc)
    # A question describing a failure ("why is my flight delayed AGAIN?") is a complaint; a
    # neutral or mildly unhappy one ("can I change my seat?") stays a question.
    if service.strong or service.sarcasm or (label == "negative" and (not question or sentiment <= -0.5)):
        return "complaint"
    if question:
        return "question"
    if label == "positive" and (sentiment >= 0.5 or _PRAISE.search(doc)):
        return "praise"
    return "other"
