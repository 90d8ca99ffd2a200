"""fold(): every Vietnamese vowel with every tone mark, and đ/Đ, folds to plain ASCII."""

from __future__ import annotations

import unicodedata

import pytest

from app.core.text import fold, search_document, slugify, words

BASES = {"a": "aăâ", "e": "eê", "i": "i", "o": "oôơ", "u": "uư", "y": "y"}
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang, huyền, sắc, hỏi, ngã, nặng


def every_vowel_with_every_tone():
    for plain, letters in BASES.items():
        for letter in letters:
            for tone in TONES:
                composed = unicodedata.normalize("NFC", letter + tone)
                yield composed, plain
                yield composed.upper(), plain


@pytest.mark.parametrize(("letter", "plain"), list(every_vowel_with_every_tone()))
def test_every_vowel_with_every_tone_folds_to_its_plain_letter(letter, plain):
    assert fold(letter) == plain
    assert fold(unicodedata.normalize("NFD", letter)) == plain


def test_twelve_vowels_times_six_tones_in_both_cases_are_covered():
    assert len({letter for letter, _ in every_vowel_with_every_tone()}) == 12 * 6 * 2


@pytest.mark.parametrize("letter", ["đ", "Đ"])
def test_d_with_stroke_folds_to_d(letter):
    assert fold(letter) == "d"


def test_whole_phrases_fold():
    assert fold("YẾN SÀO Bình Phước") == "yen sao binh phuoc"
    assert fold("Nấm Đông Trùng Hạ Thảo") == "nam dong trung ha thao"
    assert fold("Áo thun") == "ao thun"


def test_words_split_on_anything_but_letters_and_digits():
    assert words("Nấm đông-trùng, hạ_thảo (100g)") == ["nam", "dong", "trung", "ha", "thao", "100g"]


def test_search_document_keeps_name_apart_from_the_rest():
    assert search_document("Yến sào", "Tổ yến thô") == " yen sao | to yen tho "
    assert search_document("", "") == " | "


def test_slugs_are_ascii_without_accents():
    assert slugify("Yến sào Bình Phước 100g") == "yen-sao-binh-phuoc-100g"
    assert slugify("  Đặc sản!!  ") == "dac-san"
    assert len(slugify("ă" * 500)) == 120
