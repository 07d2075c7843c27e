"""Generate ``buying_centre`` and ``account_coverage``: who decides at the top 10 customers of
seed 000's US manufacturer, and who on our side covers whom (module 6).

Usage, from any directory::

    python datasets/generate_buying_centre.py          # (re)write the two CSV files
    python datasets/generate_buying_centre.py --check  # write nothing; exit 1 if one differs

``datasets/`` is not a package: tests load this file by path and call :func:`build` and
:func:`to_csv_text`, so a committed CSV is always exactly what this code produces. Only numpy,
pandas and the standard library are used; nothing from kamlab.

The case
--------
Seed 000 (关键客户管理案例分析, a large US manufacturer): each customer has two decision makers,
a buyer (采购者) who makes the purchase decision and a regional manager (地区经理), more
technical, who influences it. The key-account manager (sales background) works the buyer;
technical staff work the regional manager. The two did not work as one team until technical
staff reported into the KAM department, and all the focus was on the upper level. Seed 004
(购买中心) gives the members (marketing, production, R&D, top management, purchasing) and the
seven roles of Webster and Wind (倡议者 initiator, 决策者 decider, 影响者 influencer, 分析者
analyst, 使用者 user, 采购者 buyer, 控制者 gatekeeper).

Our synthetic setting: the manufacturer makes specialty coatings (特种涂料) for appliance
makers; its top 10 customers are M01–M10 (the ids and names the module-6 market data uses).

How it is built
---------------
1. **Their side** (``buying_centre``): every account has five standing members — the
   purchasing director (buyer *and* decider: two rows), the regional technical manager
   (influencer, influence 4–5), the plant manager (user), the quality manager (analyst) and a
   purchasing agent (gatekeeper: controls who gets to whom) — and, drawn per account, a VP of
   operations (decider), a paint-shop supervisor (user), a product-development engineer
   (initiator) and a product-marketing manager (initiator): 5–9 contacts an account.
   Influence (1–5) is the post's typical influence, moved one step up or down for a third of
   the contacts (never below 4 for the two decision makers of the seed).
2. **Our side** (``account_coverage``): one row per (our person, their contact) with a working
   contact, strength 0–3 (none, weak, working, strong). Five key-account managers (kam) hold
   two accounts each and cover the purchasing side; four application engineers (technical)
   cover the regional technical managers, quality and R&D, and sometimes the plant; two sales
   executives (executive) meet the top managers; three field-service technicians (service)
   visit some plants. ``KAM_ON_REGIONAL`` fixes how well each KAM knows the regional
   technical manager (the seed: hardly at all), so the calibration does not hang on a draw.

Calibration (``tests/test_datasets_buying_centre.py`` recomputes it with plain pandas): with
the account team before the reorganisation (kam, executive) the regional technical manager is a
gap (no team contact stronger than weak) at 8 of 10 accounts; once technical staff report into
KAM (kam, technical, executive) it is covered at all 10 and the influence-weighted gap share
drops by more than half, but a plant-level user stays a gap at most accounts.

All randomness comes from one ``numpy.random.default_rng(BC_SEED)`` stream drawn in a fixed
order: changing the order of draws changes the data.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
BC_SEED = 20061106
NAMES = ("buying_centre", "account_coverage")

#: The top 10 customers (ids and names shared with the module-6 market data).
ACCOUNTS = (
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

#: post: (title, title_zh, department, roles, typical influence, chance the account has one)
POSTS = {
    "purchasing_director": ("Purchasing Director", "采购总监", "purchasing",
                            ("buyer", "decider"), 5, 1.0),
    "regional_technical": ("Regional Technical Manager", "地区技术经理", "production",
                           ("influencer",), 5, 1.0),
    "vp_operations": ("VP Operations", "运营副总裁", "top_management", ("decider",), 4, 0.5),
    "plant_manager": ("Plant Manager", "工厂厂长", "production", ("user",), 3, 1.0),
    "paint_shop": ("Paint Shop Supervisor", "涂装车间主管", "production", ("user",), 2, 0.7),
    "quality": ("Quality Manager", "质量经理", "quality", ("analyst",), 3, 1.0),
    "purchasing_agent": ("Purchasing Agent", "采购专员", "purchasing", ("gatekeeper",), 2, 1.0),
    "development": ("Product Development Engineer", "产品开发工程师", "rd", ("initiator",), 3, 0.5),
    "marketing": ("Product Marketing Manager", "产品市场经理", "marketing", ("initiator",), 2, 0.4),
}
#: the seed's two decision makers: their influence never drops below this
DECISION_MAKERS = {"purchasing_director": 5, "regional_technical": 4}

#: Contact names: (English, Chinese transliteration). Invented; any match is chance.
FIRST = (("Karen", "凯伦"), ("Michael", "迈克尔"), ("Linda", "琳达"), ("James", "詹姆斯"),
         ("Susan", "苏珊"), ("Robert", "罗伯特"), ("Patricia", "帕特里夏"), ("David", "戴维"),
         ("Jennifer", "珍妮弗"), ("Richard", "理查德"), ("Barbara", "芭芭拉"), ("Thomas", "托马斯"),
         ("Nancy", "南希"), ("Daniel", "丹尼尔"), ("Lisa", "丽莎"), ("Mark", "马克"),
         ("Sandra", "桑德拉"), ("Steven", "史蒂文"), ("Donna", "唐娜"), ("Paul", "保罗"),
         ("Carol", "卡罗尔"), ("Kevin", "凯文"), ("Amy", "埃米"), ("Brian", "布赖恩"),
         ("Laura", "劳拉"), ("Gary", "加里"), ("Emily", "埃米莉"), ("Eric", "埃里克"))
LAST = (("Miller", "米勒"), ("Johnson", "约翰逊"), ("Walker", "沃克"), ("Anderson", "安德森"),
        ("Harris", "哈里斯"), ("Clark", "克拉克"), ("Lewis", "刘易斯"), ("Young", "扬"),
        ("Wright", "赖特"), ("Scott", "斯科特"), ("Baker", "贝克"), ("Nelson", "纳尔逊"),
        ("Carter", "卡特"), ("Mitchell", "米切尔"), ("Turner", "特纳"), ("Parker", "帕克"),
        ("Collins", "柯林斯"), ("Stewart", "斯图尔特"), ("Morris", "莫里斯"), ("Murphy", "墨菲"),
        ("Cook", "库克"), ("Bailey", "贝利"), ("Cooper", "库珀"), ("Howard", "霍华德"),
        ("Ward", "沃德"), ("Brooks", "布鲁克斯"), ("Hughes", "休斯"), ("Price", "普赖斯"))

#: Our people: name -> (Chinese transliteration, function, accounts)
OUR_PEOPLE = {
    "Tom Becker": ("汤姆·贝克尔", "kam", ("M01", "M06")),
    "Sarah Lin": ("萨拉·林", "kam", ("M02", "M07")),
    "Greg Foster": ("格雷格·福斯特", "kam", ("M03", "M08")),
    "Alice Moreno": ("艾丽斯·莫雷诺", "kam", ("M04", "M09")),
    "Jason Reed": ("杰森·里德", "kam", ("M05", "M10")),
    "Wei Zhang": ("张伟", "technical", ("M01", "M02", "M03")),
    "Hannah Ross": ("汉娜·罗斯", "technical", ("M04", "M05", "M06")),
    "Omar Haddad": ("奥马尔·哈达德", "technical", ("M07", "M08")),
    "Mei Chen": ("陈梅", "technical", ("M09", "M10")),
    "Robert Hayes": ("罗伯特·海斯", "executive", ("M01", "M02", "M03", "M04", "M05")),
    "Diane Keller": ("黛安·凯勒", "executive", ("M06", "M07", "M08", "M09", "M10")),
    "Luis Ortega": ("路易斯·奥尔特加", "service", ("M01", "M02", "M03", "M04")),
    "Pete Novak": ("皮特·诺瓦克", "service", ("M05", "M06", "M07")),
    "Ken Ito": ("伊藤健", "service", ("M08", "M09", "M10")),
}

#: How well each account's KAM knows the regional technical manager (0 = no row): the seed
#: says all the focus was on the upper level; two KAMs have a working contact anyway.
KAM_ON_REGIONAL = {"M01": 1, "M02": 0, "M03": 2, "M04": 0, "M05": 1, "M06": 0, "M07": 1,
                   "M08": 0, "M09": 2, "M10": 0}

#: (function, post) -> (chance of a row, strengths drawn from, their chances)
COVERAGE = {
    ("kam", "purchasing_director"): (1.0, (2, 3), (0.2, 0.8)),
    ("kam", "purchasing_agent"): (1.0, (2, 3), (0.5, 0.5)),
    ("kam", "vp_operations"): (0.6, (1, 2), (0.7, 0.3)),
    ("kam", "marketing"): (0.7, (1, 2), (0.5, 0.5)),
    ("kam", "plant_manager"): (0.2, (1,), (1.0,)),
    ("technical", "regional_technical"): (1.0, (2, 3), (0.2, 0.8)),
    ("technical", "quality"): (1.0, (2, 3), (0.5, 0.5)),
    ("technical", "development"): (1.0, (2, 3), (0.4, 0.6)),
    ("technical", "plant_manager"): (0.5, (1, 2), (0.5, 0.5)),
    ("technical", "paint_shop"): (0.2, (1,), (1.0,)),
    ("executive", "vp_operations"): (1.0, (2, 3), (0.7, 0.3)),
    ("executive", "purchasing_director"): (0.5, (1, 2), (0.6, 0.4)),
    ("service", "plant_manager"): (0.5, (1, 2), (0.6, 0.4)),
    ("service", "paint_shop"): (0.6, (1, 2), (0.5, 0.5)),
}
FUNCTIONS = ("kam", "technical", "executive", "service")


def _contacts(rng: np.random.Generator) -> pd.DataFrame:
    """One row per (account, contact, role), with the post each contact holds (dropped later)."""
    names = [(f, ln) for f in range(len(FIRST)) for ln in range(len(LAST))]
    order = rng.permutation(len(names))
    rows, used = [], 0
    for account_id, company, company_zh in ACCOUNTS:
        present = [p for p, spec in POSTS.items() if spec[5] >= 1.0 or rng.random() < spec[5]]
        for n, post in enumerate(present, start=1):
            title, title_zh, department, roles, typical, _ = POSTS[post]
            step = int(rng.choice([-1, 0, 1], p=[1 / 6, 2 / 3, 1 / 6]))
            influence = int(np.clip(typical + step, DECISION_MAKERS.get(post, 1), 5))
            f, ln = names[order[used]]
            used += 1
            contact = f"{FIRST[f][0]} {LAST[ln][0]}"
            contact_zh = f"{FIRST[f][1]}·{LAST[ln][1]}"
            for role in roles:
                rows.append((account_id, company, company_zh, f"{account_id}-C{n:02d}", contact,
                             contact_zh, title, title_zh, department, role, influence, post))
    return pd.DataFrame(rows, columns=[
        "account_id", "company", "company_zh", "contact_id", "contact", "contact_zh", "title",
        "title_zh", "department", "role", "influence", "post"])


def _coverage(rng: np.random.Generator, centre: pd.DataFrame) -> pd.DataFrame:
    """One row per (our person, their contact) with a contact, strength 1–3."""
    posts = centre.drop_duplicates("contact_id")
    rows = []
    for account_id, *_ in ACCOUNTS:
        theirs = dict(zip(posts.loc[posts["account_id"] == account_id, "post"],
                          posts.loc[posts["account_id"] == account_id, "contact_id"],
                          strict=True))
        ours = {fn: [p for p, (_, f, accs) in OUR_PEOPLE.items() if f == fn and account_id in accs]
                for fn in FUNCTIONS}
        for post, contact_id in theirs.items():
            for fn in FUNCTIONS:
                person = ours[fn][0]
                if (fn, post) == ("kam", "regional_technical"):
                    strength = KAM_ON_REGIONAL[account_id]
                elif (fn, post) in COVERAGE:
                    chance, values, p = COVERAGE[(fn, post)]
                    draw = rng.random()
                    strength = int(rng.choice(values, p=p))
                    if draw >= chance:
                        strength = 0
                else:
                    strength = 0
                if strength:
                    rows.append((account_id, contact_id, person, OUR_PEOPLE[person][0], fn,
                                 strength))
    return pd.DataFrame(rows, columns=["account_id", "contact_id", "our_person", "our_person_zh",
                                       "function", "strength"])


def build() -> dict[str, pd.DataFrame]:
    """Both tables, by name: ``buying_centre`` and ``account_coverage``."""
    rng = np.random.default_rng(BC_SEED)
    centre = _contacts(rng)
    coverage = _coverage(rng, centre)
    return {"buying_centre": centre.drop(columns="post"), "account_coverage": coverage}


def to_csv_text(df: pd.DataFrame) -> str:
    """The exact text of a dataset's CSV file: UTF-8, header row, no index, ``\\n`` line ends."""
    return df.to_csv(index=False, lineterminator="\n")


def write_all(folder: Path = HERE) -> list[Path]:
    """Write both tables as ``<folder>/<name>.csv``; return the paths written."""
    paths = []
    for name, df in build().items():
        path = folder / f"{name}.csv"
        path.write_text(to_csv_text(df), encoding="utf-8", newline="")
        paths.append(path)
    return paths


def check_all(folder: Path = HERE) -> list[str]:
    """Compare a fresh build with the CSV files in ``folder``; one message per mismatch."""
    problems = []
    for name, df in build().items():
        path = folder / f"{name}.csv"
        if not path.exists():
            problems.append(f"{path.name}: missing (run `python datasets/generate_buying_centre.py`)")
            continue
        committed = path.read_text(encoding="utf-8").splitlines(keepends=True)
        fresh = to_csv_text(df).splitlines(keepends=True)
        if committed != fresh:
            n = sum(1 for line in difflib.ndiff(committed, fresh) if line[:1] in "+-")
            problems.append(f"{path.name}: {n} line(s) differ")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate buying_centre.csv and "
                                                 "account_coverage.csv beside this script.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a committed CSV differs")
    args = parser.parse_args(argv)
    if args.check:
        problems = check_all()
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    for path in write_all():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
