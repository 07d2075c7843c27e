"""The session language (``"en"`` or ``"zh"``): one setting every kamlab module reads.

A base module, so that concept modules (the key-account card's text pairs) can follow the
session language too; :mod:`kamlab.i18n` re-exports these functions.
"""

from __future__ import annotations

import os

from kamlab.exceptions import ParameterError

LANGUAGES = ("en", "zh")

_language = os.environ.get("KAMLAB_LANG", "en")


def get_language() -> str:
    """The session's default language for labels, ``"en"`` or ``"zh"``."""
    return _language if _language in LANGUAGES else "en"


def set_language(lang: str) -> str:
    """Set the session's default label language (``"en"`` or ``"zh"``); returns it."""
    global _language
    _language = resolve(lang)
    return _language


def resolve(lang: str | None) -> str:
    """``lang`` checked, or the session language when ``None``."""
    if lang is None:
        return get_language()
    lang = str(lang).lower()
    if lang in ("cn", "zh-cn", "zh_cn", "chinese", "中文"):
        lang = "zh"
    if lang in ("english",):
        lang = "en"
    if lang not in LANGUAGES:
        raise ParameterError(
            f"lang must be 'en' or 'zh'; got {lang!r}. Use lang='zh' for Chinese labels.",
            lang=lang,
        )
    return lang
