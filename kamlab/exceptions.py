"""The errors kamlab raises.

Every error says what was expected, what came, and how to fix it. Each class also
inherits the matching builtin, so ``except ValueError`` and ``except KeyError`` keep working.
Errors keep their fields as attributes and stay picklable (they cross process boundaries
in report batches).
"""

from __future__ import annotations

__all__ = [
    "KamlabError", "InvalidDataError", "MissingColumnsError", "ParameterError", "NoSuchFileError",
    "OutputExistsError", "NotebookFailedError", "WrongTypeError", "DataWarning",
]


class KamlabError(Exception):
    """Base class of every kamlab error. ``str(err)`` is the full, human-readable message."""

    def __init__(self, message: str, **fields):
        super().__init__(message)
        self.message = message
        self.fields = fields
        for key, value in fields.items():
            setattr(self, key, value)

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.message

    def __reduce__(self):
        return (_rebuild, (type(self), self.message, self.fields))


def _rebuild(cls, message, fields):
    return cls(message, **fields)


class InvalidDataError(KamlabError, ValueError):
    """Data that cannot be analysed as given: bad values, duplicates, an empty file.

    Fields (when known): ``source`` (file name or "DataFrame"), ``column``, ``rows``,
    ``values``. For a file, ``rows`` are the row numbers a spreadsheet shows (header =
    row 1); for an in-memory DataFrame they are 0-based positions. The message says which.
    """


class MissingColumnsError(InvalidDataError, KeyError):
    """A required column is absent. Fields: ``missing``, ``available``, ``source``."""


class ParameterError(KamlabError, ValueError):
    """An argument outside what a function accepts (a cut-off above 1, an unknown name...)."""


class NoSuchFileError(KamlabError, FileNotFoundError):
    """A file or folder that is not there. Fields: ``path`` (as given), ``source``."""


class OutputExistsError(KamlabError, FileExistsError):
    """An output file already exists and replacing it was not asked for. Field: ``path``."""


class NotebookFailedError(KamlabError, RuntimeError):
    """A notebook run stopped at a cell. Fields: ``cell`` (its In [n]), ``first_line``,
    ``error`` (the error's last line) and ``partial`` (where the partial output was kept)."""


class WrongTypeError(KamlabError, TypeError):
    """An argument of the wrong kind (a DataFrame where a file path goes). Field: ``got``."""


class DataWarning(UserWarning):
    """Data kamlab can analyse but a person should look at: the message says what was found,
    how the result treats it, and how to see every case (e.g. dates out of stage order)."""
