"""Labels for the charts and tables of course module 3 (see :mod:`kamlab.labels`)."""

LABELS: dict[str, tuple[str, str]] = {
}
