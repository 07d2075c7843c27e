"""Generate module 6's US manufacturer case: its customers' market, their mergers, our contracts.

Usage, from any directory::

    python datasets/generate_manufacturer.py          # (re)write the three CSV files
    python datasets/generate_manufacturer.py --check  # write nothing; exit 1 if one differs

Three tables (data cards beside them: ``manufacturer_market.md``, ``manufacturer_mergers.md``,
``manufacturer_contracts.md``). Only numpy, pandas and the standard library are used; nothing
from kamlab, so the data does not change when the package does.

The case
--------
Seed 000 (关键客户管理案例分析, 一家大型的美国制造企业): a large US manufacturer sells into an
industry with a few large, dominant customers that is still consolidating — the top 10 customers
hold 95% of the market — and its customers sign long contracts of 3 to 5 years. Our setting: the
manufacturer makes specialty coatings (特种涂料) for household-appliance makers (家电制造商); the
market is the appliance makers' purchases of these coatings, 2005–2024, in CNY.

How it is built
---------------
1. **Companies in 2005** — 52 appliance makers: the final top ten (M01–M10, fixed names) and 42
   others (M11–M52). Their 2005 sizes follow a Zipf-like rank curve (exponent ``ZIPF``) with
   lognormal noise; M11, M12 and M13 are large in 2005 and later acquired.
2. **Organic share shifts** — each company's weight grows at a yearly log-rate: the top-ten
   companies by ``+DRIFT / 2``, the others by ``−DRIFT / 2``, plus a company-specific drift and
   a yearly shock. Scale buys share (purchasing power, platform plants, retailer contracts).
3. **Mergers** (``MERGERS``, 20) — from the merger year on the acquirer's weight includes the
   target's and the target has no row of its own. Some acquirers were themselves acquired
   later (chains: M40 → M16 → M10, M44 → M18 → M04).
4. **Purchases** = the year's market total (``MARKET_2005`` × the growth of ``GROWTH``: the 2009
   recession, the 2020 dip and 2021 rebound) × the company's weight share, rounded to CNY 10,000.
5. **Calibration** — ``DRIFT`` is found by bisection so that the 2024 top-ten share is
   ``TARGET_TOP10`` (95%). The top ten of 2024 are then exactly M01–M10, and 2024 is the first
   year they reach 95%.
6. **Contracts** — each top-ten customer's chain of back-to-back contracts (``CHAINS``: the term
   of the current one first, then the ones before), current ones in force in 2025. At each
   start, our volume is our planned share of the customer's purchases the year before divided
   by the start price; the start price follows a coatings price index, lower for bigger
   customers (buying power); unit cost follows a cost index; the price-down is steeper for bigger
   customers; the investment (colour-matching lab, line trials, a tinting station at the
   customer's plant) is a share of the first year's revenue.

All randomness comes from one ``numpy.random.default_rng(MANUFACTURER_SEED)`` drawn in a fixed
order. ``tests/test_datasets_manufacturer.py`` checks that this code reproduces the committed
files byte for byte and that the calibration figures hold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
MANUFACTURER_SEED = 20050601
YEARS = tuple(range(2005, 2025))

#: The final top ten (fixed ids and names; the buying-centre data uses the same ids).
TOP10 = (
    ("M01", "Northstar Appliances", "北星电器"),
    ("M02", "Great Lakes Home", "大湖家居"),
    ("M03", "Keystone Appliance Group", "基石家电集团"),
    ("M04", "Pacific Home Products", "太平洋家居用品"),
    ("M05", "Summit Cooling", "顶峰制冷"),
    ("M06", "Liberty Kitchen Works", "自由厨具"),
    ("M07", "Prairie Laundry", "草原洗衣设备"),
    ("M08", "Atlantic Housewares", "大西洋家用器具"),
    ("M09", "Redwood Climate", "红杉空调"),
    ("M10", "Bluewater Appliance", "蓝水电器"),
)
_STEMS = (
    ("Cedar", "雪松"), ("Harbor", "港湾"), ("Ironwood", "铁木"), ("Maple", "枫叶"),
    ("Granite", "花岗岩"), ("Silverline", "银线"), ("Eagle", "鹰牌"), ("Frontier", "边疆"),
    ("Heartland", "腹地"), ("Lakeside", "湖畔"), ("Midwest", "中西部"), ("Oakridge", "橡树岭"),
    ("Pioneer", "先锋"), ("Riverbend", "河湾"), ("Sierra", "山脉"), ("Timberline", "林线"),
    ("Union", "联合"), ("Valley", "山谷"), ("Westfield", "西野"), ("Yorktown", "约克镇"),
    ("Aspen", "白杨"), ("Beacon", "灯塔"), ("Cardinal", "红雀"), ("Delta", "三角洲"),
    ("Empire", "帝国"), ("Falcon", "猎鹰"), ("Garnet", "石榴石"), ("Highland", "高地"),
    ("Ivory", "象牙"), ("Juniper", "杜松"), ("Kingston", "金斯顿"), ("Lincoln", "林肯"),
    ("Monarch", "君主"), ("Nordic", "北欧"), ("Orchard", "果园"), ("Patriot", "爱国者"),
    ("Ranger", "游骑兵"), ("Shoreline", "海岸线"), ("Tristate", "三州"), ("Unity", "团结"),
    ("Vista", "远景"), ("Willow", "柳树"),
)
_SUFFIXES = (
    ("Appliances", "电器"), ("Home", "家居"), ("Kitchen", "厨具"), ("Cooling", "制冷"),
    ("Laundry", "洗衣设备"), ("Housewares", "家用器具"), ("Climate", "空调"),
    ("Home Products", "家居用品"),
)

#: Company ids in their 2005 size rank (1 = largest).
RANK_2005 = ("M01", "M03", "M11", "M02", "M04", "M12", "M05", "M06", "M13", "M07", "M08", "M14",
             "M09", "M15", "M10", *(f"M{i}" for i in range(16, 53)))
ZIPF = 0.92  # 2005 size ∝ rank^−ZIPF ...
SIZE_NOISE = 0.10  # ... × exp(N(0, SIZE_NOISE)), truncated at ±3 sd
OWN_DRIFT_SD = 0.012  # company-specific yearly log-growth, sd
SHOCK_SD = 0.035  # yearly shock, sd
TARGET_TOP10 = 0.9502  # the 2024 top-ten share the calibration aims at (seed 000: 95%)

#: (year, acquirer, target): from the year on, the acquirer's purchases include the target's.
MERGERS = (
    (2006, "M04", "M31"), (2007, "M16", "M40"), (2008, "M02", "M22"), (2009, "M09", "M35"),
    (2010, "M03", "M11"), (2011, "M06", "M27"), (2012, "M10", "M16"), (2013, "M01", "M14"),
    (2014, "M18", "M44"), (2015, "M05", "M13"), (2016, "M07", "M25"), (2017, "M08", "M20"),
    (2018, "M02", "M12"), (2019, "M04", "M18"), (2020, "M09", "M17"), (2021, "M01", "M15"),
    (2022, "M10", "M23"), (2023, "M06", "M19"), (2023, "M08", "M21"), (2024, "M03", "M24"),
)

MARKET_2005 = 4.2e9  # CNY: the appliance makers' purchases of the coatings in 2005
#: Yearly growth of the market total, 2006 … 2024 (the 2009 recession, the 2020 dip).
GROWTH = (0.035, 0.02, -0.04, -0.12, 0.07, 0.03, 0.025, 0.03, 0.035, 0.03, 0.02, 0.03, 0.025,
          0.015, -0.03, 0.09, 0.04, 0.01, 0.02)

#: Each top-ten customer's contracts, the current one (in force in 2025) first: (its start
#: year, the terms in years of the current contract and those before it, newest first).
CHAINS = {
    "M01": (2022, (5, 5, 4)), "M02": (2023, (4, 3, 5)), "M03": (2021, (5, 4, 3)),
    "M04": (2024, (3, 5, 4)), "M05": (2025, (5, 5, 3)), "M06": (2023, (5, 3, 4)),
    "M07": (2022, (4, 4, 5)), "M08": (2024, (4, 3, 3)), "M09": (2025, (3, 4, 5)),
    "M10": (2023, (4, 3, 4)),
}
PRICE_2010 = 36_000  # CNY / t, the coatings price index in 2010 ...
PRICE_GROWTH = 0.018  # ... rising by this a year
COST_RATIO = 0.80  # unit cost index / price index
BUYING_POWER = 0.035  # start price × (purchases / CNY 500m)^−BUYING_POWER
OUR_SHARE = (0.30, 0.55)  # our planned share of a customer's purchases at a contract's start
RATE = 0.09  # our discount rate (WACC), every contract


def _names() -> pd.DataFrame:
    rows = list(TOP10)
    for i, (stem, suffix) in enumerate(zip(_STEMS, _SUFFIXES * 6)):
        rows.append((f"M{11 + i}", f"{stem[0]} {suffix[0]}", f"{stem[1]}{suffix[1]}"))
    return pd.DataFrame(rows, columns=["account_id", "company", "company_zh"])


def _normal(rng, size) -> np.ndarray:
    return np.clip(rng.standard_normal(size), -3.0, 3.0)


def _weights(drift: float, draws) -> np.ndarray:
    """Yearly weights (years × companies, columns in RANK_2005 order) after the mergers."""
    size0, own, shocks = draws
    top = np.isin(RANK_2005, [c for c, _, _ in TOP10])
    growth = np.where(top, drift / 2, -drift / 2) + own
    index = {c: i for i, c in enumerate(RANK_2005)}
    w = np.empty((len(YEARS), len(RANK_2005)))
    w[0] = size0
    alive = np.ones(len(RANK_2005), dtype=bool)
    for y in range(1, len(YEARS)):
        w[y] = w[y - 1] * np.exp(growth + shocks[y - 1])
        for year, acquirer, target in MERGERS:
            if year == YEARS[y]:
                w[y, index[acquirer]] += w[y, index[target]]
                alive[index[target]] = False
        w[y, ~alive] = 0.0
    return w


def _market_from(weights: np.ndarray) -> pd.DataFrame:
    totals = MARKET_2005 * np.cumprod((1.0, *(1.0 + g for g in GROWTH)))
    purchases = np.round(totals[:, None] * weights / weights.sum(axis=1, keepdims=True), -4)
    names = _names().set_index("account_id")
    rows = []
    for y, year in enumerate(YEARS):
        for i, company in enumerate(RANK_2005):
            if weights[y, i] > 0:
                rows.append((year, company, *names.loc[company], int(purchases[y, i])))
    out = pd.DataFrame(rows, columns=["year", "account_id", "company", "company_zh", "purchases"])
    return out.sort_values(["year", "account_id"], ignore_index=True)


def _top10_share(weights: np.ndarray) -> float:
    """The top-ten share of the last year."""
    w = np.sort(weights[-1])[::-1]
    return float(w[:10].sum() / w.sum())


def _draws(rng):
    n = len(RANK_2005)
    size0 = np.arange(1, n + 1, dtype=float) ** -ZIPF * np.exp(SIZE_NOISE * _normal(rng, n))
    own = OWN_DRIFT_SD * _normal(rng, n)
    shocks = SHOCK_SD * _normal(rng, (len(YEARS) - 1, n))
    return size0, own, shocks


def _calibrated_market(rng) -> pd.DataFrame:
    draws = _draws(rng)
    low, high = 0.0, 0.5
    for _ in range(60):  # bisection: the top-ten share of 2024 rises with the drift
        mid = (low + high) / 2
        if _top10_share(_weights(mid, draws)) < TARGET_TOP10:
            low = mid
        else:
            high = mid
    return _market_from(_weights(high, draws))


def _contracts(rng, market: pd.DataFrame) -> pd.DataFrame:
    purchases = market.set_index(["year", "account_id"])["purchases"]
    rows = []
    for account, (start, terms) in CHAINS.items():
        share = rng.uniform(*OUR_SHARE)
        starts, s = [], start
        for term in terms:  # the current contract first, then back in time
            starts.append((s, term))
            if len(starts) < len(terms):
                s -= terms[len(starts)]
        for first, term in sorted(starts):
            bought = float(purchases[(first - 1, account)])
            index = PRICE_2010 * (1 + PRICE_GROWTH) ** (first - 2010)
            price = index * (bought / 5e8) ** -BUYING_POWER * np.exp(0.02 * _normal(rng, 1)[0])
            cost = COST_RATIO * index * np.exp(0.015 * _normal(rng, 1)[0])
            price, cost = round(price, -1), round(cost, -1)
            mine = share * np.exp(0.08 * _normal(rng, 1)[0])
            volume = int(round(mine * bought / price, -1))
            price_down = 0.01 if bought < 3e8 else 0.015 if bought < 6e8 else 0.02 if bought < 9e8 \
                else 0.025
            cost_down = float(rng.choice([0.01, 0.015, 0.02]))
            investment = int(round(rng.uniform(0.015, 0.04) * volume * price, -4))
            rows.append((f"{account}-{first}", account, first, term, volume, price, cost,
                         price_down, cost_down, investment, RATE))
    out = pd.DataFrame(rows, columns=["contract_id", "account_id", "start_year", "term_years",
                                      "volume", "start_price", "unit_cost", "price_down",
                                      "cost_down", "investment", "rate"])
    for col in ("start_price", "unit_cost"):
        out[col] = out[col].astype("int64")
    return out.sort_values(["account_id", "start_year"], ignore_index=True)


def build_all() -> dict[str, pd.DataFrame]:
    """The three tables, by name (the file's stem)."""
    rng = np.random.default_rng(MANUFACTURER_SEED)
    market = _calibrated_market(rng)
    mergers = pd.DataFrame(MERGERS, columns=["year", "acquirer", "target"])
    return {"manufacturer_market": market, "manufacturer_mergers": mergers,
            "manufacturer_contracts": _contracts(rng, market)}


def build_manufacturer_market() -> pd.DataFrame:
    return build_all()["manufacturer_market"]


def build_manufacturer_mergers() -> pd.DataFrame:
    return build_all()["manufacturer_mergers"]


def build_manufacturer_contracts() -> pd.DataFrame:
    return build_all()["manufacturer_contracts"]


def to_csv_text(df: pd.DataFrame) -> str:
    """The exact text of a dataset's CSV file: UTF-8, header row, no index, ``\\n`` line ends."""
    return df.to_csv(index=False, lineterminator="\n")


def write_all(folder: Path = HERE) -> list[Path]:
    paths = []
    for name, df in build_all().items():
        path = folder / f"{name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(to_csv_text(df))
        paths.append(path)
    return paths


def check_all(folder: Path = HERE) -> list[str]:
    """One message per committed CSV that differs from a fresh build."""
    problems = []
    for name, df in build_all().items():
        path = folder / f"{name}.csv"
        if not path.exists():
            problems.append(f"{path.name}: missing")
        elif path.read_text(encoding="utf-8") != to_csv_text(df):
            problems.append(f"{path.name}: differs from the generator")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate module 6's manufacturer datasets.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on a difference")
    args = parser.parse_args(argv)
    if args.check:
        problems = check_all()
        print("\n".join(problems) or "OK: the manufacturer CSVs match the generator.",
              file=sys.stderr if problems else sys.stdout)
        return 1 if problems else 0
    for path in write_all():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
