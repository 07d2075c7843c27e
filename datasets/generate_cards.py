"""Generate the key-account card data (核心客户管理卡, seed 001): ``account_profiles``,
``account_transactions`` and ``account_credit`` for the 250 largest accounts of ``customers``.

Usage, from the repository root::

    python datasets/generate_cards.py          # (re)write the three CSV files beside it
    python datasets/generate_cards.py --check  # write nothing; exit 1 if a file differs

Only numpy, pandas and the standard library are used (no kamlab). The accounts are the 250
largest of ``datasets/customers.csv`` by revenue (seed 003: a Xerox-style company has about 250
key accounts, 施乐……有250个大客户); :func:`build_all` reads that file, or takes the book as an
argument (``datasets/generate.py`` passes the one it has just built). Data cards:
``datasets/account_profiles.md``, ``account_transactions.md`` and ``account_credit.md``.

What seed 001 asks the card to hold, and where it is here
--------------------------------------------------------
1. 核心客户概况 — name, address, phone, legal representative (法人代表), staff structure (人员结构),
   bank (开户银行): ``account_profiles``.
2. 交易的变化 — our transactions with the account and how they changed: 36 months of revenue,
   gross margin and orders in ``account_transactions``.
3. 总体经营情况 — the account's own operations: its turnover, growth and main products
   (``account_profiles``).
4. 信用动态管理 — bank rating (银行评价), cash flow (现金流: the account's operating cash flow
   over its latest year, ``operating_cash_flow``), credit terms (信用期限) and credit limit
   (信用限额): ``account_profiles`` and, month by month (receivables and what is overdue),
   ``account_credit``.

How it is built, in causal order
--------------------------------
1. **Accounts** — the 250 largest of the book; ``account_tier`` A for the top 90 of the whole
   book (3% of its 3,000 accounts, half of its sales: seed 000), B for the other 160.
2. **Trend** — each account gets a pattern: ``growing`` / ``steady`` (most), ``declining``
   (falling 10–30% a year) or ``fading`` (orders fall to near zero over the last 6–10 months:
   seed 004's "gradually reduce and then cancel orders"). The few accounts whose profile says
   bankruptcy, relocation or a legal prohibition fade; so do a handful of others.
3. **Monthly revenue** — trend × seasonality (a Spring-Festival dip in February, busy spring
   and autumn; stronger for construction, a spring peak for agrochemicals) × lognormal noise;
   the 36 months are then scaled so that the last 12 (2025-07 … 2026-06) add up **exactly** to
   the account's ``revenue`` in ``customers`` (largest-remainder rounding, whole yuan).
4. **Gross margin** — revenue × the account's margin rate in the book, with small monthly
   noise, scaled so the last 12 months add up exactly to its ``gross_margin``.
5. **Orders** — Poisson around revenue / the account's usual order size (orders grow with
   revenue^0.75, as in the book); at least one order in a month with revenue.
6. **Credit** — receivables = the revenue still inside the credit terms + what is overdue;
   overdue amounts are rare and short for most accounts, persistent and ageing for a few
   (poor finances: seed 004's second termination criterion); the credit limit is reviewed
   each January (about 1.5 × the receivables the terms imply) and is held down for a few
   accounts that then run over it.
7. **Profile** — address and phone from the place in the name; a made-up legal representative;
   the account's turnover (what it spends on our range is 5–25% of it), staff from turnover per
   employee by industry and a split management / sales / production / technical; a bank and a
   bank rating (AAA … B, lower for the accounts with persistent overdue amounts); credit terms
   30–90 days (longer for bigger accounts) and the current limit.
8. **Cash flow** — the account's operating cash flow over its latest year (经营现金流, CNY) =
   its turnover × a cash-flow rate: about 7% (1–14%) for a sound account, a little lower when
   our sales to it decline; −7% … 0% for the accounts with persistent overdue amounts (they
   pay late because cash is short), −18% … −10% for the bankrupt one, −5% … +3% for the other
   fading accounts. Rounded to 10,000 yuan. Drawn last, so every other column is as before.

All randomness comes from ``numpy.random.default_rng(CARD_SEED)`` drawn in a fixed order.
Money is CNY, whole yuan, excluding VAT.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
CARD_SEED = 20260701
N_ACCOUNTS = 250  # seed 003: Xerox's 250 key accounts
N_TIER_A = 90  # the top 3% of the 3,000-account book (seed 000: 3% of customers, 50% of sales)
LAST_MONTH = "2026-06"  # the book's as-of date (2026-06-30), as for ``opportunities``
N_MONTHS = 36

#: trend pattern: (share of accounts, yearly growth low, high)
PATTERNS = {
    "growing": (0.50, 0.04, 0.25),
    "steady": (0.30, -0.04, 0.04),
    "declining": (0.16, -0.30, -0.10),
    "fading": (0.04, -0.10, 0.05),  # growth before the fade
}
N_PERSISTENT_OVERDUE = 12  # accounts with overdue amounts month after month
N_OVER_LIMIT = 8  # accounts whose limit is held down and exceeded
STATUS_ACCOUNTS = {"bankruptcy": 1, "relocating": 2}  # the rest are "active"
N_LEGAL = 1  # a government order stops the account (environmental shutdown)

#: Spring-Festival dip in February, busy spring and autumn (mean 1)
SEASON = np.array([0.93, 0.72, 1.04, 1.07, 1.05, 1.02, 0.98, 0.98, 1.06, 1.05, 1.07, 1.03])
AGRO_SEASON = np.array([1.05, 0.95, 1.30, 1.35, 1.15, 0.95, 0.85, 0.85, 0.90, 0.90, 0.85, 0.90])
#: industry: (seasonal amplitude, revenue per employee CNY, technical staff share,
#:            growth of its own market, main products)
INDUSTRIES = {
    "Coatings": (1.0, 900_000, 0.12, 0.03, ["建筑涂料", "工业涂料", "防腐涂料", "木器漆"]),
    "Plastics": (0.8, 800_000, 0.10, 0.02, ["注塑件", "塑料薄膜", "改性塑料", "管材"]),
    "Textiles": (0.9, 450_000, 0.06, -0.01, ["涤纶长丝", "印染面料", "无纺布", "纱线"]),
    "Pharmaceuticals": (0.4, 1_100_000, 0.22, 0.06, ["原料药", "制剂", "医药中间体", "保健品"]),
    "Electronics": (0.7, 750_000, 0.25, 0.07, ["电子化学品", "覆铜板", "电子浆料", "光刻胶"]),
    "Agrochemicals": (1.0, 1_000_000, 0.14, 0.01, ["复合肥", "除草剂", "杀虫剂", "植物生长调节剂"]),
    "Construction": (1.4, 700_000, 0.08, -0.02, ["防水卷材", "保温板", "干混砂浆", "外加剂"]),
    "Personal care": (0.6, 850_000, 0.12, 0.04, ["洗衣液", "洗发水", "护肤品", "牙膏"]),
}
#: place in a company name -> (province, [(city, area code), ...])
PLACES = {
    "江苏": ("江苏省", [("南京市", "025"), ("无锡市", "0510"), ("南通市", "0513")]),
    "浙江": ("浙江省", [("杭州市", "0571"), ("绍兴市", "0575"), ("嘉兴市", "0573")]),
    "上海": ("上海市", [("", "021")]),
    "山东": ("山东省", [("济南市", "0531"), ("青岛市", "0532"), ("淄博市", "0533")]),
    "安徽": ("安徽省", [("合肥市", "0551"), ("芜湖市", "0553")]),
    "苏州": ("江苏省", [("苏州市", "0512")]),
    "宁波": ("浙江省", [("宁波市", "0574")]),
    "常州": ("江苏省", [("常州市", "0519")]),
    "福建": ("福建省", [("福州市", "0591"), ("泉州市", "0595"), ("厦门市", "0592")]),
    "广东": ("广东省", [("惠州市", "0752"), ("中山市", "0760"), ("江门市", "0750")]),
    "深圳": ("广东省", [("深圳市", "0755")]),
    "东莞": ("广东省", [("东莞市", "0769")]),
    "佛山": ("广东省", [("佛山市", "0757")]),
    "广州": ("广东省", [("广州市", "020")]),
    "广西": ("广西壮族自治区", [("南宁市", "0771"), ("柳州市", "0772")]),
    "海南": ("海南省", [("海口市", "0898")]),
    "北京": ("北京市", [("", "010")]),
    "天津": ("天津市", [("", "022")]),
    "河北": ("河北省", [("石家庄市", "0311"), ("沧州市", "0317")]),
    "山西": ("山西省", [("太原市", "0351")]),
    "内蒙古": ("内蒙古自治区", [("呼和浩特市", "0471"), ("包头市", "0472")]),
    "唐山": ("河北省", [("唐山市", "0315")]),
    "河南": ("河南省", [("洛阳市", "0379"), ("新乡市", "0373")]),
    "湖北": ("湖北省", [("宜昌市", "0717"), ("襄阳市", "0710")]),
    "湖南": ("湖南省", [("株洲市", "0731"), ("岳阳市", "0730")]),
    "江西": ("江西省", [("南昌市", "0791"), ("九江市", "0792")]),
    "武汉": ("湖北省", [("武汉市", "027")]),
    "长沙": ("湖南省", [("长沙市", "0731")]),
    "郑州": ("河南省", [("郑州市", "0371")]),
    "四川": ("四川省", [("绵阳市", "0816"), ("德阳市", "0838")]),
    "重庆": ("重庆市", [("", "023")]),
    "云南": ("云南省", [("昆明市", "0871")]),
    "贵州": ("贵州省", [("贵阳市", "0851")]),
    "成都": ("四川省", [("成都市", "028")]),
    "辽宁": ("辽宁省", [("鞍山市", "0412"), ("营口市", "0417")]),
    "吉林": ("吉林省", [("长春市", "0431"), ("吉林市", "0432")]),
    "黑龙江": ("黑龙江省", [("哈尔滨市", "0451"), ("大庆市", "0459")]),
    "大连": ("辽宁省", [("大连市", "0411")]),
    "沈阳": ("辽宁省", [("沈阳市", "024")]),
    "陕西": ("陕西省", [("宝鸡市", "0917"), ("咸阳市", "029")]),
    "甘肃": ("甘肃省", [("兰州市", "0931")]),
    "新疆": ("新疆维吾尔自治区", [("乌鲁木齐市", "0991"), ("昌吉市", "0994")]),
    "宁夏": ("宁夏回族自治区", [("银川市", "0951")]),
    "西安": ("陕西省", [("西安市", "029")]),
    "青海": ("青海省", [("西宁市", "0971")]),
}
AREAS = ["经济技术开发区", "高新技术产业开发区", "化工园区", "工业园区", "新材料产业园"]
ROADS = ["长江路", "黄河路", "创业大道", "科技路", "工业大道", "滨江路", "发展大道", "新华路",
         "人民路", "兴业路", "环城东路", "开发大道"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红文斌宏海峰波辉鹏飞"
#: bank: weight (the big state banks hold most corporate accounts)
BANKS = {"中国工商银行": 0.24, "中国建设银行": 0.20, "中国银行": 0.15, "中国农业银行": 0.13,
         "交通银行": 0.08, "招商银行": 0.07, "兴业银行": 0.05, "浦发银行": 0.04, "中信银行": 0.04}
RATINGS = ["AAA", "AA", "A", "BBB", "BB", "B"]
TERMS = [30, 45, 60, 90]
LIMIT_COVER = 1.5  # credit limit ≈ this × the receivables the terms imply, set each January
#: operating cash flow / the account's turnover: (low, high) by how the account stands
CASH_FLOW_RATE = {"sound": (0.01, 0.14), "persistent": (-0.07, 0.0), "bankruptcy": (-0.18, -0.10),
                  "fading": (-0.05, 0.03)}

PROFILE_COLUMNS = [
    "account_id", "name", "industry", "region", "owner", "account_tier", "address", "phone",
    "legal_representative", "employees", "staff_management", "staff_sales", "staff_production",
    "staff_technical", "bank", "bank_rating", "company_turnover", "company_growth", "main_products",
    "operating_cash_flow", "credit_terms_days", "credit_limit", "status", "legal_restriction",
]
TRANSACTION_COLUMNS = ["account_id", "month", "revenue", "gross_margin", "orders"]
CREDIT_COLUMNS = ["account_id", "month", "credit_limit", "receivables", "overdue", "days_overdue"]


def months(last: str = LAST_MONTH, n: int = N_MONTHS) -> list[str]:
    """The ``n`` months ending with ``last``, oldest first, as ``YYYY-MM``."""
    end = pd.Period(last, freq="M")
    return [str(end - k) for k in range(n - 1, -1, -1)]


def _largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Whole numbers proportional to ``weights`` adding up to ``total`` exactly."""
    raw = weights / weights.sum() * total
    out = np.floor(raw).astype(np.int64)
    short = int(total - out.sum())
    out[np.argsort(-(raw - out), kind="stable")[:short]] += 1
    return out


def _key_accounts(book: pd.DataFrame) -> pd.DataFrame:
    ranked = book.sort_values(["revenue", "account_id"], ascending=[False, True])
    top = ranked.head(N_ACCOUNTS).reset_index(drop=True)
    top["account_tier"] = np.where(np.arange(len(top)) < N_TIER_A, "A", "B")
    return top


def _patterns(rng, n: int) -> np.ndarray:
    names = list(PATTERNS)
    counts = [round(PATTERNS[p][0] * n) for p in names]
    counts[0] += n - sum(counts)
    return rng.permutation(np.repeat(np.array(names, dtype=object), counts))


def _status(rng, pattern: np.ndarray):
    """Bankruptcy / relocation / legal prohibition for a few fading accounts."""
    status = np.array(["active"] * len(pattern), dtype=object)
    legal = np.zeros(len(pattern), dtype=bool)
    fading = rng.permutation(np.flatnonzero(pattern == "fading"))
    at = 0
    for name, count in STATUS_ACCOUNTS.items():
        status[fading[at:at + count]] = name
        at += count
    legal[fading[at:at + N_LEGAL]] = True
    return status, legal


def _monthly_shape(rng, pattern: str, industry: str) -> np.ndarray:
    """Relative monthly revenue for 36 months (any scale)."""
    low, high = PATTERNS[pattern][1:]
    growth = rng.uniform(low, high)
    t = np.arange(N_MONTHS)
    trend = (1 + growth) ** (t / 12)
    amplitude = INDUSTRIES[industry][0] * rng.uniform(0.6, 1.2)
    base = AGRO_SEASON if industry == "Agrochemicals" else SEASON
    first = pd.Period(months()[0], freq="M").month - 1
    season = 1 + amplitude * (np.roll(base, -first)[t % 12] - 1)
    noise = np.exp(np.clip(rng.standard_normal(N_MONTHS), -3, 3) * rng.uniform(0.05, 0.14))
    shape = trend * season * noise
    if pattern == "fading":
        span = int(rng.integers(6, 11))  # months the fade takes
        floor = rng.uniform(0.0, 0.04)
        fade = np.ones(N_MONTHS)
        fade[-span:] = np.linspace(1, floor, span + 1)[1:] ** 2
        shape = shape * fade
        shape[-1] = shape[-1] if floor > 0.02 else 0.0  # some have stopped ordering
    return shape


def _scaled(shape: np.ndarray, last_12_total: int) -> np.ndarray:
    """Whole yuan: the last 12 months add up to ``last_12_total`` exactly."""
    scale = last_12_total / shape[-12:].sum()
    out = np.round(shape * scale).astype(np.int64)
    out[-12:] = _largest_remainder(shape[-12:], last_12_total)
    return out


def _transactions(rng, accounts: pd.DataFrame, pattern: np.ndarray) -> pd.DataFrame:
    frames = []
    labels = months()
    for i, acc in enumerate(accounts.itertuples(index=False)):
        shape = _monthly_shape(rng, pattern[i], acc.industry)
        revenue = _scaled(shape, int(acc.revenue))
        rate = acc.gross_margin / acc.revenue
        margin_shape = shape * rate * np.exp(0.06 * np.clip(rng.standard_normal(N_MONTHS), -3, 3))
        margin = _scaled(margin_shape, int(acc.gross_margin))
        margin[revenue == 0] = 0
        order_size = acc.revenue / (0.0008 * acc.revenue ** 0.75) * rng.uniform(0.7, 1.4)
        orders = rng.poisson(revenue / order_size)
        orders = np.where(revenue > 0, np.maximum(orders, 1), 0)
        frames.append(pd.DataFrame({"account_id": acc.account_id, "month": labels,
                                    "revenue": revenue, "gross_margin": margin,
                                    "orders": orders}))
    return pd.concat(frames, ignore_index=True)[TRANSACTION_COLUMNS]


def _credit(rng, accounts, revenue_by_account, terms, persistent, over_limit) -> pd.DataFrame:
    frames = []
    labels = months()
    january = np.array([m.endswith("-01") for m in labels])
    for i, acc in enumerate(accounts.itertuples(index=False)):
        rev = revenue_by_account[acc.account_id].astype(float)
        k = terms[i] / 30  # months of revenue inside the terms
        whole, part = int(k), k - int(k)
        current = np.array([rev[max(0, t - whole + 1):t + 1].sum()
                            + (part * rev[t - whole] if t - whole >= 0 else 0.0)
                            for t in range(N_MONTHS)])
        overdue = np.zeros(N_MONTHS)
        days = np.zeros(N_MONTHS, dtype=np.int64)
        if persistent[i]:
            start = int(rng.integers(6, 22))  # persistent from this month on
            share = 0.0
            age = 0
            for t in range(N_MONTHS):
                if t < start:
                    continue
                share = min(0.6, share + rng.uniform(0.02, 0.08))
                base = max(current[t], np.mean(rev[max(0, t - 12):t + 1]) * k)
                overdue[t] = share * base
                age = age + 30 if rng.random() > 0.12 else 15  # rarely a partial payment
                days[t] = min(age + int(rng.integers(0, 20)), 400)
        else:
            hit = rng.random(N_MONTHS) < 0.12
            overdue = np.where(hit, rng.uniform(0.02, 0.12, N_MONTHS) * current, 0.0)
            days = np.where(hit, rng.integers(3, 40, N_MONTHS), 0)
        overdue = np.round(overdue)
        days = np.where(overdue > 0, days, 0)
        receivables = np.round(current) + overdue
        limit = np.zeros(N_MONTHS)
        value = 0.0
        for t in range(N_MONTHS):
            if t == 0 or january[t]:
                monthly = rev[max(0, t - 11):t + 1].mean() if t >= 11 else rev[:12].mean()
                cover = 0.85 if over_limit[i] else LIMIT_COVER * rng.uniform(0.95, 1.15)
                value = max(100_000.0, np.ceil(monthly * k * cover / 100_000) * 100_000)
            limit[t] = value
        frames.append(pd.DataFrame({
            "account_id": acc.account_id, "month": labels, "credit_limit": limit.astype(np.int64),
            "receivables": receivables.astype(np.int64), "overdue": overdue.astype(np.int64),
            "days_overdue": days.astype(np.int64)}))
    return pd.concat(frames, ignore_index=True)[CREDIT_COLUMNS]


def _person(rng) -> str:
    given = "".join(rng.choice(list(GIVEN), size=int(rng.integers(1, 3))))
    return str(rng.choice(list(SURNAMES))) + given


def _place(name: str):
    for prefix in sorted(PLACES, key=len, reverse=True):
        if name.startswith(prefix):
            return PLACES[prefix]
    raise ValueError(f"no place for {name!r}")


def _profiles(rng, accounts, pattern, status, legal, growth, terms, persistent, last_limit):
    rows = []
    rating_base = np.clip(np.round(1.7 - 0.5 * np.log10(accounts["revenue"] / 2e6)
                                   + rng.normal(0, 0.7, len(accounts))), 0, 3).astype(int)
    bank_names = list(BANKS)
    bank_p = np.array(list(BANKS.values()))
    bank_p = bank_p / bank_p.sum()
    for i, acc in enumerate(accounts.itertuples(index=False)):
        province, cities = _place(acc.name)
        city, code = cities[int(rng.integers(len(cities)))]
        street = (f"{province}{city}{rng.choice(AREAS)}{rng.choice(ROADS)}"
                  f"{int(rng.integers(1, 900))}号")
        digits = 7 if len(code) == 4 else 8
        phone = f"{code}-{int(rng.integers(2, 9))}{int(rng.integers(0, 10 ** (digits - 1))):0{digits - 1}d}"
        amp, per_employee, tech, market, products = INDUSTRIES[acc.industry]
        turnover = round(acc.wallet / rng.uniform(0.05, 0.25), -4)
        employees = max(30, int(round(turnover / (per_employee * rng.uniform(0.7, 1.4)))))
        split = np.array([rng.uniform(0.07, 0.13), rng.uniform(0.06, 0.16),
                          0.0, tech * rng.uniform(0.8, 1.25)])
        split[2] = 1 - split.sum()
        staff = _largest_remainder(split, employees)
        rating = rating_base[i] + (2 if persistent[i] else 0) + (2 if status[i] == "bankruptcy" else 0)
        own_growth = market + 0.5 * growth[i] + rng.normal(0, 0.04)
        if pattern[i] == "fading":
            own_growth -= rng.uniform(0.15, 0.4)
        picked = rng.choice(products, size=2, replace=False)
        rows.append({
            "account_id": acc.account_id, "name": acc.name, "industry": acc.industry,
            "region": acc.region, "owner": acc.owner, "account_tier": acc.account_tier,
            "address": street, "phone": phone, "legal_representative": _person(rng),
            "employees": employees, "staff_management": int(staff[0]),
            "staff_sales": int(staff[1]), "staff_production": int(staff[2]),
            "staff_technical": int(staff[3]),
            "bank": f"{rng.choice(bank_names, p=bank_p)}{city or province}分行",
            "bank_rating": RATINGS[min(int(rating), len(RATINGS) - 1)],
            "company_turnover": int(turnover), "company_growth": round(float(own_growth), 3),
            "main_products": "、".join(picked), "credit_terms_days": int(terms[i]),
            "credit_limit": int(last_limit[acc.account_id]), "status": status[i],
            "legal_restriction": bool(legal[i]),
        })
    return pd.DataFrame(rows)


def _cash_flow(rng, profiles, pattern, status, persistent) -> np.ndarray:
    """Operating cash flow over the latest year, CNY (rounded to 10,000): turnover × a rate."""
    sound = np.clip(rng.normal(0.07, 0.025, len(profiles)), *CASH_FLOW_RATE["sound"])
    sound = sound - np.where(pattern == "declining", 0.02, 0.0)
    sound = np.maximum(sound, 0.005)
    rate = sound.copy()
    for i in range(len(profiles)):
        if status[i] == "bankruptcy":
            rate[i] = rng.uniform(*CASH_FLOW_RATE["bankruptcy"])
        elif persistent[i]:
            rate[i] = rng.uniform(*CASH_FLOW_RATE["persistent"])
        elif pattern[i] == "fading":
            rate[i] = rng.uniform(*CASH_FLOW_RATE["fading"])
    return np.round(profiles["company_turnover"].to_numpy(dtype=float) * rate, -4).astype(np.int64)


def build_all(book: pd.DataFrame | None = None, seed: int = CARD_SEED) -> dict[str, pd.DataFrame]:
    """The three card tables, by name, for the 250 largest accounts of ``book``."""
    if book is None:
        book = pd.read_csv(HERE / "customers.csv", dtype={"account_id": str})
    rng = np.random.default_rng(seed)
    accounts = _key_accounts(book)
    n = len(accounts)
    pattern = _patterns(rng, n)
    status, legal = _status(rng, pattern)
    transactions = _transactions(rng, accounts, pattern)
    by_account = {a: g["revenue"].to_numpy() for a, g in transactions.groupby("account_id")}
    rev = accounts["revenue"].to_numpy(dtype=float)
    p_long = np.clip((np.log10(rev) - 6.2) / 2.0, 0, 1)  # bigger accounts get longer terms
    terms = np.array([TERMS[min(3, int(rng.binomial(3, 0.15 + 0.6 * p)))] for p in p_long])
    candidates = np.flatnonzero(pattern != "fading")
    persistent = np.zeros(n, dtype=bool)
    chosen = rng.choice(candidates, size=N_PERSISTENT_OVERDUE - STATUS_ACCOUNTS["bankruptcy"],
                        replace=False)
    persistent[chosen] = True
    persistent[status == "bankruptcy"] = True  # the bankrupt account stopped paying first
    over_limit = np.zeros(n, dtype=bool)
    over_limit[rng.choice(chosen, size=N_OVER_LIMIT // 2, replace=False)] = True
    rest = np.setdiff1d(candidates, chosen)
    over_limit[rng.choice(rest, size=N_OVER_LIMIT - N_OVER_LIMIT // 2, replace=False)] = True
    credit = _credit(rng, accounts, by_account, terms, persistent, over_limit)
    last_limit = credit.groupby("account_id")["credit_limit"].last()
    growth = np.array([g["revenue"].to_numpy()[-12:].sum() / max(1, g["revenue"].to_numpy()[-24:-12].sum()) - 1
                       for _, g in transactions.groupby("account_id", sort=False)])
    order = {a: i for i, a in enumerate(transactions["account_id"].unique())}
    growth = growth[[order[a] for a in accounts["account_id"]]]
    profiles = _profiles(rng, accounts, pattern, status, legal, np.clip(growth, -0.5, 0.5), terms,
                         persistent, last_limit)
    profiles["operating_cash_flow"] = _cash_flow(rng, profiles, pattern, status, persistent)
    profiles = profiles[PROFILE_COLUMNS]
    return {"account_profiles": profiles, "account_transactions": transactions,
            "account_credit": credit}


def to_csv_text(df: pd.DataFrame) -> str:
    """The exact text of a dataset's CSV file: UTF-8, header row, no index, ``\\n`` line ends."""
    return df.to_csv(index=False, lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the key-account card datasets.")
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
        print(f"out of date: {', '.join(stale)} (run python datasets/generate_cards.py)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
