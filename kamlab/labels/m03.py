"""Labels for the charts and tables of course module 3 (see :mod:`kamlab.labels`)."""

LABELS: dict[str, tuple[str, str]] = {
    # plot_levers on lever_room: each lever moved by its own achievable amount
    "levers.title_room": ("Profit within reach per lever (its achievable move)",
                          "各杠杆可实现的利润增量（按可实现的变动幅度）"),
}
