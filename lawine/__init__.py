"""Lawine: brand monitoring and social customer service that sees the avalanche coming."""

__version__ = "0.1.0"
