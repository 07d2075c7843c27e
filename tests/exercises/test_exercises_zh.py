"""Exercise feedback in Chinese: in a ``set_language("zh")`` session ``check()`` speaks Chinese
(titles, successes, hints, the fixed messages, the coercions' refusals), accepts the Chinese
name where the answer is a name, and leaves English sessions exactly as they were.

The per-mistake hints are checked in both languages by test_exercises_bank.py
(test_hint_fires_on_exactly_its_mistake); this file checks the texts themselves and the rest.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import kamlab
from kamlab.checks import CheckResult, as_ids, as_name, as_number, refusal_text
from kamlab.exercises import check, exercise_ids, expected_answer, get_exercise
from kamlab.i18n import get_language, set_language, value_label

# Four English words in a row (the rule of tests/test_course_editions.py), outside code spans.
ENGLISH_RUN = re.compile(r"(?:\b[A-Za-z][A-Za-z'’-]*[ \t]+){3}[A-Za-z][A-Za-z'’-]*\b")
CJK = "\u4e00-\u9fff"
# Half-width punctuation touching Chinese text (full-width is the rule: ，。：；？！（）)
HALF_WIDTH = re.compile(rf"[{CJK}][,.:;?!()]|[,:;?!(][{CJK}]")


def english_runs(text: str) -> list[str]:
    """Runs of four or more English words outside `code spans`.

    >>> english_runs("请用 `top_share(book['revenue'], 0.2)`。"), english_runs("这是 the top three percent")
    ([], ['the top three percent'])
    """
    return ENGLISH_RUN.findall(re.sub(r"`[^`]*`", " ", text))


def _texts(exercise_id: str) -> dict[str, tuple[str, str]]:
    """name -> (English, Chinese) of every text a trainee can see for one exercise."""
    e = get_exercise(exercise_id)
    texts = {"title": (e.title, e.title_zh), "success": (e.success, e.success_zh),
             "generic_hint": (e.generic_hint, e.generic_hint_zh)}
    texts.update({f"hint:{m.name}": (m.hint, m.hint_zh) for m in e.mistakes})
    return texts


ALL_TEXTS = [(e, name) for e in exercise_ids() for name in _texts(e)]
TEXT_IDS = [f"{e}/{name}" for e, name in ALL_TEXTS]


@pytest.fixture
def lang():
    """Set the session language for one test; the language before is restored after it."""
    before = get_language()
    yield set_language
    set_language(before)


@pytest.fixture
def zh(lang):
    lang("zh")


@pytest.fixture
def en(lang):
    lang("en")


# ---------------------------------------------------------------------------------------
# The texts
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("exercise_id", "name"), ALL_TEXTS, ids=TEXT_IDS)
def test_every_text_has_chinese(exercise_id, name):
    en_text, zh_text = _texts(exercise_id)[name]
    assert zh_text.strip() and zh_text != en_text
    assert re.search(f"[{CJK}]", zh_text), zh_text
    assert not english_runs(zh_text), (english_runs(zh_text), zh_text)
    assert not HALF_WIDTH.search(zh_text), (HALF_WIDTH.search(zh_text), zh_text)
    assert not zh_text.startswith(" ") and not zh_text.endswith(" ")


@pytest.mark.parametrize(("exercise_id", "name"), ALL_TEXTS, ids=TEXT_IDS)
def test_chinese_keeps_the_numbers(exercise_id, name):
    """Every figure of the English text is in the Chinese one (1,500 and 1500 count as one).

    Whole numbers up to 10 may be spelled out (前十名, 第一年); amounts in millions are
    written in 万 / 亿 (CNY 9 m is 900万元) and listed here.
    """
    def numbers(text):
        return [n.rstrip(",").replace(",", "").replace("_", "")
                for n in re.findall(r"\d[\d,_]*(?:\.\d+)?", text)]

    en_text, zh_text = _texts(exercise_id)[name]
    in_words = {"m1-top20/success": ["80"],                      # the 80/20 rule: 二八法则
                "m3-coverage/title": ["40"],                     # CNY 40 million: 4,000万元
                "m4-walk-away/hint:no-investment": ["9"],        # CNY 9 m: 900万元
                "m6-dealer-duplicated/success": ["10.7"],        # CNY 10.7 m: 1,070万元
                "m6-dealer-kam-500/success": ["64", "17"],       # CNY 64 m, 17 m: 6,400万、1,700万元
                "m6-renewal-2027/success": ["927"]}              # CNY 927m: 9.27亿元
    missing = [n for n in numbers(en_text)
               if n not in numbers(zh_text) and ("." in n or int(n) > 10)
               and n not in in_words.get(f"{exercise_id}/{name}", [])]
    assert not missing, (missing, en_text, zh_text)


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_chinese_hints_are_distinct_like_the_english(exercise_id):
    e = get_exercise(exercise_id)
    hints = [m.hint_zh for m in e.mistakes]
    assert len(hints) == len(set(hints)) and e.generic_hint_zh not in hints


# ---------------------------------------------------------------------------------------
# check() in a Chinese session
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_chinese_session_right_answer_says_its_success_in_chinese(zh, exercise_id):
    result = check(exercise_id, expected_answer(exercise_id))
    assert result.passed and result.lang == "zh"
    assert result.message == get_exercise(exercise_id).success_zh
    assert str(result) == f"✓ {exercise_id}：{result.message}"


@pytest.mark.parametrize("exercise_id", exercise_ids())
@pytest.mark.parametrize("answer", [..., None], ids=["ellipsis", "none"])
def test_chinese_session_unanswered(zh, exercise_id, answer):
    result = check(exercise_id, answer)
    assert result.status == "unanswered"
    assert result.message == (f"尚未作答——请把 ... 换成你的答案（{get_exercise(exercise_id).title_zh}）。")


def test_chinese_session_unknown_id(zh):
    result = check("m9-nothing", 0.5)
    assert result.status == "unknown"
    assert result.message.startswith("没有这个编号的练习。已有的练习编号：")
    assert all(i in result.message for i in exercise_ids())
    assert str(result).startswith("? m9-nothing：")


def test_chinese_session_far_off_answer_gets_the_chinese_generic_hint(zh):
    result = check("m1-top11-profit", 0.123)
    assert result.message == "答案还不对。"
    assert result.hint == get_exercise("m1-top11-profit").generic_hint_zh
    assert str(result) == f"✗ m1-top11-profit：答案还不对。\n  提示：{result.hint}"
    html = result._repr_html_()
    assert "<b>提示：</b>" in html and "Hint" not in html


@pytest.mark.parametrize(("answer", "says"), [
    ("0.8", "需要一个数字，收到的却是文本 '0.8'；请去掉引号。"),
    (True, "需要一个数字，收到的却是 True/False。"),
    ([0.5, 0.6], "需要一个数字，收到的却是 2 个值。"),
    (float("nan"), "需要一个有限的数字，收到的却是 nan。"),
    ({"answer": 0.8}, "需要一个数字，收到的却是 dict。"),
], ids=["text", "bool", "two", "nan", "dict"])
def test_chinese_session_number_refusals(zh, answer, says):
    result = check("m1-top20", answer)
    assert result.status == "incorrect"
    assert result.message == f"无法检查这个答案：{says}"


def test_chinese_session_id_and_name_refusals(zh):
    book = kamlab.load_dataset("customers")
    mask = check("m2-abc-moved", book["revenue"] > 0)
    assert mask.message.startswith("无法检查这个答案：需要客户编号，收到的却是 True/False 值")
    table = check("m2-abc-moved", book[["revenue", "profit"]])
    assert "一张有多列的表" in table.message
    assert "dict" in check("m2-abc-moved", {"a": 1}).message
    assert check("m3-leakiest-stage", 3).message == (
        "无法检查这个答案：需要一个文本形式的名称（加引号），收到的却是 int。")
    assert check("m3-leakiest-stage", "").message == "无法检查这个答案：需要一个名称，收到的却是空文本。"
    assert check("m3-leakiest-stage", ["a", "b"]).message == (
        "无法检查这个答案：需要一个名称，收到的却是 2 个值。")
    assert "各给出一个杠杆" in check("m3-best-lever", "价格").message  # one lever per account


def test_chinese_session_odd_object_is_chinese_feedback(zh):
    result = check("m1-top20", object())
    assert result.message == "无法检查这个答案：需要一个数字，收到的却是 object。"
    result = check("m2-abc-moved", object())
    assert result.message == "无法检查这个答案：需要一个客户编号列表，收到的却是 object。"


def test_a_refusal_without_chinese_gets_a_chinese_message(zh):
    """A normaliser that raises with no Chinese text still gets a Chinese sentence."""
    from dataclasses import replace

    from kamlab.checks import _REGISTRY

    def refuse(answer):
        raise ValueError("some English only")

    exercise = _REGISTRY["m1-top20"]
    _REGISTRY["m1-top20"] = replace(exercise, normalise=refuse)
    try:
        result = check("m1-top20", 0.8)
    finally:
        _REGISTRY["m1-top20"] = exercise
    assert result.message == f"无法检查这个答案：收到的是 float（{exercise.title_zh}）。"
    assert refusal_text(ValueError("x"), "zh") is None and refusal_text(ValueError("x"), "en") == "x"


def test_every_refusal_of_the_coercions_has_chinese():
    cases = [(as_number, True), (as_number, [1, 2]), (as_number, "1"), (as_number, object()),
             (as_number, float("inf")), (as_ids, {"a": 1}), (as_ids, 3),
             (as_ids, pd.Series([True])), (as_ids, pd.DataFrame({"a": [1], "b": [2]})),
             (as_name, 3), (as_name, ["a", "b"]), (as_name, " ")]
    for coerce, answer in cases:
        with pytest.raises((TypeError, ValueError)) as info:
            coerce(answer)
        zh_text = refusal_text(info.value, "zh")
        assert zh_text and re.search(f"[{CJK}]", zh_text), (coerce, answer)
        assert not english_runs(zh_text) and not HALF_WIDTH.search(zh_text), zh_text


# ---------------------------------------------------------------------------------------
# Chinese names
# ---------------------------------------------------------------------------------------

def _tco_offers():
    return kamlab.load_dataset("tco_offers").set_index("offer")


#: exercise id -> the Chinese name of the right answer
RIGHT_IN_CHINESE = {
    "m3-leakiest-stage": lambda: value_label("stage", expected_answer("m3-leakiest-stage"), "zh"),
    "m4-cheapest-tco": lambda: _tco_offers().loc[expected_answer("m4-cheapest-tco"), "offer_zh"],
}

#: (exercise id, mistake) -> a wrong name in Chinese that is that mistake
WRONG_IN_CHINESE = {
    ("m3-leakiest-stage", "fewest-converted"): lambda: value_label("stage", "Committed", "zh"),
    ("m3-leakiest-stage", "to-stage"): lambda: value_label("stage", "Developed", "zh"),
    ("m4-cheapest-tco", "cheapest-price"):
        lambda: _tco_offers().sort_values("price")["offer_zh"].iloc[0],
    ("m4-cheapest-tco", "supplier"): lambda: "本公司",  # industry_plants' company_zh
}


def test_the_name_exercises_are_the_ones_with_a_name_answer():
    names = {e for e in exercise_ids() if isinstance(expected_answer(e), str)}
    assert names == set(RIGHT_IN_CHINESE)


def test_the_chinese_names_are_chinese():
    assert RIGHT_IN_CHINESE["m3-leakiest-stage"]() == "确认"
    assert RIGHT_IN_CHINESE["m4-cheapest-tco"]() == "本公司方案"
    for key, f in WRONG_IN_CHINESE.items():
        assert re.fullmatch(f"[{CJK}]+", f()), key


@pytest.mark.parametrize("session", ["en", "zh"])
@pytest.mark.parametrize("exercise_id", sorted(RIGHT_IN_CHINESE))
def test_the_chinese_name_of_the_right_answer_passes(lang, session, exercise_id):
    lang(session)
    name = RIGHT_IN_CHINESE[exercise_id]()
    for answer in (name, f" {name} ", [name], pd.Series([name])):
        result = check(exercise_id, answer)
        assert result.passed, (answer, str(result))
    assert result.message == (get_exercise(exercise_id).success_zh if session == "zh"
                              else get_exercise(exercise_id).success)


@pytest.mark.parametrize("session", ["en", "zh"])
@pytest.mark.parametrize("key", sorted(WRONG_IN_CHINESE), ids="/".join)
def test_a_wrong_chinese_name_gets_its_english_names_hint(lang, session, key):
    lang(session)
    exercise_id, mistake_name = key
    mistake = next(m for m in get_exercise(exercise_id).mistakes if m.name == mistake_name)
    result = check(exercise_id, WRONG_IN_CHINESE[key]())
    assert result.status == "incorrect"
    assert result.hint == (mistake.hint_zh if session == "zh" else mistake.hint)


def test_every_name_mistake_has_a_chinese_case():
    keys = {(e, m.name) for e in RIGHT_IN_CHINESE for m in get_exercise(e).mistakes}
    assert keys <= set(WRONG_IN_CHINESE)


def test_an_unknown_chinese_name_gets_the_generic_hint(zh):
    result = check("m3-leakiest-stage", "不知道")
    assert result.status == "incorrect"
    assert result.hint == get_exercise("m3-leakiest-stage").generic_hint_zh


# ---------------------------------------------------------------------------------------
# English sessions unchanged, and check() leaves the session as it found it
# ---------------------------------------------------------------------------------------

def test_english_session_messages_are_unchanged(en):
    wrong = check("m1-top20", 80.0)
    assert str(wrong) == ("✗ m1-top20: not quite.\n"
                          "  Hint: Give the share as a fraction (0.8), not a percentage (80).")
    assert "<b>Hint:</b> Give the share" in wrong._repr_html_() and "提示" not in wrong._repr_html_()
    assert check("m1-top20", ...).message == (
        "not answered yet — replace ... with your answer (share of revenue held by the top 20% "
        "of accounts, as a fraction).")
    assert check("m1-top20", "0.8").message == (
        "this answer cannot be checked: expected a number, got the text '0.8'; remove the quotes.")
    assert check("m1-top20", object()).message == (
        "this answer cannot be checked: expected a number, got object.")
    assert check("x", 1).message.startswith("no exercise has this id. Known ids: m1-top20, ")
    assert check("m1-top20", expected_answer("m1-top20")).message == get_exercise("m1-top20").success
    assert check("m3-leakiest-stage", 3).message == (
        "this answer cannot be checked: expected a name as text (in quotes), got int.")


def test_a_result_keeps_its_language_and_defaults_to_english():
    assert CheckResult("x", "incorrect", "no", "try").lang == "en"
    assert str(CheckResult("x", "incorrect", "no", "try")) == "✗ x: no\n  Hint: try"
    assert str(CheckResult("x", "incorrect", "不对。", "试试。", lang="zh")) == "✗ x：不对。\n  提示：试试。"


@pytest.mark.parametrize("session", ["en", "zh"])
def test_check_changes_no_setting(lang, session):
    lang(session)
    for answer in (..., 0.5, "0.8", object(), expected_answer("m1-top20")):
        check("m1-top20", answer)
        assert get_language() == session
    check("no-such-id", 1)
    check("m3-best-lever", "价格")
    assert get_language() == session


def test_the_language_is_read_when_check_runs(lang):
    lang("zh")
    assert check("m1-top20", 80.0).hint == get_exercise("m1-top20").mistakes[0].hint_zh
    lang("en")
    assert check("m1-top20", 80.0).hint == get_exercise("m1-top20").mistakes[0].hint


# ---------------------------------------------------------------------------------------
# The engine's own texts (precision, kinds, ids, a check run before its answer cell)
# ---------------------------------------------------------------------------------------

def _engine_texts() -> list[tuple[str, str]]:
    """(English, Chinese) of every text the engine writes itself, one of each form."""
    from kamlab.checks import CHANGE, COUNT, SHARE, id_feedback, kind_hint, rounding_hint
    from kamlab.exercises import not_run

    both = [(rounding_hint(d, "en"), rounding_hint(d, "zh")) for d in (0, 1, 2, 3)]
    kinds = [(1e6, 0.8, SHARE), (80, 0.8, SHARE), (-1e6, -0.15, CHANGE), (-15, -0.15, CHANGE),
             (0.14, 422, COUNT), (421.5, 422, COUNT)]
    kinds += [(0.05, expected_answer(e), get_exercise(e).asks) for e in exercise_ids()
              if get_exercise(e).asks.kind == "amount"]
    both += [(kind_hint(*k, "en"), kind_hint(*k, "zh")) for k in kinds]
    e = frozenset({"C0001", "C0002"})
    for given in (frozenset({"C0001"}), e | {"C0003"}, frozenset({"C0003"}),
                  frozenset({"12"}), frozenset({"江苏丰源塑业有限公司"})):
        en_text, zh_text = id_feedback(given, e, "en"), id_feedback(given, e, "zh")
        both += [(en_text[0], zh_text[0])] + [(en_text[1], zh_text[1])] * bool(en_text[1])
    both.append((not_run("m1-top20", "answer", "en").message,
                 not_run("m1-top20", "answer", "zh").message))
    return both


def test_the_engines_own_texts_have_chinese():
    texts = _engine_texts()
    assert len(texts) > 20 and all(en_text and zh_text for en_text, zh_text in texts)
    for en_text, zh_text in texts:
        assert zh_text != en_text and re.search(f"[{CJK}]", zh_text), zh_text
        assert not english_runs(zh_text), (english_runs(zh_text), zh_text)
        assert not HALF_WIDTH.search(zh_text), (HALF_WIDTH.search(zh_text), zh_text)


def test_every_amount_exercise_names_its_unit_in_both_languages():
    for e in exercise_ids():
        asks = get_exercise(e).asks
        if asks.kind == "amount":
            assert asks.unit.startswith(("a ", "an ")) and re.search(f"[{CJK}]", asks.unit_zh), e
