"""Whose words an error message uses: Python's (``columns={…}``) or the command line's (``--map``).

A trainee in a notebook fixes a call; someone at the terminal fixes a command. The ``kamlab``
command wraps its work in :func:`command_line`, and messages built with :func:`say` then name
the CLI's options. Nothing else changes: the same checks, the same errors.

>>> say("pass overwrite=True", "add --force")
'pass overwrite=True'
>>> with command_line():
...     say("pass overwrite=True", "add --force"), mapping_fix({"客户编号": "account_id"}, "read_accounts")
('add --force', 'add --map 客户编号=account_id to the command')
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["say", "command_line", "mapping_fix"]

_VOICE: ContextVar[str] = ContextVar("kamlab_voice", default="python")


@contextmanager
def command_line():
    """Messages raised inside use the ``kamlab`` command's words."""
    token = _VOICE.set("cli")
    try:
        yield
    finally:
        _VOICE.reset(token)


def say(python: str, cli: str) -> str:
    """``python`` in Python, ``cli`` inside :func:`command_line`."""
    return cli if _VOICE.get() == "cli" else python


def mapping_fix(mapping: dict, func: str) -> str:
    """How to pass a header → column mapping: ``columns={…}`` or ``--map HEADER=column …``."""
    cli = " ".join(f"--map {h}={c}" for h, c in mapping.items())
    return say(f"paste columns={mapping!r} into {func}(...)", f"add {cli} to the command")
