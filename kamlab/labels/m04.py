"""Labels for the charts and tables of course module 4 (see :mod:`kamlab.labels`)."""

LABELS: dict[str, tuple[str, str]] = {
    # plot_bid_ranges: each competitor's range against the market price
    "bids.below_price": ("−{value} vs the price", "比市场价格低{value}"),
    "bids.above_price": ("floor +{value} vs the price", "底线比市场价格高{value}"),
    "bids.our_floor": ("Our floor {value}", "我方底线{value}"),
    "bids.range_note": ("Floor (tick): cheapest plant's cash cost. Ceiling: average full "
                        "cost + margin.\nSolid, with its figure: how far below the market "
                        "price it can bid.\nPale: the margin it needs above that price.",
                        "底线（竖线）：其成本最低工厂的现金成本。上限：平均完全成本加利润。\n"
                        "实色及其数字：它能比市场价格低多少投标。\n"
                        "浅色：它需要、但市场价格给不了的利润。"),
    "bids.range_note_plain": ("Floor (tick): cheapest plant's cash cost. Ceiling: average "
                              "full cost + margin.",
                              "底线（竖线）：其成本最低工厂的现金成本。上限：平均完全成本加利润。"),
}
