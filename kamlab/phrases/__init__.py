"""Sentences the course notebooks print, in Chinese; the English sentence is the key.

A notebook prints with ``kamlab.say("Top {top:.0%} of accounts: {share:.1%} of revenue",
top=0.2, share=0.8)``: in English the template is used as written, so the code reads as the
sentence it prints; in Chinese (``kamlab.set_language("zh")``) its entry here is used. The
same tables translate labels a notebook puts into its own tables (``"Top 4%"`` → ``"前4%"``)
when :func:`kamlab.tables.readable` shows them in Chinese.

One module per course notebook (``m01`` … ``m07``), each a ``PHRASES`` dict of English
template → Chinese template with the same ``{placeholders}``. ``tests/test_phrases.py``
checks that every ``say``/``phrase`` template in a course source has its Chinese entry,
with the same placeholders, and that no two modules translate one template differently.
"""

from __future__ import annotations

import importlib
from functools import cache

MODULES = ("m01", "m02", "m03", "m04", "m05", "m06", "m07")


@cache
def table() -> dict[str, str]:
    """Every module's phrases, merged (English template -> Chinese template)."""
    merged: dict[str, str] = {}
    for name in MODULES:
        module = importlib.import_module(f"kamlab.phrases.{name}")
        for english, chinese in module.PHRASES.items():
            if merged.get(english, chinese) != chinese:
                raise ValueError(f"kamlab.phrases.{name}: {english!r} is translated differently "
                                 f"elsewhere ({merged[english]!r} vs {chinese!r})")
            merged[english] = chinese
    return merged
