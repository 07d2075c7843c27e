"""Generate the bundled kamlab datasets: synthetic, deterministic, calibrated to the seeds.

Usage, from any directory::

    python datasets/generate.py          # (re)write the CSV files beside this script
    python datasets/generate.py --check  # write nothing; exit 1 if a committed CSV differs

``datasets/`` is not a package: tests load this file by path and call :func:`build_all` and
:func:`to_csv_text`, so a committed CSV is always exactly what this code produces. Only numpy
and pandas (and the standard library) are used.

Calibration approach
--------------------
``customers`` is the customer book of a fictional Chinese chemicals distributor. It should
reproduce the figures of the seed documents -- seed 000: "3% of customers make 50% of sales",
"75% of profit contribution comes from 11% of customers", a typical portfolio whose top 4% of
customers get the least salesperson time; seed 004: the ABC split 20% / 20% / 60% of customers
holding ~80% / ~15% / ~5% of sales -- while looking like a real book, not a formula. It is built
in causal order, each column from plain distributions with a few named constants:

1. **Revenue** is a three-tier mixture of lognormals: 4% key accounts, 36% regular accounts and
   60% small, occasional buyers. One lognormal cannot give both a 50% top-3% share and a bottom
   60% holding only 5%; three tiers can. Tier sizes are exact counts, the tiers are shuffled
   (ranking is a real step for the trainee), and the normal draws are stratified (Latin
   hypercube) and truncated at +-3, so the figures come from the model rather than a lucky seed.
2. **Gross margin** is revenue times a margin rate (8-25%) set by industry, slightly lower for
   bigger accounts, plus noise.
3. **Sales hours** rise with revenue and saturate (a logistic curve in log revenue): the long
   tail of small accounts takes most of the sales force's time, the key accounts the least.
4. **Cost to serve** = a fixed amount per account + a cost per order (orders grow less than
   proportionally with revenue: bigger accounts order in bigger drops) + financing of
   receivables + sales hours at a loaded hourly cost + a special-service cost for 10% of
   accounts (consignment stock, rush orders, custom packing). The fixed and per-order parts make
   many small accounts loss-making; the special service puts a few large accounts in the loss
   tail too, as real whale curves show.
5. **Tenure** rises with size; **share of wallet** is logit-normal and rises with tenure;
   **wallet** (the customer's total spend on what we sell) = revenue / share of wallet.
6. **Scores** (1-5) are noisy latent variables tied to the economics (volume potential to
   wallet, relationship to tenure and share of wallet, bargaining position inversely to size,
   ...), cut at fixed normal quantiles, so every value and every grid cell is populated.

The constants were tuned by hand against the seed figures; ``tests/test_datasets.py`` asserts
each figure with the tolerance given in ``datasets/customers.md``, so a change that breaks the
calibration fails. All randomness comes from one ``numpy.random.default_rng(SEED)`` drawn in a
fixed order: changing the order of draws changes the data.

``telecom_segments`` is the three-row table of seed 002 (an Asian telecom operator's customer,
revenue and EBIT shares by segment); it involves no randomness.

The module-4 tables (``contract_case``, ``contract_terms``, ``negotiation_rounds``,
``industry_plants``, ``industry_demand``, ``tco_offers``, ``evc_case``) are one automotive
supply case built from named constants and closed-form calibrations, with no randomness: the
negotiation rounds reproduce seed 000's indexed contract NPV on the contract case, and the
other tables are calibrated as their section below explains.

``bank_customers`` (module 5) is the 300,000-customer book of seed 000's international bank,
built by ``datasets/generate_bank.py`` (its docstring explains the model). It is too large for a
plain CSV, so it is written as ``bank_customers.csv.gz`` and built only when asked:
``build_all(compressed=True)``, as :func:`write_all` and ``--check`` do.

Module 6's tables come from three generators beside this file, each with its own seed and
model: ``generate_manufacturer.py`` (the customer market, mergers and contracts of seed 000's
US manufacturer), ``generate_buying_centre.py`` (the top 10 customers' buying centres and who
on our side covers whom) and ``generate_mini_cases.py`` (the oil maker's bulk accounts, the
car dealers); ``generate_cards.py`` makes the key-account cards' profiles, 36 months of
transactions and credit for the 250 largest accounts of ``customers``. This file builds and
checks them with the others.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import importlib.util
import sys
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
SEED = 20240615
N_ACCOUNTS = 3000

# ---------------------------------------------------------------------------------------------
# Categories
# ---------------------------------------------------------------------------------------------

# industry: (share of accounts, margin-rate offset, growth effect, differentiation effect,
#            product words used in company names)
INDUSTRIES = {
    "Coatings": (0.18, 0.000, 0.0, 0.2, ["涂料", "油漆", "涂装材料", "树脂"]),
    "Plastics": (0.20, -0.010, 0.0, -0.2, ["塑料", "塑胶", "高分子材料", "塑业"]),
    "Textiles": (0.14, -0.020, -0.6, -0.4, ["纺织", "印染", "化纤", "织造"]),
    "Pharmaceuticals": (0.09, 0.030, 0.6, 0.6, ["制药", "医药", "药业", "生物医药"]),
    "Electronics": (0.11, 0.020, 0.8, 0.5, ["电子", "电子材料", "微电子", "光电"]),
    "Agrochemicals": (0.10, 0.000, -0.2, 0.0, ["农化", "农药", "化肥", "作物科技"]),
    "Construction": (0.10, -0.015, -0.3, -0.3, ["建材", "防水材料", "新型建材", "保温材料"]),
    "Personal care": (0.08, 0.015, 0.4, 0.3, ["日化", "化妆品", "洗涤用品", "个人护理用品"]),
}

# region: (share of accounts, salesperson numbers, place names used in company names)
REGIONS = {
    "East": (0.34, range(1, 9), ["江苏", "浙江", "上海", "山东", "安徽", "苏州", "宁波", "常州", "福建"]),
    "South": (0.20, range(9, 14), ["广东", "深圳", "东莞", "佛山", "广州", "广西", "海南"]),
    "North": (0.12, range(14, 17), ["北京", "天津", "河北", "山西", "内蒙古", "唐山"]),
    "Central": (0.13, range(17, 20), ["河南", "湖北", "湖南", "江西", "武汉", "长沙", "郑州"]),
    "Southwest": (0.09, range(20, 22), ["四川", "重庆", "云南", "贵州", "成都"]),
    "Northeast": (0.07, range(22, 24), ["辽宁", "吉林", "黑龙江", "大连", "沈阳"]),
    "Northwest": (0.05, range(24, 25), ["陕西", "甘肃", "新疆", "宁夏", "西安", "青海"]),
}

# Generic trade names (字号); combinations are invented, any match with a real firm is chance.
BRANDS = (
    "恒达 华盛 金鑫 瑞丰 宏远 永泰 新亚 联创 天成 鼎盛 嘉禾 华美 东方 长盛 海鹰 盛泰 "
    "中泰 国瑞 华信 万通 富源 兴隆 润华 凯达 安捷 明辉 正合 利民 顺发 鸿运 德丰 龙腾 "
    "宝丰 伟业 博远 大川 通达 佳利 精诚 信达 华通 森林 蓝天 三合 金桥 圣达 海纳 嘉诚 "
    "银河 金龙 锦程 汇盈 泰和 远东 新禾 光华 同创 昌盛 晨光 立新 恒信 荣达 久和 汉森 "
    "高远 阳光 昊天 东升 华宇 振华 百川 宏达 中和 福瑞 康泰 丰源 建业 冠华 时代 金安"
).split()
LEGAL_FORMS = {  # key accounts are more often listed companies or groups
    "key": ["股份有限公司", "集团有限公司", "有限公司"],
    "other": ["有限公司"] * 5 + ["实业有限公司", "股份有限公司"],
}

# ---------------------------------------------------------------------------------------------
# Calibration constants (see the module docstring). Money in CNY per year.
# ---------------------------------------------------------------------------------------------

# revenue tier: (share of accounts, log-revenue offset from the small-account median, sigma)
TIERS = {
    "key": (0.04, 4.9, 0.92),
    "regular": (0.36, 2.8, 0.50),
    "small": (0.60, 0.0, 0.70),
}
SMALL_MEDIAN_REVENUE = 70_000

MARGIN_RATE = 0.165  # typical gross-margin rate before the industry and size effects
MARGIN_RATE_SIZE = -0.005  # per standard deviation of log revenue: big accounts negotiate
MARGIN_RATE_NOISE = 0.025
MARGIN_RATE_RANGE = (0.08, 0.25)

HOURS_SMALL = 6.0  # sales hours / year at the small end of the curve ...
HOURS_LARGE = 28.0  # ... and the level it saturates at for the largest accounts
HOURS_MIDPOINT = 2.8  # log revenue (above the small median) where hours are halfway
HOURS_WIDTH = 0.5
HOURS_NOISE = 0.35  # lognormal sigma (mean-preserving)

FIXED_COST = 2_500  # per account: set-up, credit checks, master data, statements
FIXED_COST_NOISE = 0.35
ORDERS_AT_1M = 24  # orders / year from an account buying CNY 1M / year
ORDER_ELASTICITY = 0.75  # orders grow less than revenue: bigger accounts order bigger drops
ORDER_NOISE = 0.4
ORDER_COST = 900  # per order: delivery, handling, invoicing
CREDIT_DAYS = 45  # median payment terms ...
CREDIT_DAYS_SIZE = 12  # ... plus these days per standard deviation of log revenue
CREDIT_DAYS_NOISE = 15
FINANCING_RATE = 0.06  # yearly cost of money tied up in receivables
DEMANDING_SHARE = 0.10  # accounts that get special service (consignment stock, rush orders)
DEMANDING_RATE = 0.135  # its median cost as a share of the account's revenue
DEMANDING_NOISE = 0.4
HOURLY_COST = 400  # per sales hour, salary and travel included

TENURE_LOG_MEAN = 1.3  # median of the Poisson mean: about 3.7 years
TENURE_SIZE = 0.25
TENURE_NOISE = 0.5
TENURE_MAX = 35

SHARE_LOGIT = -1.3  # median share of wallet about 21% ...
SHARE_LOGIT_TENURE = 0.35  # ... higher for long-standing accounts
SHARE_LOGIT_NOISE = 0.9
SHARE_RANGE = (0.01, 0.95)

SCORE_CUTS = (-1.28, -0.44, 0.44, 1.28)  # standard-normal cuts: about 10/23/34/23/10 %

SCORE_COLUMNS = [
    "differentiation", "value_for_price", "preference", "access", "buying_rules",
    "volume_potential", "margin_potential", "relationship", "growth_potential",
    "bargaining_position", "our_attractiveness", "common_interest", "relationship_value",
]
CUSTOMER_COLUMNS = [
    "account_id", "name", "industry", "region", "owner", "revenue", "gross_margin",
    "cost_to_serve", "profit", "sales_hours", "wallet", "share_of_wallet", "tenure_years",
    *SCORE_COLUMNS,
]

_NORMAL = NormalDist()
_TRUNCATE = (_NORMAL.cdf(-3.0), _NORMAL.cdf(3.0))


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _standardize(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / x.std()


def _stratified_normal(rng: np.random.Generator, n: int) -> np.ndarray:
    """n standard-normal draws, one from each of n equal-probability strata, in random order.

    The sample's quantiles then follow the normal distribution closely (Latin hypercube
    sampling); truncation at +-3 keeps one extreme draw from dominating a whole book.
    """
    u = np.clip((rng.permutation(n) + rng.random(n)) / n, *_TRUNCATE)
    return np.array([_NORMAL.inv_cdf(p) for p in u])


def _score(latent: np.ndarray) -> np.ndarray:
    """Cut a latent variable, standardized, into integer scores 1..5."""
    return np.digitize(_standardize(latent), SCORE_CUTS).astype(np.int64) + 1


def _company_names(rng, region, industry, tier) -> list[str]:
    """Unique names: place + trade name + product word + legal form, e.g. 江苏恒达涂料有限公司."""
    names: list[str] = []
    seen: set[str] = set()
    for reg, ind, t in zip(region, industry, tier):
        places, products = REGIONS[reg][2], INDUSTRIES[ind][4]
        forms = LEGAL_FORMS["key" if t == "key" else "other"]
        name = ""
        while not name or name in seen:
            name = "".join(rng.choice(part) for part in (places, BRANDS, products, forms))
        seen.add(name)
        names.append(name)
    return names


# ---------------------------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------------------------


def build_customers() -> pd.DataFrame:
    """The synthetic customer book: 3,000 accounts of a chemicals distributor (seed 000)."""
    rng = np.random.default_rng(SEED)
    n = N_ACCOUNTS

    # who the accounts are
    counts = {t: round(share * n) for t, (share, _, _) in TIERS.items()}
    tier = rng.permutation(np.repeat(list(counts), list(counts.values())))
    industry = rng.choice(list(INDUSTRIES), size=n, p=[v[0] for v in INDUSTRIES.values()])
    region = rng.choice(list(REGIONS), size=n, p=[v[0] for v in REGIONS.values()])
    owner = [f"S{rng.choice(REGIONS[r][1]):02d}" for r in region]
    name = _company_names(rng, region, industry, tier)

    # 1. revenue: three-tier lognormal mixture
    z = np.empty(n)
    for t in TIERS:
        z[tier == t] = _stratified_normal(rng, counts[t])
    log_rev = np.array([TIERS[t][1] for t in tier]) + np.array([TIERS[t][2] for t in tier]) * z
    revenue = np.round(SMALL_MEDIAN_REVENUE * np.exp(log_rev)).astype(np.int64)
    size = _standardize(log_rev)

    # 2. gross margin
    margin_rate = np.clip(
        MARGIN_RATE
        + np.array([INDUSTRIES[i][1] for i in industry])
        + MARGIN_RATE_SIZE * size
        + MARGIN_RATE_NOISE * rng.normal(size=n),
        *MARGIN_RATE_RANGE,
    )
    gross_margin = np.round(revenue * margin_rate).astype(np.int64)

    # 3. sales hours: rise with size, then saturate
    curve = 1 / (1 + np.exp(-(log_rev - HOURS_MIDPOINT) / HOURS_WIDTH))
    hours = (HOURS_SMALL + (HOURS_LARGE - HOURS_SMALL) * curve) * np.exp(
        HOURS_NOISE * rng.normal(size=n) - HOURS_NOISE**2 / 2
    )
    sales_hours = np.round(hours, 1)

    # 4. cost to serve = fixed + orders + receivables financing + special service + sales time
    fixed = FIXED_COST * np.exp(FIXED_COST_NOISE * rng.normal(size=n))
    orders = ORDERS_AT_1M * (revenue / 1e6) ** ORDER_ELASTICITY * np.exp(
        ORDER_NOISE * _stratified_normal(rng, n)
    )
    credit_days = np.clip(
        CREDIT_DAYS + CREDIT_DAYS_SIZE * size + CREDIT_DAYS_NOISE * rng.normal(size=n), 0, 120
    )
    financing = revenue * credit_days / 365 * FINANCING_RATE
    demanding = rng.permutation(n) < round(DEMANDING_SHARE * n)
    special = demanding * revenue * DEMANDING_RATE * np.exp(DEMANDING_NOISE * rng.normal(size=n))
    cost_to_serve = np.round(
        fixed + ORDER_COST * orders + financing + special + HOURLY_COST * sales_hours
    ).astype(np.int64)
    profit = gross_margin - cost_to_serve

    # 5. tenure, share of wallet, wallet
    tenure = np.minimum(
        rng.poisson(np.exp(TENURE_LOG_MEAN + TENURE_SIZE * size + TENURE_NOISE * rng.normal(size=n))),
        TENURE_MAX,
    ).astype(np.int64)
    tenure_z = _standardize(np.log1p(tenure))
    logit = SHARE_LOGIT + SHARE_LOGIT_TENURE * tenure_z + SHARE_LOGIT_NOISE * rng.normal(size=n)
    share = np.clip(1 / (1 + np.exp(-logit)), *SHARE_RANGE)
    wallet = np.maximum(np.round(revenue / share).astype(np.int64), revenue)
    share_of_wallet = np.round(revenue / wallet, 4)

    # 6. scores: a latent variable per criterion = signal from the economics + noise
    def noise(scale: float = 1.0) -> np.ndarray:
        return scale * rng.normal(size=n)

    potential = _standardize(np.log(wallet))
    share_z = _standardize(logit)
    margin_z = _standardize(margin_rate)
    growth = np.array([INDUSTRIES[i][2] for i in industry])
    differentiation = np.array([INDUSTRIES[i][3] for i in industry])
    relationship = 0.5 * tenure_z + 0.5 * share_z + noise(0.8)
    latent = {
        "differentiation": differentiation + noise(),
        "value_for_price": 0.4 * margin_z + 0.5 * differentiation + noise(),
        "preference": 0.4 * share_z + noise(),
        "access": 0.3 * size + 0.3 * tenure_z + noise(),
        "buying_rules": -0.25 * size + noise(),  # big buyers run formal tenders
        "volume_potential": 0.8 * potential + noise(0.6),
        "margin_potential": 0.7 * margin_z + noise(0.7),
        "relationship": relationship,
        "growth_potential": growth + 0.3 * (potential - size) + noise(),
        "bargaining_position": -0.6 * size + noise(0.8),  # 5 = little buying power against us
        "our_attractiveness": 0.4 * relationship + 0.3 * differentiation + noise(),
        "common_interest": 0.4 * size + 0.3 * relationship + noise(),
        "relationship_value": 0.5 * potential + 0.3 * growth + noise(),
    }

    df = pd.DataFrame({
        "account_id": [f"C{i:04d}" for i in range(1, n + 1)],
        "name": name,
        "industry": industry,
        "region": region,
        "owner": owner,
        "revenue": revenue,
        "gross_margin": gross_margin,
        "cost_to_serve": cost_to_serve,
        "profit": profit,
        "sales_hours": sales_hours,
        "wallet": wallet,
        "share_of_wallet": share_of_wallet,
        "tenure_years": tenure,
        **{col: _score(latent[col]) for col in SCORE_COLUMNS},
    })
    return df[CUSTOMER_COLUMNS]


def build_telecom_segments() -> pd.DataFrame:
    """Seed 002: shares of customers, revenue and EBIT by segment of an Asian telecom operator."""
    return pd.DataFrame({
        "segment": ["Residential", "SME", "Large accounts (top 1,000)"],
        "segment_zh": ["居民", "中小企业", "大客户(前1000家)"],
        "customers_share": [0.9163, 0.0831, 0.0006],
        "revenue_share": [0.44, 0.25, 0.31],
        "ebit_share": [0.37, 0.26, 0.37],
    })


# ---------------------------------------------------------------------------------------------
# Opportunities and their stage history (module 3; seeds 000 and 002)
# ---------------------------------------------------------------------------------------------
#
# A separate ``default_rng(OPP_SEED)`` stream: nothing here draws from the customers stream, so
# customers.csv is unchanged whatever happens below. The accounts come from build_customers().
#
# Each candidate opportunity is simulated through the five-stage funnel of seed 002 with
# business-unit-specific conversion probabilities and lognormal stage durations, then cut at
# AS_OF: an opportunity still running is open in the stage it last entered; one that ended is
# Won or Lost on its close date. The extract keeps every open opportunity and the deals closed
# in the last CLOSED_MONTHS months, in random order, and takes the first N_OPPORTUNITIES.

OPP_SEED = 20260630
AS_OF = pd.Timestamp("2026-06-30")
N_OPPORTUNITIES = 600
N_CANDIDATES = 2400
N_KEY_ACCOUNTS = 250  # the top accounts by revenue that the key-account managers work on
ACCOUNT_WEIGHT_POWER = 0.6  # opportunities per account grow with revenue ** this
CREATED_WINDOW_DAYS = 1100  # candidates are created over the ~3 years before AS_OF ...
CREATED_GROWTH = 0.3  # ... more of them lately (per year, log scale): the pipeline grows
CLOSED_MONTHS = 18

OPEN_STAGES = ["Identified", "Contacted", "Qualified", "Developed", "Committed"]
STAGES = [*OPEN_STAGES, "Won", "Lost"]

# business unit: (conversion probability Identified->Contacted, ->Qualified, ->Developed,
#                 ->Committed, Committed->Won; stage-duration factor)
# Qualified->Developed is the leakiest step overall; Electronic Materials also leaks badly at
# Developed->Committed (samples and qualification trials that never turn into a contract).
BUSINESS_UNITS = {
    "Coatings & Resins": ((0.70, 0.60, 0.55, 0.60, 0.80), 1.0),
    "Plastics Additives": ((0.72, 0.62, 0.50, 0.58, 0.78), 0.9),
    "Textile Chemicals": ((0.64, 0.56, 0.53, 0.60, 0.76), 0.8),
    "Pharma Intermediates": ((0.66, 0.54, 0.55, 0.58, 0.80), 1.35),
    "Electronic Materials": ((0.68, 0.58, 0.48, 0.32, 0.72), 1.15),
}
STAGE_DAYS = (60, 70, 90, 110, 90)  # median days spent in each open stage (before the BU factor)
STAGE_DAYS_SIGMA = 0.6
STALL_SHARE = 0.06  # opportunities that get stuck in one stage ...
STALL_FACTOR = (4.0, 9.0)  # ... for this many times the usual time
PLANNED_CYCLE_DAYS = 380  # owner's planned time from identification to close (median)
PLANNED_CYCLE_SIGMA = 0.4

# product line: (business unit, share of opportunities, gross-margin rate, product priority,
#                value scale)
PRODUCTS = {
    "Alkyd resins": ("Coatings & Resins", 0.09, 0.14, 3, 1.0),
    "Acrylic emulsions": ("Coatings & Resins", 0.08, 0.16, 4, 1.0),
    "Waterborne PU dispersions": ("Coatings & Resins", 0.05, 0.22, 5, 0.8),
    "Antioxidants": ("Plastics Additives", 0.09, 0.15, 3, 0.9),
    "UV stabilizers": ("Plastics Additives", 0.07, 0.18, 4, 0.7),
    "Flame retardants": ("Plastics Additives", 0.08, 0.13, 2, 1.2),
    "Reactive dyes": ("Textile Chemicals", 0.08, 0.10, 2, 0.8),
    "Finishing agents": ("Textile Chemicals", 0.06, 0.12, 1, 0.5),
    "Pretreatment auxiliaries": ("Textile Chemicals", 0.05, 0.11, 2, 0.5),
    "API intermediates": ("Pharma Intermediates", 0.06, 0.26, 4, 1.5),
    "Chiral building blocks": ("Pharma Intermediates", 0.04, 0.28, 5, 1.0),
    "Solvents (GMP grade)": ("Pharma Intermediates", 0.06, 0.12, 2, 0.8),
    "Photoresist chemicals": ("Electronic Materials", 0.06, 0.24, 5, 1.3),
    "Wet-process chemicals": ("Electronic Materials", 0.07, 0.17, 3, 1.1),
    "Epoxy molding compounds": ("Electronic Materials", 0.06, 0.19, 4, 1.0),
}
FOCUS_PRODUCTS = ("Waterborne PU dispersions", "Chiral building blocks", "Photoresist chemicals")
OPP_MARGIN_NOISE = 0.03
OPP_MARGIN_RANGE = (0.08, 0.30)
VALUE_SHARE = 0.04  # median opportunity value as a share of the account's yearly revenue
VALUE_SIGMA = 0.8
VALUE_MIN = 50_000

CUSTOMER_PRIORITY_SHARES = (0.12, 0.20, 0.30, 0.22, 0.16)  # accounts with priority 1..5
WIN_PROB_BY_STAGE = (0.10, 0.22, 0.38, 0.58, 0.82)  # owner's estimate in each open stage
WIN_PROB_NOISE = 0.07
INFO_BY_STAGE = (0.30, 0.48, 0.66, 0.80, 0.92)  # information completeness in each open stage
INFO_NOISE = 0.10
DECISION_MADE_BY_STAGE = (0.14, 0.10, 0.03, 0.01, 0.0)  # customer already decided
STRATEGIC_SHARES = {"builds_customer_momentum": 0.10, "builds_product_reputation": 0.09,
                    "geographic_foothold": 0.10}
FOOTHOLD_REGIONS = ("Southwest", "Northeast", "Northwest")  # where we are thin on the ground

OPPORTUNITY_COLUMNS = [
    "opportunity_id", "account_id", "owner", "business_unit", "product", "stage", "value",
    "margin", "win_probability", "info_completeness", "customer_priority", "product_priority",
    "decision_made", "builds_customer_momentum", "builds_product_reputation", "focus_product",
    "geographic_foothold", "created", "stage_entered", "expected_close",
]
STAGE_HISTORY_COLUMNS = ["opportunity_id", "stage", "entered"]


def _iso(day: pd.Timestamp) -> str:
    return day.strftime("%Y-%m-%d")


def _simulate_funnel(rng, business_unit, created):
    """Stage history [(stage, date), ...] of each candidate, cut at AS_OF."""
    n = len(created)
    u = rng.random((n, 5))
    z = rng.normal(size=(n, 5))
    stalled = rng.random(n) < STALL_SHARE
    stall_stage = rng.integers(0, 5, size=n)
    stall_factor = rng.uniform(*STALL_FACTOR, size=n)
    histories = []
    for i in range(n):
        rates, speed = BUSINESS_UNITS[business_unit[i]]
        day = created[i]
        events = [("Identified", day)]
        for k in range(5):
            days = STAGE_DAYS[k] * speed * np.exp(STAGE_DAYS_SIGMA * z[i, k])
            if stalled[i] and stall_stage[i] == k:
                days *= stall_factor[i]
            day = day + pd.Timedelta(days=max(1, round(days)))
            if u[i, k] >= rates[k]:
                events.append(("Lost", day))
                break
            events.append((STAGES[k + 1] if k < 4 else "Won", day))
        histories.append([(s, d) for s, d in events if d <= AS_OF])
    return histories


def _opportunity_model() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both opportunity tables, built together so that they agree."""
    rng = np.random.default_rng(OPP_SEED)
    customers = build_customers()
    key = customers.sort_values("revenue", ascending=False, kind="stable").head(N_KEY_ACCOUNTS)
    key = key.reset_index(drop=True)
    n_acc = len(key)

    # account-level: customer priority follows the revenue rank, with judgement noise
    rank_z = _standardize(-np.arange(n_acc, dtype=float))
    latent = 0.8 * rank_z + 0.6 * rng.normal(size=n_acc)
    cuts = np.quantile(latent, np.cumsum(CUSTOMER_PRIORITY_SHARES)[:-1])
    account_priority = np.digitize(latent, cuts).astype(np.int64) + 1

    # candidates: account, product, creation date
    n = N_CANDIDATES
    weight = key["revenue"].to_numpy(dtype=float) ** ACCOUNT_WEIGHT_POWER
    acc = rng.choice(n_acc, size=n, p=weight / weight.sum())
    names = list(PRODUCTS)
    shares = np.array([PRODUCTS[p][1] for p in names])
    product = np.array(names)[rng.choice(len(names), size=n, p=shares / shares.sum())]
    bu = np.array([PRODUCTS[p][0] for p in product])
    g = CREATED_GROWTH / 365
    age = CREATED_WINDOW_DAYS - np.log1p(rng.random(n) * np.expm1(g * CREATED_WINDOW_DAYS)) / g
    created = [AS_OF - pd.Timedelta(days=int(a)) for a in age]
    histories = _simulate_funnel(rng, bu, created)

    # opportunity attributes (drawn for every candidate, so the order of draws is fixed)
    revenue = key["revenue"].to_numpy(dtype=float)[acc]
    scale = np.array([PRODUCTS[p][4] for p in product])
    value = np.maximum(
        np.round(revenue * VALUE_SHARE * scale * np.exp(VALUE_SIGMA * rng.normal(size=n)), -3),
        VALUE_MIN,
    ).astype(np.int64)
    margin_rate = np.clip(
        np.array([PRODUCTS[p][2] for p in product]) + OPP_MARGIN_NOISE * rng.normal(size=n),
        *OPP_MARGIN_RANGE,
    )
    margin = np.round(value * margin_rate).astype(np.int64)
    planned = PLANNED_CYCLE_DAYS * np.exp(PLANNED_CYCLE_SIGMA * rng.normal(size=n))
    wp_noise, info_noise = rng.normal(size=n), rng.normal(size=n)
    u_decision = rng.random(n)
    u_strategic = {col: rng.random(n) for col in STRATEGIC_SHARES}
    keep_order = rng.permutation(n)

    # the extract: open at AS_OF, or closed within the last CLOSED_MONTHS months
    window_start = AS_OF - pd.DateOffset(months=CLOSED_MONTHS)
    kept = [
        i for i in keep_order
        if histories[i] and (histories[i][-1][0] not in ("Won", "Lost")
                             or histories[i][-1][1] > window_start)
    ][:N_OPPORTUNITIES]
    if len(kept) < N_OPPORTUNITIES:
        raise RuntimeError("not enough candidate opportunities: raise N_CANDIDATES")
    kept.sort(key=lambda i: (created[i], i))  # ids in the order the CRM recorded them

    rows, history_rows = [], []
    for number, i in enumerate(kept, start=1):
        oid = f"O{number:04d}"
        hist = histories[i]
        stage, entered = hist[-1]
        # the last open stage the opportunity was in (for Won/Lost: the one it closed from)
        last_open = max(OPEN_STAGES.index(s) for s, _ in hist if s in OPEN_STAGES)
        wp = WIN_PROB_BY_STAGE[last_open] + WIN_PROB_NOISE * wp_noise[i]
        info = INFO_BY_STAGE[last_open] + INFO_NOISE * info_noise[i]
        a = acc[i]
        region = key["region"].iloc[a]
        strategic = {
            "builds_customer_momentum": u_strategic["builds_customer_momentum"][i]
            < STRATEGIC_SHARES["builds_customer_momentum"] * (0.4 + 0.3 * account_priority[a]),
            "builds_product_reputation": u_strategic["builds_product_reputation"][i]
            < STRATEGIC_SHARES["builds_product_reputation"] * (0.5 + 0.2 * PRODUCTS[product[i]][3]),
            "geographic_foothold": u_strategic["geographic_foothold"][i]
            < STRATEGIC_SHARES["geographic_foothold"] * (4.0 if region in FOOTHOLD_REGIONS else 0.4),
        }
        rows.append({
            "opportunity_id": oid,
            "account_id": key["account_id"].iloc[a],
            "owner": key["owner"].iloc[a],
            "business_unit": bu[i],
            "product": product[i],
            "stage": stage,
            "value": value[i],
            "margin": margin[i],
            "win_probability": round(float(np.clip(wp, 0.02, 0.97)), 2),
            "info_completeness": round(float(np.clip(info, 0.05, 1.0)), 2),
            "customer_priority": account_priority[a],
            "product_priority": PRODUCTS[product[i]][3],
            "decision_made": bool(u_decision[i] < DECISION_MADE_BY_STAGE[last_open]),
            "builds_customer_momentum": bool(strategic["builds_customer_momentum"]),
            "builds_product_reputation": bool(strategic["builds_product_reputation"]),
            "focus_product": product[i] in FOCUS_PRODUCTS,
            "geographic_foothold": bool(strategic["geographic_foothold"]),
            "created": _iso(created[i]),
            "stage_entered": _iso(entered),
            "expected_close": _iso(created[i] + pd.Timedelta(days=max(30, round(planned[i])))),
        })
        history_rows += [{"opportunity_id": oid, "stage": s, "entered": _iso(d)} for s, d in hist]

    opportunities = pd.DataFrame(rows)[OPPORTUNITY_COLUMNS]
    for col in ["value", "margin", "customer_priority", "product_priority"]:
        opportunities[col] = opportunities[col].astype(np.int64)
    stages = pd.DataFrame(history_rows)[STAGE_HISTORY_COLUMNS]
    return opportunities, stages


def build_opportunities() -> pd.DataFrame:
    """~600 opportunities in the top key accounts, as of AS_OF (seeds 000 and 002)."""
    return _opportunity_model()[0]


def build_opportunity_stages() -> pd.DataFrame:
    """The dated stage history of every opportunity: one row per stage entered, in order."""
    return _opportunity_model()[1]


# ---------------------------------------------------------------------------------------------
# Proposal economics (module 4; seed 000)
# ---------------------------------------------------------------------------------------------
#
# Seed 000's worked example is supply to an automotive OEM; the only module-4 figures it gives
# are the indexed negotiation rounds (NEGOTIATION_STEPS). Everything else is a hand-set case,
# chosen to be plausible to a finance team and consistent across the tables:
#
# * one product, a one-component crash-durable epoxy structural adhesive (单组分抗冲击环氧结构胶)
#   bonding the body-in-white of a new vehicle platform, KG_PER_VEHICLE kg per vehicle;
# * the contract's unit cost is the cash cost of our Nantong plant (industry_plants) plus the
#   extra costs of the automotive grade (AUTO_GRADE_EXTRAS); its first quote is our price in
#   the TCO and EVC tables (per vehicle set = kg per vehicle x price per kg);
# * the competing offers come from companies on the industry cost curve.
#
# No randomness: constants and closed-form calibrations only (like telecom_segments), so none of
# these tables depends on the random streams above, nor they on these.

PRODUCT = "1K crash-durable epoxy structural adhesive"
KG_PER_VEHICLE = 1.6
CONTRACT_BUILDS = (150_000, 325_000, 400_000, 375_000, 240_000)  # platform vehicles per year

# the cost of our automotive grade above our Nantong plant's cash cost, CNY / t
OUR_PLANT = "Our Nantong"
AUTO_GRADE_EXTRAS = {
    "premium tougheners and adhesion promoters": 2_300,
    "just-in-time delivery in returnable bulk containers": 1_400,
    "resident technical service and quality assurance (PPAP, SPC)": 1_000,
}
# up-front investment, CNY at t = 0
INVESTMENT_ITEMS = {
    "dedicated automotive-grade mixing and filling line": 5_000_000,
    "bulk supply and dispensing interface at the OEM's body shop": 2_200_000,
    "qualification: PPAP, crash and durability tests, line trials": 1_800_000,
}
START_PRICE = 48_000  # CNY / t, the first quote
PRICE_DOWN = 0.03  # yearly price reduction the OEM demands (年降)
COST_DOWN = 0.02  # yearly cost reduction we achieve
CONTRACT_RATE = 0.10  # our discount rate (cost of capital)
PRICE_STEP = 10  # negotiated prices are rounded to CNY 10 / t (CNY 0.01 / kg, as quoted)

CONTRACT_CASE_COLUMNS = ["year", "volume"]
CONTRACT_TERMS_COLUMNS = ["term", "value", "unit", "meaning", "meaning_zh"]

# seed 000, 价值逐轮减少, 指数化合约净现值, 客户举例: (label, index points or None = subtotal, 中文).
# The generator stands alone (numpy and pandas only); a test keeps this equal to
# kamlab.economics.NEGOTIATION_ROUNDS.
NEGOTIATION_STEPS = (
    ("First quote", 100, "首轮报价"),
    ("Round 2", -11, "第二轮"),
    ("Round 3", -38, "第三轮"),
    ("Round 4", -35, "第四轮"),
    ("Round 5", None, "第五轮"),
    ("Incentive", -5, "奖励"),
    ("Final price after incentives", None, "奖励后的最终价格"),
    ("Aftermarket (spare parts) uplift", 29, "零配件市场的增额"),
    ("Total", None, "总额"),
)
PRICED_STEPS = 5  # rounds 1-4 move the start price; round 5 is the price agreed after round 4
NEGOTIATION_COLUMNS = ["step", "label", "label_zh", "kind", "npv_index", "start_price", "npv"]

# company -> 中文 (invented names; any match with a real firm is chance)
COMPANIES = {
    "Our company": "本公司",
    "Globond China": "环邦(中国)",
    "Jinhe Adhesives": "金禾胶粘剂",
    "Ruifeng Chemical": "瑞丰化学",
    "Dongfang Polymer": "东方高分子",
    "Huasheng Chemical": "华盛化工",
    "Xinya Adhesive": "新亚胶业",
}
# plant: (company, region, capacity kt / year, cash cost CNY / t, depreciation + overheads
#         CNY / t, plant status, start year). Cash cost = raw materials + energy + direct labour.
PLANTS = {
    "Our Nantong": ("Our company", "East", 12, 34_800, 4_900, "operating", 2015),
    "Our Foshan": ("Our company", "South", 8, 36_900, 5_100, "operating", 2018),
    "Our Changchun": ("Our company", "Northeast", 5, 40_300, 5_600, "operating", 2020),
    "Globond Zhangjiagang": ("Globond China", "East", 14, 33_900, 7_800, "operating", 2011),
    "Globond Tianjin": ("Globond China", "North", 8, 36_400, 7_600, "operating", 2013),
    "Globond Chongqing": ("Globond China", "Southwest", 6, 39_700, 8_200, "operating", 2019),
    "Jinhe Changzhou": ("Jinhe Adhesives", "East", 10, 35_300, 4_200, "operating", 2016),
    "Jinhe Zhengzhou": ("Jinhe Adhesives", "Central", 7, 38_100, 4_000, "operating", 2012),
    "Jinhe Xi'an": ("Jinhe Adhesives", "Northwest", 5, 42_600, 4_300, "operating", 2011),
    "Jinhe Yancheng": ("Jinhe Adhesives", "East", 15, 32_600, 5_400, "planned", 2027),
    "Ruifeng Foshan": ("Ruifeng Chemical", "South", 9, 35_900, 4_600, "operating", 2014),
    "Ruifeng Chengdu": ("Ruifeng Chemical", "Southwest", 7, 38_600, 4_400, "operating", 2017),
    "Ruifeng Ningbo": ("Ruifeng Chemical", "East", 6, 41_400, 4_100, "operating", 2008),
    "Dongfang Wuhan": ("Dongfang Polymer", "Central", 9, 37_500, 3_900, "operating", 2009),
    "Dongfang Shijiazhuang": ("Dongfang Polymer", "North", 8, 40_600, 3_500, "operating", 2006),
    "Dongfang Changsha": ("Dongfang Polymer", "Central", 6, 44_400, 3_300, "operating", 2004),
    "Huasheng Shenyang": ("Huasheng Chemical", "Northeast", 6, 39_200, 3_800, "operating", 2010),
    "Huasheng Dalian": ("Huasheng Chemical", "Northeast", 5, 45_600, 3_400, "operating", 2003),
    "Xinya Guangzhou": ("Xinya Adhesive", "South", 6, 43_500, 3_600, "operating", 2005),
    "Xinya Lanzhou": ("Xinya Adhesive", "Northwest", 4, 47_200, 3_200, "operating", 2002),
}
PLANT_COLUMNS = ["plant", "company", "company_zh", "region", "capacity", "cash_cost",
                 "full_cost", "plant_status", "start_year"]
DEMAND_BASE_YEAR = 2026
DEMAND_BASE = 118  # kt in the base year: about 84% of operating capacity
DEMAND_GROWTH = 0.035  # per year
DEMAND_YEARS = range(2026, 2031)

# offer: (中文, supplier, kg per vehicle, CNY / kg, acquisition, operating / year, end of life),
# money per vehicle set. Acquisition = application in the OEM's body shop (pre-cleaning,
# dispensing, curing energy, rework); operating = warranty and field repairs per vehicle-year;
# end of life = dismantling the bonded joints. Our CNY / kg is the contract's first quote.
TCO_RATE = 0.08  # the OEM's discount rate (kamlab.economics.tco's default)
VEHICLE_LIFE = 10  # years
TCO_OFFERS = {
    "Jinhe standard": ("金禾标准型", "Jinhe Adhesives", 1.70, 43.50, 15.60, 2.90, 2.40),
    "Globond premium": ("环邦高端型", "Globond China", 1.55, 52.60, 7.80, 0.95, 1.40),
    "Our offer": ("本公司方案", "Our company", KG_PER_VEHICLE, START_PRICE / 1000,
                  8.40, 1.10, 1.50),
    "Ruifeng modified": ("瑞丰改性型", "Ruifeng Chemical", 1.65, 45.80, 12.20, 2.10, 2.00),
}
TCO_COLUMNS = ["offer", "offer_zh", "supplier", "price", "acquisition", "operating",
               "end_of_life", "life_years"]
EVC_REFERENCE = "Jinhe standard"  # the OEM's next-best alternative: the lowest price
EVC_BENEFITS = {  # item: (中文, CNY per vehicle set)
    "Weight saving: thinner steel in bonded joints": ("减重:粘接部位可用更薄钢板", 3.60),
    "Stiffer body: better NVH and crash rating": ("车身刚度提高:NVH与碰撞评级更好", 2.00),
}
EVC_NEGATIVE = {
    "Switching cost: re-qualification and line trials": ("转换成本:重新认证与试线", 2.40),
}
EVC_COLUMNS = ["item", "item_zh", "kind", "amount"]


def _contract_weights(volumes, price_down: float, cost_down: float, rate: float):
    """(A, B) with NPV = start price x A - unit cost x B - investment (year-end cash flows)."""
    t = np.arange(len(volumes), dtype=float)
    discount = (1.0 + rate) ** -(t + 1.0)
    volumes = np.asarray(volumes, dtype=float)
    a = float(np.dot(volumes * (1.0 - price_down) ** t, discount))
    b = float(np.dot(volumes * (1.0 - cost_down) ** t, discount))
    return a, b


def _contract_volumes() -> list[int]:
    """Tonnes per contract year: vehicles built x kg per vehicle."""
    return [round(n * KG_PER_VEHICLE / 1000) for n in CONTRACT_BUILDS]


def _unit_cost() -> int:
    return PLANTS[OUR_PLANT][3] + sum(AUTO_GRADE_EXTRAS.values())


def build_contract_case() -> pd.DataFrame:
    """Seed 000 (合约的经济价值): volumes by contract year, ramp-up -> peak -> run-out."""
    volumes = _contract_volumes()
    return pd.DataFrame({"year": np.arange(1, len(volumes) + 1, dtype=np.int64),
                         "volume": np.array(volumes, dtype=np.int64)})


def build_contract_terms() -> pd.DataFrame:
    """The contract's price, cost, investment and rate: one row per term."""
    rows = [
        ("start_price", START_PRICE, "CNY / t",
         "Price in year 1: our first quote", "首年价格(首轮报价)"),
        ("unit_cost", _unit_cost(), "CNY / t",
         "Cost in year 1: cash cost at our Nantong plant plus the automotive grade's extra costs",
         "首年单位成本(南通工厂现金成本+汽车级附加成本)"),
        ("price_down", PRICE_DOWN, "fraction / year",
         "Yearly price reduction the OEM demands, compounding", "年降价幅度(年降)"),
        ("cost_down", COST_DOWN, "fraction / year",
         "Yearly unit-cost reduction we achieve, compounding", "年成本降幅"),
        ("investment", sum(INVESTMENT_ITEMS.values()), "CNY",
         "Up-front investment at t = 0: dedicated line, dispensing interface, qualification",
         "前期投资(专用生产线、供胶接口、认证)"),
        ("rate", CONTRACT_RATE, "fraction / year", "Our discount rate (cost of capital)",
         "折现率(资本成本)"),
    ]
    df = pd.DataFrame(rows, columns=CONTRACT_TERMS_COLUMNS)
    df["value"] = df["value"].astype(float)
    return df


def _negotiation_prices() -> tuple[list[float], float]:
    """The start price at each priced round's index level, and the NPV at the first quote."""
    volumes = _contract_volumes()
    a, b = _contract_weights(volumes, PRICE_DOWN, COST_DOWN, CONTRACT_RATE)
    fixed = _unit_cost() * b + sum(INVESTMENT_ITEMS.values())
    npv0 = START_PRICE * a - fixed
    prices, level = [], 0.0
    for _, amount, _ in NEGOTIATION_STEPS[: PRICED_STEPS - 1]:
        level += amount
        price = (level / 100 * npv0 + fixed) / a  # the closed form of price_for_npv
        prices.append(float(np.round(price / PRICE_STEP) * PRICE_STEP))
    return prices, npv0


def build_negotiation_rounds() -> pd.DataFrame:
    """Seed 000's indexed negotiation rounds, priced on the contract case."""
    prices, npv0 = _negotiation_prices()
    npv0 = round(npv0)
    rows, level, level_cny = [], 0.0, 0
    for i, (label, amount, zh) in enumerate(NEGOTIATION_STEPS):
        if amount is not None:
            level += amount
        new_level_cny = round(level / 100 * npv0)
        if i == 0:
            kind, npv = "start", new_level_cny
        elif amount is None:
            kind, npv = "subtotal", new_level_cny
        else:
            kind, npv = "change", new_level_cny - level_cny
        level_cny = new_level_cny
        price = prices[min(i, len(prices) - 1)] if i < PRICED_STEPS else np.nan
        rows.append((i + 1, label, zh, kind, np.nan if amount is None else float(amount),
                     price, npv))
    df = pd.DataFrame(rows, columns=NEGOTIATION_COLUMNS)
    return df.astype({"step": np.int64, "npv": np.int64})


def build_industry_plants() -> pd.DataFrame:
    """The industry cost curve's plants (行业成本曲线): capacity, cash and full cost, status."""
    rows = [
        (plant, company, COMPANIES[company], region, capacity, cash, cash + fixed, status, year)
        for plant, (company, region, capacity, cash, fixed, status, year) in PLANTS.items()
    ]
    df = pd.DataFrame(rows, columns=PLANT_COLUMNS)
    ints = ["capacity", "cash_cost", "full_cost", "start_year"]
    return df.astype(dict.fromkeys(ints, np.int64))


def build_industry_demand() -> pd.DataFrame:
    """Market demand (kt) by calendar year, growing DEMAND_GROWTH a year."""
    years = np.array(DEMAND_YEARS, dtype=np.int64)
    demand = [round(DEMAND_BASE * (1 + DEMAND_GROWTH) ** (y - DEMAND_BASE_YEAR)) for y in years]
    return pd.DataFrame({"year": years, "demand": np.array(demand, dtype=np.int64)})


def build_tco_offers() -> pd.DataFrame:
    """Four offers for the platform's structural adhesive, money per vehicle set (OEM系统成本)."""
    rows = [
        (offer, zh, supplier, round(kg * per_kg, 2), acquisition, operating, end_of_life,
         VEHICLE_LIFE)
        for offer, (zh, supplier, kg, per_kg, acquisition, operating, end_of_life)
        in TCO_OFFERS.items()
    ]
    df = pd.DataFrame(rows, columns=TCO_COLUMNS)
    return df.astype({"life_years": np.int64})


def build_evc_case() -> pd.DataFrame:
    """EVC of our offer against the reference offer, per vehicle set (对客户的经济价值).

    The life-cycle savings are the reference's extra costs in the TCO table, discounted at
    TCO_RATE over VEHICLE_LIFE years as there.
    """
    offers = build_tco_offers().set_index("offer")
    ref, ours = offers.loc[EVC_REFERENCE], offers.loc["Our offer"]
    annuity = (1 - (1 + TCO_RATE) ** -VEHICLE_LIFE) / TCO_RATE
    final = (1 + TCO_RATE) ** -VEHICLE_LIFE
    ref_zh = TCO_OFFERS[EVC_REFERENCE][0]
    rows = [
        (f"Reference product price ({EVC_REFERENCE})", f"参照产品价格({ref_zh})", "reference",
         ref["price"]),
        ("Lower application cost in the body shop", "车身车间施工成本降低", "savings",
         ref["acquisition"] - ours["acquisition"]),
        (f"Lower warranty and field-repair cost over {VEHICLE_LIFE} years",
         f"{VEHICLE_LIFE}年质保及售后维修成本降低", "savings",
         (ref["operating"] - ours["operating"]) * annuity),
        ("Lower end-of-life dismantling cost", "报废拆解成本降低", "savings",
         (ref["end_of_life"] - ours["end_of_life"]) * final),
        *[(item, zh, "benefit", amount) for item, (zh, amount) in EVC_BENEFITS.items()],
        *[(item, zh, "negative", amount) for item, (zh, amount) in EVC_NEGATIVE.items()],
        ("Our price (first quote)", "我方价格(首轮报价)", "our_price", ours["price"]),
    ]
    df = pd.DataFrame(rows, columns=EVC_COLUMNS)
    df["amount"] = [round(float(x), 2) for x in df["amount"]]
    return df


#: Datasets written gzip-compressed, as ``<name>.csv.gz`` (too large for a plain CSV).
COMPRESSED = ("bank_customers",)


def bank_module():
    """``datasets/generate_bank.py`` (module 5's bank), imported by path like this file."""
    return _generator("generate_bank.py")


def _generator(file_name: str):
    """One of the case generators beside this file, imported by path (they need no kamlab)."""
    spec = importlib.util.spec_from_file_location(f"kamlab_datasets_{file_name[:-3]}",
                                                  HERE / file_name)
    module = importlib.util.module_from_spec(spec)
    saved, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ in datasets/
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = saved
    return module


def build_bank_customers() -> pd.DataFrame:
    """Module 5: seed 000's international bank, 300,000 customers (``generate_bank.py``)."""
    return bank_module().build_bank_customers()


def build_all(*, compressed: bool = False) -> dict[str, pd.DataFrame]:
    """Every bundled dataset, by name (the file's stem); the COMPRESSED ones only if asked."""
    opportunities, opportunity_stages = _opportunity_model()
    built = {
        "customers": build_customers(),
        "opportunities": opportunities,
        "opportunity_stages": opportunity_stages,
        "telecom_segments": build_telecom_segments(),
        # module 4, proposal economics
        "contract_case": build_contract_case(),
        "contract_terms": build_contract_terms(),
        "negotiation_rounds": build_negotiation_rounds(),
        "industry_plants": build_industry_plants(),
        "industry_demand": build_industry_demand(),
        "tco_offers": build_tco_offers(),
        "evc_case": build_evc_case(),
    }
    # module 6: the manufacturer case (market, mergers, contracts; buying centre and coverage)
    # and the two mini-cases — each built by its own generator
    built.update(_generator("generate_manufacturer.py").build_all())
    built.update(_generator("generate_buying_centre.py").build())
    built.update(_generator("generate_mini_cases.py").build_all())
    # account planning: the key-account card of the book's 250 largest accounts
    built.update(_generator("generate_cards.py").build_all(built["customers"]))
    if compressed:
        built["bank_customers"] = build_bank_customers()
    return built


def to_csv_text(df: pd.DataFrame) -> str:
    """The exact text of a dataset's CSV file: UTF-8, header row, no index, ``\\n`` line ends."""
    return df.to_csv(index=False, lineterminator="\n")


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def _file_name(name: str) -> str:
    return f"{name}.csv.gz" if name in COMPRESSED else f"{name}.csv"


def write_all(folder: Path = HERE) -> list[Path]:
    """Write every dataset as ``<folder>/<name>.csv`` (``.csv.gz``); return the paths written."""
    paths = []
    for name, df in build_all(compressed=True).items():
        path = folder / _file_name(name)
        if name in COMPRESSED:  # no name or time in the gzip header: same input, same bytes
            with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                         compresslevel=6, mtime=0) as f:
                f.write(to_csv_text(df).encode("utf-8"))
        else:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(to_csv_text(df))
        paths.append(path)
    return paths


def read_text(path: Path) -> str:
    """A dataset file's text, uncompressed when it is ``.gz``."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return f.read()


def check_all(folder: Path = HERE) -> list[str]:
    """Compare a fresh build with the CSV files in ``folder``; one message per mismatch."""
    problems = []
    for name, df in build_all(compressed=True).items():
        path = folder / _file_name(name)
        if not path.exists():
            problems.append(f"{path.name}: missing (run `python datasets/generate.py`)")
            continue
        committed = read_text(path)
        fresh = to_csv_text(df)
        if committed == fresh:
            continue
        old, new = committed.splitlines(), fresh.splitlines()
        changed = sum(a != b for a, b in zip(old, new)) + abs(len(old) - len(new))
        diff = difflib.unified_diff(old, new, "committed", "regenerated", n=0, lineterm="")
        first = [line[:160] for _, line in zip(range(12), diff)]
        problems.append(
            f"{path.name}: {changed} line(s) differ ({len(old)} committed, {len(new)} "
            "regenerated). First differences:\n" + "\n".join(first)
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate kamlab's bundled datasets (CSV files beside this script)."
    )
    parser.add_argument(
        "--check", action="store_true",
        help="write nothing; exit 1 with a diff summary if a committed CSV differs",
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check_all()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("Regenerate with: python datasets/generate.py", file=sys.stderr)
            return 1
        print("OK: every committed CSV matches the generator.")
        return 0
    for path in write_all():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
