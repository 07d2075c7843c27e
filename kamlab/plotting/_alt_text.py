"""Alt text for every chart a notebook shows: a screen reader, a page that fails to load its
images and nbconvert's HTML all get the chart's title instead of a bare image.

IPython shows a matplotlib figure through its ``image/png`` formatter, which the inline
backend (re)registers whenever the figure formats change (``%config InlineBackend``, a
report kernel's reset). :func:`install` therefore replaces the formatter object itself with
:class:`AltTextPNGFormatter`, which keeps every printer registered on it and adds
``{"alt": figure_alt(fig)}`` to the image's metadata; the HTML template of
:mod:`kamlab.reports` writes it into ``<img alt>``.
"""

from __future__ import annotations

from IPython.core.formatters import PNGFormatter
from matplotlib.figure import Figure

#: Shown when a figure has neither a title nor axis labels.
UNTITLED = "Chart"


def figure_alt(fig: Figure) -> str:
    """A figure's alt text: its titles (the figure's, then each axes'), or else its axis labels.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set(title="Revenue concentration", xlabel="Accounts", ylabel="Revenue")
    >>> figure_alt(fig)
    'Revenue concentration'
    >>> _ = ax.set_title("")
    >>> figure_alt(fig)
    'Revenue / Accounts'
    >>> plt.close(fig)
    """
    titles = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    titles += [ax.get_title(loc) for ax in fig.axes for loc in ("center", "left", "right")]
    text = _joined(titles, "; ")
    if not text:
        text = _joined([label for ax in fig.axes
                        for label in (ax.get_ylabel(), ax.get_xlabel())], " / ")
    return text or UNTITLED


def _joined(texts, sep: str) -> str:
    seen = []
    for text in texts:
        text = " ".join(str(text).split())  # wrapped titles read as one line
        if text and text not in seen:
            seen.append(text)
    return sep.join(seen)


class AltTextPNGFormatter(PNGFormatter):
    """IPython's PNG formatter, with ``alt`` metadata on every matplotlib figure."""

    def __call__(self, obj):
        result = super().__call__(obj)
        if result is None or not isinstance(obj, Figure):
            return result
        data, metadata = result if isinstance(result, tuple) else (result, {})
        return data, {**(metadata or {}), "alt": figure_alt(obj)}


def install(shell=None) -> bool:
    """Give ``shell``'s figures alt text (the running IPython's when None); False outside
    IPython. Installing twice changes nothing."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython is a dependency of the kit
            return False
        shell = get_ipython()
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    current = formatters["image/png"]
    if isinstance(current, AltTextPNGFormatter):
        return True
    replacement = AltTextPNGFormatter(parent=shell.display_formatter)
    replacement.enabled = current.enabled
    replacement.type_printers = dict(current.type_printers)
    replacement.deferred_printers = dict(current.deferred_printers)
    replacement.singleton_printers = dict(current.singleton_printers)
    formatters["image/png"] = replacement
    return True
