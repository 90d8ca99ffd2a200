"""Prices and weights typed as people write them: every way of writing a number reads back the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.amounts import AmountError, dong_text, grams_text, parse_dong, parse_grams

SUFFIXES = ["", " đ", "đ", " ₫", "₫", " VND", " vnđ", " đồng"]


def grouped(n: int, mark: str) -> str:
    """n with a thousands mark every three digits: grouped(1250000, ".") == "1.250.000"."""
    return f"{n:,}".replace(",", mark)


@given(n=st.integers(1, 10**9), mark=st.sampled_from(["", ".", ",", " ", "\u00a0"]), suffix=st.sampled_from(SUFFIXES))
def test_any_way_of_writing_a_price_reads_back_the_same(n, mark, suffix):
    assert parse_dong(grouped(n, mark) + suffix) == n


@given(thousands=st.integers(1, 10**6), word=st.sampled_from(["k", "K", " nghìn", " ngàn"]))
def test_a_price_in_thousands_reads_back(thousands, word):
    assert parse_dong(f"{thousands}{word}") == thousands * 1000


@given(n=st.integers(0, 10**9))
def test_the_form_shows_a_price_it_reads_back(n):
    assert parse_dong(dong_text(n)) == n


@given(grams=st.integers(1, 1_000_000), unit=st.sampled_from(["", " g", "g", " gam", " gr", " gram"]))
def test_grams_read_back_in_any_spelling(grams, unit):
    assert parse_grams(f"{grams}{unit}") == grams


@given(
    grams=st.integers(1, 1_000_000), mark=st.sampled_from([",", "."]), unit=st.sampled_from(["kg", " kg", " ký", "KG"])
)
def test_kilograms_with_a_decimal_mark_read_back_in_grams(grams, mark, unit):
    whole, rest = divmod(grams, 1000)
    decimals = f"{rest:03d}".rstrip("0")
    if mark == "." and len(decimals) == 3:
        mark = ","  # a dot before exactly three digits groups thousands ("1.000 kg" is a tonne)
    text = f"{whole}{mark}{decimals}{unit}" if decimals else f"{whole}{unit}"
    assert parse_grams(text) == grams


@given(grams=st.integers(1, 1_000_000), locale=st.sampled_from(["vi", "en"]))
def test_the_form_shows_a_weight_it_reads_back(grams, locale):
    assert parse_grams(grams_text(grams, locale=locale)) == grams


@pytest.mark.parametrize(
    ("text", "grams"),
    [("0,5 kg", 500), ("500 g", 500), ("500", 500), ("1.5kg", 1500), ("1,500 kg", 1500), ("1.000 kg", 1_000_000)],
)
def test_weights_as_the_issue_writes_them(text, grams):
    assert parse_grams(text) == grams


@pytest.mark.parametrize(
    ("text", "dong"), [("85.000", 85000), ("85000", 85000), ("85,000 ₫", 85000), ("1,2tr", 1200000)]
)
def test_prices_as_the_shop_writes_them(text, dong):
    assert parse_dong(text) == dong


@pytest.mark.parametrize(
    ("text", "code"),
    [("-5000", "not_a_number"), ("85,5", "fraction"), ("12345,678", "not_a_number"), ("abc", "not_a_number"),
     ("1 5", "not_a_number"), ("85000,5đ x", "not_a_number"), ("", "not_a_number")],
)  # fmt: skip
def test_a_price_that_is_not_whole_dong_is_refused_with_a_reason(text, code):
    with pytest.raises(AmountError) as refused:
        parse_dong(text)
    assert refused.value.code == code


@pytest.mark.parametrize(("text", "code"), [("0,5", "fraction"), ("0,5 g", "fraction"), ("kg", "not_a_number")])
def test_a_weight_that_is_not_whole_grams_is_refused_with_a_reason(text, code):
    with pytest.raises(AmountError) as refused:
        parse_grams(text)
    assert refused.value.code == code
