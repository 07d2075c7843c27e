"""Generate ``bank_customers``: the customer book of seed 000's large international bank (module 5).

Called by ``datasets/generate.py`` (``build_all(compressed=True)``, ``write_all``, ``--check``),
which writes it as ``bank_customers.csv.gz``; ``datasets/bank_customers.md`` is its data card.
Only numpy, pandas and the standard library are used, and every column is drawn for all
customers at once (the whole book takes about 0.3 s).

The case
--------
Seed 000 (关键客户管理案例分析, 一家大型国际银行): the CEO wants the business organised around the
most profitable customers; the bank gave up 50,000 customers by raising price thresholds and
ending staff payroll contracts, and profit rose 25% within six months. The book is a bank that
*could* have done that: a long tail of small customers who cost more to serve than they bring,
many of them salary accounts opened through employers' payroll contracts (代发工资), and a
minority of affluent, private-banking and small-business customers who make the profit.

How it is built, in causal order
--------------------------------
1. **Segment** — Mass (大众客户), Affluent (贵宾客户), Business (小微企业), Private (私人银行):
   exact counts, shuffled. **Payroll** — a share of Mass and Affluent customers came in through
   an employer's payroll contract.
2. **Average balance** — lognormal per segment (payroll accounts lower: the salary is spent).
3. **Products held** — 1 + a Poisson count that grows with the log balance, at most 8.
4. **Net interest revenue** — balance × the segment's net interest margin, plus the margin on a
   loan (credit card, mortgage, business loan) for the customers who have one; the chance of a
   loan grows with the products held. **Fee revenue** — a fee per product plus
   wealth-management fees on balances (Affluent and Private).
5. **Activity by channel** (per year): branch visits, relationship-manager (RM) hours,
   call-centre calls and digital sessions, lognormal around segment medians. One customer in
   five relies on the branch (six times the visits, at most one a working day), and one Mass
   customer in eight takes RM time: the misallocation the case is about.
6. **Cost to serve** = activity × unit cost per channel + a yearly cost per customer (account,
   statements, compliance) + salary processing for payroll customers, exactly; the unit costs
   are ``CHANNEL_COSTS`` here and ``kamlab.cases.bank.CHANNEL_COSTS`` in the package (a test
   checks they agree). **Profit** = revenue − cost to serve, exactly.
7. **Wallet** (potential, 潜力) — the customer's yearly banking revenue across all its banks, as
   the bank estimates it: revenue / share of wallet, the share logit-normal and higher for
   large balances (we are their main bank).
8. **Will grow** — hindsight only a synthetic book has: a customer making less than
   ``SMALL_PROFIT`` would have grown into a key customer within three years. The chance rises
   steeply with the wallet, so potential predicts growth, but not perfectly.

Normal draws are truncated at ±3 standard deviations, so no single absurd customer decides a
figure.

All randomness comes from one ``numpy.random.default_rng(BANK_SEED)`` stream drawn in a fixed
order. The constants were tuned by hand so that the model in ``kamlab.cases.bank`` reproduces the
seed's figures (50,000 customers lost and +25% profit within six months for the bank's chosen
scenario); ``tests/test_datasets_bank.py`` and ``tests/cases/test_cases_bank.py`` check them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BANK_SEED = 20000825
N_CUSTOMERS = 300_000

#: segment: (share of customers, payroll share, median balance CNY, balance sigma,
#:           net interest margin on balances, yearly fee per product CNY,
#:           wealth-management fee rate on balances)
SEGMENTS = {
    "Mass": (0.795, 0.18, 30_000, 1.00, 0.016, 25, 0.0000),
    "Affluent": (0.15, 0.08, 200_000, 0.70, 0.008, 60, 0.0015),
    "Business": (0.05, 0.00, 250_000, 1.10, 0.010, 300, 0.0000),
    "Private": (0.005, 0.00, 4_000_000, 0.55, 0.004, 300, 0.0025),
}
PAYROLL_BALANCE = 0.55  # payroll accounts hold this share of a like customer's balance

PRODUCTS_BASE = 0.9  # Poisson mean of extra products at a balance of CNY 10,000 ...
PRODUCTS_PER_LOG = 0.3  # ... plus this per unit of log(balance / 10,000)
PRODUCTS_MAX = 8

#: segment: (p, median yearly loan margin CNY); chance of a loan = 1 − (1 − p)^(products − 0.5)
LOANS = {
    "Mass": (0.07, 700),
    "Affluent": (0.12, 4_500),
    "Business": (0.18, 9_000),
    "Private": (0.15, 30_000),
}
LOAN_SIGMA = 0.8
FEE_NOISE = 0.5

#: segment: (branch visits, RM hours, call-centre calls, digital sessions) per year, medians;
#: RM hours for Mass are drawn for the share RM_MASS_SHARE of them only (the others get none).
ACTIVITY = {
    "Mass": (2.5, 6.0, 2.0, 40),
    "Affluent": (4.0, 3.0, 3.0, 90),
    "Business": (14.0, 8.0, 5.0, 150),
    "Private": (3.0, 40.0, 2.0, 60),
}
RM_MASS_SHARE = 0.12
PAYROLL_VISITS = 1.3  # payroll customers visit branches more (cash, passbooks, salary queries)
ACTIVITY_SIGMA = (0.8, 0.6, 0.7, 0.8)  # lognormal spread of each channel's activity
BRANCH_RELIANT = 0.20  # share of customers who bank at the counter (cash, passbooks) ...
BRANCH_RELIANT_VISITS = 6.0  # ... and visit this many times as often
VISITS_MAX = 250  # about one visit every working day

#: channel: (activity column or None for a per-customer cost, CNY per unit, variable CNY per unit)
CHANNEL_COSTS = {
    "account": (None, 120, 120),
    "payroll": ("payroll", 80, 80),
    "branch": ("branch_visits", 50, 10),
    "rm": ("rm_hours", 300, 0),
    "call_centre": ("call_centre_calls", 20, 6),
    "digital": ("digital_sessions", 1, 1),
}

SHARE_LOGIT = -1.0  # share of wallet at a balance of CNY 10,000: about 27% ...
SHARE_LOGIT_SIZE = 0.35  # ... higher for bigger balances (we are their main bank)
SHARE_LOGIT_NOISE = 0.9
SHARE_RANGE = (0.02, 0.95)

KEY_PROFIT = 10_000  # CNY / year: roughly the profit of a key (A) customer
SMALL_PROFIT = 1_000  # only customers making less than this today can "grow"
GROW_LOGIT = -3.0  # chance of growing for a customer with a wallet of KEY_PROFIT ...
GROW_PER_LOG = 1.3  # ... rising with log(wallet / KEY_PROFIT)

COLUMNS = [
    "account_id", "segment", "payroll", "products", "avg_balance", "fee_revenue",
    "interest_revenue", "revenue", "branch_visits", "rm_hours", "call_centre_calls",
    "digital_sessions", "cost_to_serve", "profit", "wallet", "will_grow",
]


def _lognormal(rng, median, sigma, n):
    """Lognormal draws around ``median``, the normal truncated at ±3 (no absurd outliers)."""
    return median * np.exp(sigma * np.clip(rng.standard_normal(n), -3.0, 3.0))


def _per_segment(segment, table, index):
    values = {name: row[index] for name, row in table.items()}
    return np.array([values[s] for s in table])[segment]


def build_bank_customers(n: int = N_CUSTOMERS, seed: int = BANK_SEED) -> pd.DataFrame:
    """The synthetic book of a large international bank: one row per customer (seed 000)."""
    rng = np.random.default_rng(seed)
    names = list(SEGMENTS)
    counts = [round(SEGMENTS[s][0] * n) for s in names]
    counts[0] += n - sum(counts)
    segment = rng.permutation(np.repeat(np.arange(len(names)), counts))

    def seg(index):
        return _per_segment(segment, SEGMENTS, index)

    # 1-2. payroll and balance
    payroll = rng.random(n) < seg(1)
    balance = _lognormal(rng, seg(2), seg(3), n) * np.where(payroll, PAYROLL_BALANCE, 1.0)
    avg_balance = np.round(balance).astype(np.int64)

    # 3. products
    extra = rng.poisson(np.maximum(PRODUCTS_BASE + PRODUCTS_PER_LOG * np.log(balance / 1e4), 0.05))
    products = np.minimum(1 + extra, PRODUCTS_MAX).astype(np.int64)

    # 4. revenue
    loan_chance = 1 - (1 - _per_segment(segment, LOANS, 0)) ** (products - 0.5)
    has_loan = rng.random(n) < loan_chance
    loan_margin = has_loan * _lognormal(rng, _per_segment(segment, LOANS, 1), LOAN_SIGMA, n)
    interest_revenue = np.round(balance * seg(4) + loan_margin).astype(np.int64)
    fees = seg(5) * products * np.exp(FEE_NOISE * rng.standard_normal(n)) + balance * seg(6)
    fee_revenue = np.round(fees).astype(np.int64)
    revenue = fee_revenue + interest_revenue

    # 5. activity by channel
    def activity(index, scale=1.0):
        median = _per_segment(segment, ACTIVITY, index) * scale
        return _lognormal(rng, median, ACTIVITY_SIGMA[index], n)

    reliant = rng.random(n) < BRANCH_RELIANT
    visits = np.minimum(rng.poisson(activity(0, np.where(payroll, PAYROLL_VISITS, 1.0)
                                             * np.where(reliant, BRANCH_RELIANT_VISITS, 1.0))),
                        VISITS_MAX)
    rm = activity(1)
    rm = np.where((segment == 0) & (rng.random(n) >= RM_MASS_SHARE), 0.0, rm)
    rm_hours = np.round(rm, 1)
    calls = rng.poisson(activity(2))
    sessions = rng.poisson(activity(3))

    # 6. cost to serve and profit (exact integers: unit costs are whole yuan, hours tenths)
    drivers = {None: 1, "payroll": payroll, "branch_visits": visits, "rm_hours": rm_hours,
               "call_centre_calls": calls, "digital_sessions": sessions}
    cost = sum(unit * drivers[driver] for driver, unit, _ in CHANNEL_COSTS.values())
    cost_to_serve = np.round(cost).astype(np.int64)
    profit = revenue - cost_to_serve

    # 7. wallet
    logit = (SHARE_LOGIT + SHARE_LOGIT_SIZE * np.log(balance / 1e4)
             + SHARE_LOGIT_NOISE * rng.standard_normal(n))
    share = np.clip(1 / (1 + np.exp(-logit)), *SHARE_RANGE)
    wallet = np.maximum(np.round(np.maximum(revenue, 1) / share).astype(np.int64), revenue)

    # 8. hindsight: grows to a key customer within three years
    grow_logit = GROW_LOGIT + GROW_PER_LOG * np.log(np.maximum(wallet, 1) / KEY_PROFIT)
    will_grow = (profit < SMALL_PROFIT) & (rng.random(n) < 1 / (1 + np.exp(-grow_logit)))

    df = pd.DataFrame({
        "account_id": [f"B{i:06d}" for i in range(1, n + 1)],
        "segment": np.array(names)[segment],
        "payroll": payroll,
        "products": products,
        "avg_balance": avg_balance,
        "fee_revenue": fee_revenue,
        "interest_revenue": interest_revenue,
        "revenue": revenue,
        "branch_visits": visits.astype(np.int64),
        "rm_hours": rm_hours,
        "call_centre_calls": calls.astype(np.int64),
        "digital_sessions": sessions.astype(np.int64),
        "cost_to_serve": cost_to_serve,
        "profit": profit,
        "wallet": wallet,
        "will_grow": will_grow,
    })
    return df[COLUMNS]
