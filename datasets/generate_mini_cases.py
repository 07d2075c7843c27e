"""Generate the two mini-case tables of module 6 (seed 000's appendix): ``oil_bulk_accounts`` and
``dealers``.

Usage, from the repository root::

    python datasets/generate_mini_cases.py          # (re)write the two CSV files beside it
    python datasets/generate_mini_cases.py --check  # write nothing; exit 1 if a file differs

Only numpy, pandas and the standard library are used (no kamlab): the package's analysis
(``kamlab.cases.oil``, ``kamlab.cases.dealers``) is tested against these files, not the other
way round. Data cards: ``datasets/oil_bulk_accounts.md`` and ``datasets/dealers.md``.

Mini-case 1 — a large US branded oil products maker (一家大型的美国品牌石油产品厂商)
-----------------------------------------------------------------------------------------
Seed 000: in the bulk division (整批无包装产品部门) a few customers make 60% of the volume,
margins are low and relations poor. The table is that division's 120 accounts for one year:

1. **Volume** — the five largest accounts are set by hand (112,000 … 38,000 t, together 360,000
   t); the other 115 are lognormal, scaled to 240,000 t exactly (largest remainder rounding),
   so the top 5 hold exactly 60.0% of the 600,000 t.
2. **Price** — a list price less a discount that grows with log volume (big buyers use their
   weight), plus noise. **Unit cost** — product cost plus a delivery cost that falls with the
   drop size, plus noise. The top five are set by hand: thin or negative unit margins on
   several of them, the case's problem.
3. **Unit margin** = price − unit cost; **revenue** = volume × price; **gross margin** =
   volume × unit margin, exactly.
4. **Strategic importance** and **relationship** (1–5): the top five by hand (relations poor);
   the others drawn, importance a little higher in growing industries.
5. **Response** ``a``: extra tonnes a year a rep's effort wins, v(h) = a·√h for h hours;
   a = RESPONSE_SCALE × √volume × lognormal noise, whole tonnes per √hour.

Mini-case 2 — a supplier of forms and computer systems to car dealers
---------------------------------------------------------------------
Seed 000 (为汽车特许经销商提供会计帐表票据及计算机系统的供应商): three segments — emerging large
chains (50 dealers, 15% of the business), emerging multi-unit chains (500, 35%) and other small
dealers (20,000, 50%). One row per dealer:

1. **Segment** — exact counts, shuffled. **Rooftops** (dealership sites): large chains 30–200,
   multi-unit chains 3–25, small dealers 1 or 2.
2. **Revenue** (what the dealer buys from us a year, both divisions) — lognormal around
   rooftops × a per-rooftop median, then scaled per segment so the segments hold exactly 15% /
   35% / 50% of CNY 1,000 m (largest-remainder rounding: exact whole yuan).
3. **Forms / systems revenue** — the systems share of the dealer's revenue is beta-distributed
   per segment (chains buy more systems; most small dealers only forms).
4. **Wallet** — what the dealer spends a year on forms and systems from all suppliers:
   revenue / share of wallet, the share logit-normal per segment.
5. **Who calls on it today** — ``forms_rep`` / ``systems_rep``: each division's own field reps,
   drawn independently per segment (every large chain has both).
6. **Cannibalised** — the part of this year's systems revenue that replaced forms the dealer
   used to buy from our own forms division (electronic forms): higher where both divisions'
   reps call.
7. **Cost to serve today** — per division rep calling: a cost per dealer + a cost per rooftop;
   a dealer no rep calls on is served by the order desk. The unit costs are ``REP_COST`` and
   ``ORDER_DESK_COST`` here and ``kamlab.cases.dealers.CHANNELS`` in the package (a test checks
   they agree).

All randomness comes from ``numpy.random.default_rng(MINI_SEED)``, one stream per table, drawn
in a fixed order. Money is CNY (the cases' figures converted), whole yuan; volumes in tonnes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
MINI_SEED = 20060611

# ---------------------------------------------------------------------------------------------
# Mini-case 1: the oil products maker's bulk division
# ---------------------------------------------------------------------------------------------

N_OIL = 120
TOTAL_VOLUME = 600_000  # tonnes a year
#: the five largest accounts: (name, industry, volume t, price CNY/t, unit cost CNY/t,
#: strategic importance 1-5, relationship 1-5)
TOP_ACCOUNTS = [
    ("Great Plains Fleet Services", "fleet", 112_000, 7_640, 7_610, 4, 2),
    ("Gulf Coast Marine Fuels", "marine", 86_000, 7_720, 7_790, 3, 1),
    ("Midland Industrial Lubricants", "distributor", 71_000, 7_790, 7_660, 5, 2),
    ("Keystone Rail Freight", "rail", 53_000, 7_830, 7_845, 4, 2),
    ("Summit Construction Equipment", "construction", 38_000, 7_900, 7_715, 2, 3),
]
LIST_PRICE = 8_300  # CNY / t
DISCOUNT_BASE, DISCOUNT_PER_LOG, DISCOUNT_NOISE = 0.02, 0.012, 0.008  # at 1,000 t, per log(v/1000)
PRODUCT_COST, DELIVERY_COST, COST_NOISE = 7_200, 250, 70  # delivery at 1,000 t, ∝ v^-0.25
VOLUME_SIGMA = 1.0
INDUSTRIES = ("fleet", "distributor", "manufacturing", "construction", "agriculture", "marine",
              "rail", "mining")
#: industries growing in the division's plan: strategic importance one point higher on average
GROWING = ("manufacturing", "marine", "mining")
RESPONSE_SCALE = 0.45  # extra t per √hour per √(t of volume)
RESPONSE_SIGMA = 0.3

_PLACES = ("Lakeside", "Prairie", "Riverbend", "Harbor", "Pinecrest", "Redstone", "Bayview",
           "Northfield", "Oakridge", "Silver Creek", "Eastgate", "Westbrook", "Canyon", "Granite",
           "Maple Valley", "Sunbelt", "Tri-County", "Bluewater", "Highland", "Ironwood")
_KINDS = {"fleet": "Trucking", "distributor": "Oil Distributors", "manufacturing": "Manufacturing",
          "construction": "Contractors", "agriculture": "Farm Supply", "marine": "Marine",
          "rail": "Short Line Railroad", "mining": "Mining"}

OIL_COLUMNS = ["account_id", "name", "industry", "volume", "price", "unit_cost", "unit_margin",
               "revenue", "gross_margin", "strategic_importance", "relationship", "response"]


def _largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Whole numbers proportional to ``weights`` that add up to ``total`` exactly."""
    raw = weights / weights.sum() * total
    out = np.floor(raw).astype(np.int64)
    short = total - int(out.sum())
    out[np.argsort(-(raw - out), kind="stable")[:short]] += 1
    return out


def build_oil_bulk_accounts(seed: int = MINI_SEED) -> pd.DataFrame:
    """The bulk division's accounts: one row per account, one year (seed 000, mini-case 1)."""
    rng = np.random.default_rng(seed)
    n_top = len(TOP_ACCOUNTS)
    n = N_OIL - n_top
    top_volume = sum(row[2] for row in TOP_ACCOUNTS)

    # 1. volume of the other accounts, scaled to the rest of the division exactly
    draws = np.exp(VOLUME_SIGMA * np.clip(rng.standard_normal(n), -3, 3))
    volume = _largest_remainder(draws, TOTAL_VOLUME - top_volume)
    industry = rng.choice(INDUSTRIES, size=n)

    # 2. price and unit cost
    log_v = np.log(volume / 1_000)
    discount = DISCOUNT_BASE + DISCOUNT_PER_LOG * log_v + DISCOUNT_NOISE * rng.standard_normal(n)
    price = np.round(LIST_PRICE * (1 - np.clip(discount, 0.0, 0.12))).astype(np.int64)
    unit_cost = np.round(PRODUCT_COST + DELIVERY_COST * (volume / 1_000) ** -0.25
                         + COST_NOISE * rng.standard_normal(n)).astype(np.int64)

    # 4. strategic importance and relationship
    lift = np.isin(industry, GROWING).astype(float)
    importance = np.clip(np.round(2.6 + lift + 1.0 * rng.standard_normal(n)), 1, 5)
    relationship = np.clip(np.round(3.2 + 0.9 * rng.standard_normal(n)), 1, 5)

    # names: a place and the industry's trade word, a place used once per industry
    places = np.empty(n, dtype=object)
    for kind in INDUSTRIES:
        at = np.flatnonzero(industry == kind)
        places[at] = rng.permutation(_PLACES)[: at.size]
    names = [f"{p} {_KINDS[k]}" for p, k in zip(places, industry)]

    top = pd.DataFrame(TOP_ACCOUNTS, columns=["name", "industry", "volume", "price", "unit_cost",
                                              "strategic_importance", "relationship"])
    rest = pd.DataFrame({"name": names, "industry": industry, "volume": volume, "price": price,
                         "unit_cost": unit_cost, "strategic_importance": importance,
                         "relationship": relationship})
    df = pd.concat([top, rest], ignore_index=True)
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)  # rows in no order
    for col in ["volume", "price", "unit_cost", "strategic_importance", "relationship"]:
        df[col] = df[col].astype(np.int64)

    # 3. margins, exactly; 5. response
    df["unit_margin"] = df["price"] - df["unit_cost"]
    df["revenue"] = df["volume"] * df["price"]
    df["gross_margin"] = df["volume"] * df["unit_margin"]
    noise = np.exp(RESPONSE_SIGMA * np.clip(rng.standard_normal(len(df)), -3, 3))
    df["response"] = np.maximum(np.round(RESPONSE_SCALE * np.sqrt(df["volume"]) * noise),
                                1).astype(np.int64)
    df.insert(0, "account_id", [f"OB{i:03d}" for i in range(1, len(df) + 1)])
    return df[OIL_COLUMNS]


# ---------------------------------------------------------------------------------------------
# Mini-case 2: the forms and computer systems supplier to car dealers
# ---------------------------------------------------------------------------------------------

TOTAL_BUSINESS = 1_000_000_000  # CNY a year, both divisions
#: segment: (dealers, share of the business, rooftops (low, median, high), revenue per rooftop
#: median CNY, systems share of revenue (beta a, b), share with any systems revenue,
#: median share of wallet, forms-rep and systems-rep call rates)
DEALER_SEGMENTS = {
    "key_chain": (50, 0.15, (30, 70, 200), 43_000, (6, 4), 1.00, 0.40, 1.00, 1.00),
    "multi_unit": (500, 0.35, (3, 10, 25), 65_000, (5, 5), 0.95, 0.30, 0.85, 0.75),
    "small_dealer": (20_000, 0.50, (1, 1, 2), 24_000, (2, 6), 0.35, 0.50, 0.25, 0.10),
}
SMALL_TWO_ROOFTOPS = 0.10  # share of small dealers with a second site
REVENUE_SIGMA = 0.5
SHARE_SIGMA = 0.6  # logit-normal spread of the share of wallet
SHARE_RANGE = (0.05, 0.95)
CANNIBAL_BOTH = (0.10, 0.30)  # share of systems revenue that replaced our forms: both reps call
CANNIBAL_ONE = (0.00, 0.10)  # ... otherwise
#: today's field cost, CNY a year: per division rep calling = per dealer + per rooftop; a dealer
#: no rep calls on orders through the order desk (the same cost as telesales in the package)
REP_COST = (3_000, 1_200)
ORDER_DESK_COST = (600, 100)

DEALER_COLUMNS = ["account_id", "segment", "rooftops", "forms_revenue", "systems_revenue",
                  "revenue", "wallet", "forms_rep", "systems_rep", "cannibalised",
                  "cost_to_serve"]


def build_dealers(seed: int = MINI_SEED) -> pd.DataFrame:
    """The car-dealer customer base: one row per dealer, one year (seed 000, mini-case 2)."""
    rng = np.random.default_rng(seed + 1)
    names = list(DEALER_SEGMENTS)
    counts = [DEALER_SEGMENTS[s][0] for s in names]
    n = sum(counts)
    segment = rng.permutation(np.repeat(np.arange(len(names)), counts))

    def seg(index):
        return np.array([DEALER_SEGMENTS[s][index] for s in names], dtype=object)[segment]

    # 1. rooftops
    rooftops = np.ones(n, dtype=np.int64)
    for k, name in enumerate(names):
        low, median, high = DEALER_SEGMENTS[name][2]
        at = segment == k
        if name == "small_dealer":
            rooftops[at] = 1 + (rng.random(at.sum()) < SMALL_TWO_ROOFTOPS)
        else:
            drawn = median * np.exp(0.5 * rng.standard_normal(at.sum()))
            rooftops[at] = np.clip(np.round(drawn), low, high)

    # 2. revenue, scaled to the seed's shares exactly
    per_rooftop = seg(3).astype(float)
    raw = rooftops * per_rooftop * np.exp(REVENUE_SIGMA * np.clip(rng.standard_normal(n), -3, 3))
    revenue = np.zeros(n, dtype=np.int64)
    for k, name in enumerate(names):
        at = segment == k
        revenue[at] = _largest_remainder(raw[at], round(DEALER_SEGMENTS[name][1] * TOTAL_BUSINESS))

    # 3. forms / systems split
    a = np.array([DEALER_SEGMENTS[s][4][0] for s in names])[segment]
    b = np.array([DEALER_SEGMENTS[s][4][1] for s in names])[segment]
    has_systems = rng.random(n) < seg(5).astype(float)
    systems_share = np.where(has_systems, rng.beta(a, b), 0.0)
    systems_revenue = np.round(revenue * systems_share).astype(np.int64)
    forms_revenue = revenue - systems_revenue

    # 4. wallet
    median = seg(6).astype(float)
    logit = np.log(median / (1 - median)) + SHARE_SIGMA * np.clip(rng.standard_normal(n), -3, 3)
    share = np.clip(1 / (1 + np.exp(-logit)), *SHARE_RANGE)
    wallet = np.maximum(np.round(revenue / share).astype(np.int64), revenue)

    # 5. who calls on it today
    forms_rep = rng.random(n) < seg(7).astype(float)
    systems_rep = (rng.random(n) < seg(8).astype(float)) & (has_systems | (segment < 2))

    # 6. cannibalisation
    both = forms_rep & systems_rep
    rate = np.where(both, rng.uniform(*CANNIBAL_BOTH, n), rng.uniform(*CANNIBAL_ONE, n))
    cannibalised = np.round(systems_revenue * rate).astype(np.int64)

    # 7. today's cost to serve
    calling = forms_rep.astype(np.int64) + systems_rep.astype(np.int64)
    rep = REP_COST[0] + REP_COST[1] * rooftops
    desk = ORDER_DESK_COST[0] + ORDER_DESK_COST[1] * rooftops
    cost_to_serve = np.where(calling > 0, calling * rep, desk).astype(np.int64)

    df = pd.DataFrame({
        "account_id": [f"D{i:05d}" for i in range(1, n + 1)],
        "segment": np.array(names)[segment],
        "rooftops": rooftops,
        "forms_revenue": forms_revenue,
        "systems_revenue": systems_revenue,
        "revenue": revenue,
        "wallet": wallet,
        "forms_rep": forms_rep,
        "systems_rep": systems_rep,
        "cannibalised": cannibalised,
        "cost_to_serve": cost_to_serve,
    })
    return df[DEALER_COLUMNS]


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------

def build_all() -> dict[str, pd.DataFrame]:
    """Both mini-case tables, by dataset name (the file's stem)."""
    return {"oil_bulk_accounts": build_oil_bulk_accounts(), "dealers": build_dealers()}


def to_csv_text(df: pd.DataFrame) -> str:
    """The exact text of a dataset's CSV file: UTF-8, header row, no index, ``\\n`` line ends."""
    return df.to_csv(index=False, lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the module-6 mini-case datasets.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a committed CSV differs")
    args = parser.parse_args(argv)
    stale = []
    for name, df in build_all().items():
        path = HERE / f"{name}.csv"
        text = to_csv_text(df)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
            continue
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        print(f"wrote {path}")
    if stale:
        print(f"out of date: {', '.join(stale)} (run python datasets/generate_mini_cases.py)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
