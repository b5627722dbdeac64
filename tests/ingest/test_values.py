"""Value parsers: USCC check character, money strings, Chinese dates, names."""

from __future__ import annotations

import pytest

from oceanbrain.ingest.values import (
    ValueProblem,
    normalise_name,
    parse_date,
    parse_money,
    parse_uscc,
    stable_id,
    uscc_check_char,
)

# USCCs as printed for well-known firms; three valid check characters by chance would be 1 in 31^3.
REAL_USCCS = ["91370200163562681G", "91110000100010433L", "91440300708461136T"]


@pytest.mark.parametrize("code", REAL_USCCS)
def test_real_usccs_pass_the_check(code: str) -> None:
    assert parse_uscc(code) == code
    assert uscc_check_char(code[:17]) == code[17]


def test_uscc_errors_say_why() -> None:
    with pytest.raises(ValueProblem, match="18 characters"):
        parse_uscc("9137020016356268")
    with pytest.raises(ValueProblem, match="cannot contain"):
        parse_uscc("91370200163562681I")
    wrong = REAL_USCCS[0][:17] + ("0" if REAL_USCCS[0][17] != "0" else "1")
    with pytest.raises(ValueProblem) as info:
        parse_uscc(wrong)
    assert "expected G" in info.value.en and "校验位" in info.value.zh


def test_uscc_is_normalised() -> None:
    assert parse_uscc(" 91370200163562681g ") == "91370200163562681G"
    assert parse_uscc("９１３７０２００１６３５６２６８１Ｇ") == "91370200163562681G"  # full-width


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("5000万元人民币", 5e7, "CNY"),
        ("1.2亿", 1.2e8, "CNY"),
        ("100万美元", 1e6, "USD"),
        ("总投资50亿元", 5e9, "CNY"),
        ("3,000万元", 3e7, "CNY"),
        ("2000万欧元", 2e7, "EUR"),
        ("500万港元", 5e6, "HKD"),
    ],
)
def test_money(text: str, amount: float, currency: str) -> None:
    money = parse_money(text)
    assert money is not None
    assert money.amount == pytest.approx(amount)
    assert money.currency == currency
    assert money.text == text


@pytest.mark.parametrize("text", ["—", "-", "", "未公开"])
def test_money_blank_marks(text: str) -> None:
    assert parse_money(text) is None


def test_money_garbage() -> None:
    with pytest.raises(ValueProblem):
        parse_money("若干")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024年6月7日", "2024-06-07"),
        ("2024-06-07", "2024-06-07"),
        ("2024/6/7", "2024-06-07"),
        ("2024.06.07", "2024-06-07"),
        ("20240607", "2024-06-07"),
        ("2024年6月", "2024-06"),
        ("2024-06", "2024-06"),
        ("2024", "2024"),
        ("2024年", "2024"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["2024-13-01", "2024年2月30日", "去年", "24-06-07"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_date(text)


def test_names_and_ids_are_stable() -> None:
    assert normalise_name("青岛海洋科技（集团）有限公司 ") == normalise_name(
        "青岛海洋科技(集团)有限公司"
    )
    assert stable_id("firm:name", "青岛（蓝谷）公司") == stable_id("firm:name", "青岛(蓝谷)公司")
    assert stable_id("firm:name", "甲公司") != stable_id("firm:name", "乙公司")
