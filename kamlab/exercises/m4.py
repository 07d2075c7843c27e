"""The exercise bank for module 4 (proposal economics): contract value, erosion, cost curve,
EVC and TCO.

Same pattern as :mod:`kamlab.exercises.m1`: each exercise has a trainee and a solution
notebook in ``exercises/``; expected answers are computed with kamlab on the bundled data
(``contract_case`` / ``contract_terms``, ``negotiation_rounds``, ``industry_plants`` /
``industry_demand``, ``evc_case``, ``tco_offers``); each mistake detector recomputes the
mistaken value its own way; a mistake whose value coincides with the right answer on the
bundled data is left out (it could not be told apart).

>>> from kamlab.exercises import check, expected_answer
>>> round(expected_answer("m4-walk-away"))
45689
>>> check("m4-round-loss", -expected_answer("m4-round-loss")).hint
'Give the loss as a positive amount: the NPV fell by this much in round 3.'
>>> check("m4-cheapest-tco", "OUR OFFER").status
'correct'
"""

from __future__ import annotations

import math

from kamlab.checks import Asks, Exercise, Mistake, _load, _rel_close, as_name, as_number, register
from kamlab.data import load_contract_case

#: What m4-walk-away and m4-clearing-after-plant ask for (a share or a percentage gets a hint).
PRICE = Asks("amount", 0, "a price in CNY per tonne", "以元/吨计的价格")

#: The base year of the cost curve (the first row of ``industry_demand``).
BASE_YEAR = 2026

#: The negotiation round of exercise m4-round-loss (a ``label`` of ``negotiation_rounds``).
ROUND = "Round 3"


# --- shared helpers --------------------------------------------------------------------

def _close_to_any(a: float, values) -> bool:
    return any(_rel_close(a, float(v)) for v in values)


# --- m4-walk-away: the contract's walk-away price (底线价格) ---------------------------

def _terms() -> dict:
    return load_contract_case()


def _contract(**changes):
    """contract_value of the contract case, with some terms changed (e.g. investment=0)."""
    from kamlab.economics import contract_value

    return contract_value(**load_contract_case(**changes))


def _walk_away_year1_at_t0() -> float:
    """The walk-away price with numpy-financial's npv on the yearly flows alone.

    ``npf.npv(rate, [cf_1, …, cf_T])`` discounts cf_1 at t = 0 (not a full year), so every
    flow is one year too early. The NPV is linear in the price: solve it from two prices.
    """
    import numpy_financial as npf

    t = _terms()

    def npv(price: float) -> float:
        return float(npf.npv(t["rate"], _contract(start_price=price).cashflows["cashflow"]
                             .iloc[1:].to_numpy())) - t["investment"]

    low, high = t["start_price"], 2 * t["start_price"]
    return low - npv(low) * (high - low) / (npv(high) - npv(low))


register(Exercise(
    id="m4-walk-away",
    title="the walk-away price (底线价格) of the contract case: the year-1 price in CNY / t "
          "at which the contract's NPV is 0",
    expected=lambda: float(_contract().walk_away_price),
    normalise=as_number,
    correct=lambda a, e: _rel_close(a, e),
    asks=PRICE,
    mistakes=(
        Mistake("no-investment",
                lambda a, e: _rel_close(a, float(_contract(investment=0).walk_away_price)),
                "You left out the up-front investment (前期投资, CNY 9 m at t = 0). At the "
                "walk-away price the margins must pay for the line and the qualification too.",
                hint_zh="你漏掉了前期投资（t = 0 时的900万元）。在底线价格下，毛利还必须收回生产线和"
                        "认证的投入。"),
        Mistake("year1-at-t0", lambda a, e: _rel_close(a, _walk_away_year1_at_t0()),
                "Your discounting is one year off: year 1's cash flow was not discounted "
                "(numpy_financial.npv(rate, flows) treats its first value as t = 0). Put "
                "−investment first — npf.npv(rate, [-investment, cf_1, …]) — or use "
                "contract_value(...).walk_away_price.",
                hint_zh="你的折现差了一年：第1年的现金流没有折现（numpy_financial.npv(rate, flows) "
                        "把第一个值当作 t = 0）。把 −investment 放在最前面——npf.npv(rate, "
                        "[-investment, cf_1, …])——或者用 contract_value(...).walk_away_price。"),
        Mistake("no-price-down",
                lambda a, e: _rel_close(a, float(_contract(price_down=0).walk_away_price)),
                "You ignored the yearly price-down (年降, 3% a year). With it, the year-1 "
                "price must be higher to reach NPV = 0: pass price_down=0.03.",
                hint_zh="你忽略了年降（每年3%）。考虑年降后，第一年价格必须更高才能使 NPV = 0：传入"
                        " price_down=0.03。"),
        Mistake("npv", lambda a, e: _rel_close(a, float(_contract().npv)),
                "That is the contract's NPV at the first quote, in CNY. The question asks "
                "for a price in CNY / t: the year-1 price at which the NPV is 0.",
                hint_zh="这是按首次报价计算的合同净现值，单位是元。题目问的是价格（元/吨）：使 NPV "
                        "为0的第一年价格。"),
    ),
    success="the walk-away price is under 5% below the first quote: on a thin margin, a few "
            "percent of concessions take the whole value of the contract.",
    generic_hint="cv = contract_value(case['volume'], start_price, unit_cost, price_down=…, "
                 "cost_down=…, investment=…, rate=…) with the six contract_terms; "
                 "cv.walk_away_price is the answer.",
    title_zh="合同案例的底线价格：使合同净现值（NPV）为0的第一年价格，单位：元/吨",
    success_zh="底线价格比首次报价低不到5%：毛利这么薄，几个百分点的让步就会吃掉合同的全部价值。",
    generic_hint_zh="cv = contract_value(case['volume'], start_price, unit_cost, price_down=…, "
                    "cost_down=…, investment=…, rate=…)，参数取自 contract_terms 的六项条款；"
                    "cv.walk_away_price 就是答案。",
))


# --- m4-round-loss: the NPV lost in one negotiation round ------------------------------

def _rounds():
    return _load("negotiation_rounds").set_index("label")


def _round_change(label: str) -> float:
    """The change of a round in CNY, as the table gives it (negative for a concession)."""
    return float(_rounds().loc[label, "npv"])


def _recomputed_change(label: str) -> float:
    """The same change, recomputed with contract_value at the round's price and the one
    before (the prices are rounded to CNY 10 / t, so it differs by a fraction of a percent)."""
    prices = _load("negotiation_rounds")["start_price"].tolist()
    i = _load("negotiation_rounds")["label"].tolist().index(label)
    return (float(_contract(start_price=prices[i]).npv)
            - float(_contract(start_price=prices[i - 1]).npv))


def _level_after(label: str) -> tuple[float, float]:
    """The NPV after a round, in CNY: the running total of the table and contract_value at
    the round's price."""
    rounds = _load("negotiation_rounds")
    i = rounds["label"].tolist().index(label)
    return (float(rounds["npv"].iloc[: i + 1].sum()),
            float(_contract(start_price=rounds["start_price"].iloc[i]).npv))


def _round_loss_ok(a: float, e: float) -> bool:
    """Either route passes: the table's CNY or contract_value at the rounded round prices."""
    return _rel_close(a, e) or _rel_close(a, -_recomputed_change(ROUND))


register(Exercise(
    id="m4-round-loss",
    title=f"the NPV lost in {ROUND.lower()} of the negotiation, in CNY, as a positive amount",
    expected=lambda: -_round_change(ROUND),
    normalise=as_number,
    correct=_round_loss_ok,
    asks=Asks("amount", 0, "an amount in CNY", "以元计的金额"),
    mistakes=(
        Mistake("index-points",
                lambda a, e: math.isclose(abs(a), abs(float(_rounds().loc[ROUND, "npv_index"]))),
                "That is the change in index points (first quote = 100). Give it in CNY: one "
                "index point is 1% of the NPV at the first quote — or read the npv column.",
                hint_zh="这是以指数点表示的变化（首次报价 = 100）。请用元表示：一个指数点是首次报价"
                        "时 NPV 的1%——或者直接读 npv 列。"),
        Mistake("negative", lambda a, e: _round_loss_ok(-a, e),
                "Give the loss as a positive amount: the NPV fell by this much in round 3.",
                hint_zh="请把损失写成正数：第3轮让 NPV 减少了这么多。"),
        Mistake("level", lambda a, e: _close_to_any(abs(a), _level_after(ROUND)),
                "That is the NPV left after round 3 (the level of the bar), not what the round "
                "took away. Take the round's change: the difference to the level after round 2.",
                hint_zh="这是第3轮之后剩下的 NPV（柱子的高度），不是这一轮拿走的部分。请取这一轮的变"
                        "化：与第2轮之后水平的差额。"),
        Mistake("other-round",
                lambda a, e: _close_to_any(abs(a), [abs(f(r)) for r in ("Round 2", "Round 4")
                                                    for f in (_round_change, _recomputed_change)]),
                "That is the change of a neighbouring round. Round 3 is the row labelled "
                "'Round 3' (第三轮), the third bar of the waterfall: 46,870 CNY / t after 47,750.",
                hint_zh="这是相邻一轮的变化。第3轮是标为 'Round 3'（第三轮）的那一行，也就是瀑布图的"
                        "第三根柱子：从47,750降到46,870元/吨。"),
    ),
    success="one round of 1.8% off the price took almost two-fifths of the contract's value "
            "(38 of 100 index points): concede in small steps, and ask for something back.",
    generic_hint="rounds = load_dataset('negotiation_rounds'); the npv column of the row "
                 "'Round 3' is the change in CNY (negative); answer its size. Or take the "
                 "difference of contract_value(...).npv at 47,750 and 46,870 CNY / t.",
    title_zh=f"谈判第{ROUND.split()[-1]}轮（{ROUND}）中损失的净现值，单位：元，用正数表示",
    success_zh="一轮降价1.8%就拿走了合同近五分之二的价值（100个指数点中的38个）：要小步让步，并且要"
               "求对方有所回报。",
    generic_hint_zh="rounds = load_dataset('negotiation_rounds')；'Round 3' 那一行的 npv 列就是以元"
                    "计的变化（负数）；答出它的绝对值。或者取 contract_value(...).npv 在47,750和"
                    "46,870元/吨时的差额。",
))


# --- m4-clearing-after-plant: the cost curve with the planned plant --------------------

def _plants():
    return _load("industry_plants")


def _demand(year: int = BASE_YEAR) -> float:
    return float(_load("industry_demand").set_index("year").loc[year, "demand"])


def _clearing(plants=None, demand=None, **kw) -> float:
    from kamlab.economics import clearing_price

    return clearing_price(_plants() if plants is None else plants,
                          _demand() if demand is None else demand, **kw)


def _operating():
    p = _plants()
    return p[p["plant_status"] == "operating"]


def _planned():
    p = _plants()
    return p[p["plant_status"] == "planned"]


def _with_new_plant():
    from kamlab.economics import add_capacity

    return add_capacity(_operating(), _planned())


def _full_cost_prices() -> list[float]:
    """The full-cost curve's price, and the full cost of the cash-cost marginal plant."""
    from kamlab.economics import market_clearing

    plants = _with_new_plant()
    marginal = market_clearing(plants, _demand()).marginal_plant
    return [_clearing(plants, cost="full_cost"),
            float(plants.set_index("plant").loc[marginal, "full_cost"])]


def _other_year_prices(expected: float) -> list[float]:
    years = _load("industry_demand")["year"]
    prices = [_clearing(_with_new_plant(), _demand(int(y))) for y in years if y != BASE_YEAR]
    return [p for p in prices if not _rel_close(p, expected)]


# The 2027 demand gives the same price with the new plant (CNY 40,600), so it has no hint;
# 2029 and 2030 give today's price and get that hint first (tests/exercises/test_exercises_bank.py).
register(Exercise(
    id="m4-clearing-after-plant",
    title=f"the clearing price (CNY / t) in {BASE_YEAR} once the planned plant runs too",
    expected=lambda: _clearing(_with_new_plant()),
    normalise=as_number,
    correct=lambda a, e: _rel_close(a, e),
    asks=PRICE,
    mistakes=(
        Mistake("today", lambda a, e: _rel_close(a, _clearing(_operating())),
                "That is today's price, with the operating plants only. Add the planned plant "
                "(plant_status 'planned') to the curve: add_capacity(operating, planned).",
                hint_zh="这是今天的价格，只算了在运营的工厂。请把计划中的工厂（plant_status "
                        "'planned'）加进成本曲线：add_capacity(operating, planned)。"),
        Mistake("new-plant-cost",
                lambda a, e: _close_to_any(a, _planned()["cash_cost"]),
                "That is the new plant's own cash cost. It runs at the cheap end of the curve; "
                "the price is set by the marginal plant (边际工厂), the last one demand needs.",
                hint_zh="这是新工厂自己的现金成本。它位于成本曲线的低成本一端；价格由边际工厂决定，"
                        "即满足需求所需的最后一家工厂。"),
        Mistake("full-cost", lambda a, e: _close_to_any(a, _full_cost_prices()),
                "You used full cost. Plants keep running as long as the price covers their "
                "cash cost (现金成本), so the curve is ordered and priced by cash_cost.",
                hint_zh="你用的是完全成本。只要价格能覆盖现金成本，工厂就会继续开工，所以成本曲线按"
                        " cash_cost 排序和定价。"),
        Mistake("other-year", lambda a, e: _close_to_any(a, _other_year_prices(e)),
                f"You used another year's demand. Take the base year's: industry_demand in "
                f"{BASE_YEAR} (118 kt).",
                hint_zh=f"你用了另一年的需求。请取基准年的：{BASE_YEAR}年的 industry_demand（118千吨"
                        "）。"),
    ),
    success="the new low-cost plant pushes the most expensive plants off the curve and the "
            "price down by about 5% — including its owner's own Xi'an plant.",
    generic_hint="after = add_capacity(operating, planned); clearing_price(after, demand in "
                 f"{BASE_YEAR}) — or market_clearing(...) to see the marginal plant too.",
    title_zh=f"计划中的新工厂也投产后，{BASE_YEAR}年的市场出清价格（元/吨）",
    success_zh="低成本的新工厂把最贵的几家工厂挤出了成本曲线，价格下降约5%——被挤出的也包括新工厂所有"
               "者自己在西安的工厂。",
    generic_hint_zh=f"after = add_capacity(operating, planned)；clearing_price(after, demand)，"
                    f"demand 取{BASE_YEAR}年的需求——或者用 market_clearing(...) 同时看到边际工厂。",
))


# --- m4-evc: economic value to the customer (对客户的经济价值) ---------------------------

def _evc_parts() -> dict:
    return _load("evc_case").groupby("kind")["amount"].sum().astype(float).to_dict()


def _evc():
    from kamlab.economics import evc

    p = _evc_parts()
    return evc(p["reference"], savings=p["savings"], benefits=p["benefit"],
               negative=p["negative"], price=p["our_price"])


def _evc_plus(times_negative: int) -> float:
    """Reference + savings + benefits − times_negative × negative, summed by hand."""
    p = _evc_parts()
    return p["reference"] + p["savings"] + p["benefit"] - times_negative * p["negative"]


register(Exercise(
    id="m4-evc",
    title="the economic value to the customer (EVC) of our offer, CNY per vehicle set",
    expected=lambda: float(_evc().value),
    normalise=as_number,
    correct=lambda a, e: _rel_close(a, e),
    # one decimal: on CNY 97 a vehicle set, whole CNY would hide the slips (CNY 2-3 apart)
    asks=Asks("amount", 1, "an amount in CNY per vehicle set", "以元/车套计的金额"),
    mistakes=(
        Mistake("no-negative", lambda a, e: _rel_close(a, _evc_plus(0)),
                "You left out the negative differentiation (负面差异): the switching cost of "
                "re-qualification and line trials takes value away. Subtract it.",
                hint_zh="你漏掉了负面差异：重新认证和上线试验的转换成本会减少价值。请把它减去。"),
        Mistake("differentiation", lambda a, e: _rel_close(a, float(_evc().differentiation)),
                "That is only the differentiation value (the value pool, EVC − reference). "
                "The EVC starts from the reference product's price: add it.",
                hint_zh="这只是差异化价值（价值池，EVC − 参照价格）。EVC 要从参照产品的价格算起：把"
                        "它加上。"),
        Mistake("negative-twice", lambda a, e: _rel_close(a, _evc_plus(2)),
                "You subtracted the negative differentiation twice: its amount in evc_case "
                "is already the cost; take it off once.",
                hint_zh="你把负面差异减了两次：evc_case 里它的金额本身就是成本，减一次即可。"),
        Mistake("negative-added", lambda a, e: _rel_close(a, _evc_plus(-1)),
                "You added the negative differentiation. It is a cost of switching to us "
                "(amount ≥ 0 in the table): subtract it.",
                hint_zh="你把负面差异加上了。它是客户转用我们产品的成本（表中金额 ≥ 0）：应该减去。"),
        Mistake("our-price", lambda a, e: _rel_close(a, float(_evc_parts()["our_price"])),
                "That is our price (the first quote per vehicle set). The EVC is what our "
                "offer is worth to the OEM: reference price + savings + benefits − negative.",
                hint_zh="这是我方价格（每车套的首次报价）。EVC 是我方方案对主机厂（OEM）的价值：参照"
                        "价格 + 节约 + 收益 − 负面差异。"),
    ),
    success="our offer is worth about CNY 20 more per vehicle set than our first quote: the "
            "customer keeps most of the value pool — room to price on value.",
    generic_hint="parts = evc_case.groupby('kind')['amount'].sum(); evc(parts['reference'], "
                 "savings=…, benefits=parts['benefit'], negative=…).value.",
    title_zh="我方方案对客户的经济价值（EVC），单位：元/车套",
    success_zh="我方方案对客户的价值比首次报价每车套高约20元：价值池的大部分留在了客户手里——还有按价"
               "值定价的空间。",
    generic_hint_zh="先把各部分加总：parts = evc_case.groupby('kind')['amount'].sum()；再算 "
                    "evc(parts['reference'], savings=…, benefits=parts['benefit'], negative=…)"
                    ".value。",
))


# --- m4-cheapest-tco: total cost of ownership (OEM系统成本) -----------------------------

def _tco():
    from kamlab.economics import tco

    return tco(_load("tco_offers"))


def _cheapest_tco() -> str:
    return str(_tco()["offer"].iloc[0])


def _names_of(offer: str) -> set[str]:
    """The offer's name in English and Chinese (offer, offer_zh), normalised."""
    row = _load("tco_offers").set_index("offer").loc[offer]
    return {as_name(offer), as_name(str(row["offer_zh"]))}


def _supplier_names(offer: str) -> set[str]:
    """The offer's supplier in English and, when the plant list knows the company, Chinese
    (industry_plants' company_zh), normalised."""
    supplier = str(_load("tco_offers").set_index("offer").loc[offer, "supplier"])
    plants = _load("industry_plants")
    zh = dict(zip(plants["company"], plants["company_zh"])).get(supplier)
    return {as_name(supplier)} | ({as_name(zh)} if zh else set())


# "Undiscounted totals" (price + acquisition + operating × life + end of life) has no hint:
# it ranks the same offer first on the bundled data (tests/exercises/test_exercises_bank.py asserts this).
register(Exercise(
    id="m4-cheapest-tco",
    title="the offer with the lowest total cost of ownership for the OEM (its name in the "
          "offer column, e.g. 'Jinhe standard')",
    expected=_cheapest_tco,
    normalise=as_name,
    correct=lambda a, e: a in _names_of(e),
    mistakes=(
        Mistake("cheapest-price",
                lambda a, e: a in _names_of(str(_load("tco_offers")
                                                .set_index("offer")["price"].idxmin())),
                "That is the cheapest offer by price. The OEM also pays for applying, running "
                "and disposing of it over ten years: rank by tco, not by price.",
                hint_zh="这是价格最低的方案。主机厂还要在十年里为使用、运行和处置它付费：请按 tco 排"
                        "序，而不是按价格。"),
        Mistake("supplier",
                lambda a, e: a in _supplier_names(e),
                "That is the supplier. Give the offer's name (the offer column).",
                hint_zh="这是供应商。请给出方案的名称（offer 列，或 offer_zh 列中的中文名）。"),
    ),
    success="the cheapest system (系统总成本最低) is not the cheapest price: our offer costs "
            "more per vehicle set but saves the OEM most over the vehicle's life.",
    generic_hint="t = tco(load_dataset('tco_offers')) sorts the offers by TCO, lowest first; "
                 "answer the first row's offer.",
    title_zh="对主机厂总拥有成本最低的方案（offer 列中的名称，例如 'Jinhe standard'，也可以写 "
             "offer_zh 列中的中文名）",
    success_zh="系统总成本最低的方案并不是价格最低的：我方方案每车套更贵，却在车辆的整个寿命期内为主"
               "机厂省下最多。",
    generic_hint_zh="t = tco(load_dataset('tco_offers')) 会把方案按总拥有成本从低到高排序；答出第一"
                    "行的 offer。",
))
