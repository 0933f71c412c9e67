"""Text analysis for English and German posts: language, sentiment, intent, routing, sensitive data."""
from lawine.analysis.community import mark_community_answers
from lawine.analysis.lang import detect_lang
from lawine.analysis.pipeline import TextAnalysis, analyse_text, clear_caches, enrich
from lawine.analysis.routing import DEFAULT_DEPARTMENT_RULES, route
from lawine.analysis.sensitive import find_sensitive, mask_sensitive

__all__ = [
    "DEFAULT_DEPARTMENT_RULES",
    "TextAnalysis",
    "analyse_text",
    "clear_caches",
    "detect_lang",
    "enrich",
    "find_sensitive",
    "mark_community_answers",
    "mask_sensitive",
    "route",
]
