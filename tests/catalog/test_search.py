"""Search: case, accents and đ do not matter, word order does not matter, ranking, misspellings."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.catalog import search, search_index
from app.catalog.listing import Filters, browse
from app.catalog.models import SearchWord
from app.core.extensions import db
from tests import factories
from tests.catalog.factories import shop


def names(query: str, **filters) -> list[str]:
    return [p.name for p in browse(Filters(q=query, **filters)).items]


@pytest.fixture
def catalog(app):
    return shop()


@pytest.mark.parametrize("query", ["yen sao", "YẾN SÀO", "yến", "Yến Sào", "sao yen", "yen sa", "YEN"])
def test_yen_sao_is_found_however_it_is_typed(catalog, query):
    assert names(query)[0] == "Yến sào Bình Phước hộp 100g"


@pytest.mark.parametrize("query", ["dong trung", "Đông trùng", "ĐÔNG TRÙNG", "trung dong", "nam dong trung ha thao"])
def test_cordyceps_is_found_with_or_without_d_stroke(catalog, query):
    assert "Nấm đông trùng hạ thảo sấy khô" in names(query)


def test_ao_thun_finds_the_t_shirt(catalog):
    assert names("ao thun") == ["Áo thun cotton in hoa"]


def test_every_word_must_match(catalog):
    assert names("yen thun") == []


def test_name_matches_rank_before_description_matches(catalog):
    # "yến" is in the nest's name and only in the cordyceps' description.
    assert names("yen") == ["Yến sào Bình Phước hộp 100g", "Nấm đông trùng hạ thảo sấy khô"]


def test_whole_words_rank_before_prefixes(app):
    seller = factories.seller()
    category = factories.category()
    factories.product(name="Sầu riêng Ri6", seller_obj=seller, category_obj=category).sold_count = 100
    factories.product(name="Sả cây tươi", seller_obj=seller, category_obj=category)
    db.session.commit()
    assert names("sa") == ["Sả cây tươi", "Sầu riêng Ri6"]


def test_category_names_are_searched_too(catalog):
    assert "Yến sào Bình Phước hộp 100g" in names("dac san")


def test_a_misspelt_word_still_finds_something(catalog):
    results = browse(Filters(q="yen sap"))
    assert results.items and results.items[0].name == "Yến sào Bình Phước hộp 100g"
    assert results.approximate


def test_misspelt_long_word_is_corrected(catalog):
    assert names("dong trumg")[:1] == ["Nấm đông trùng hạ thảo sấy khô"]


def test_nonsense_finds_nothing(catalog):
    assert names("qqqqqqqq zzzzzz") == []


def test_search_respects_filters(catalog):
    assert names("yen", kind="individual") == []


def test_search_text_is_refreshed_when_a_product_is_renamed(catalog):
    catalog.tshirt.name = "Khăn lụa tơ tằm"
    db.session.commit()
    assert names("khan lua") == ["Khăn lụa tơ tằm"]
    assert names("ao thun") == []


def test_search_text_is_refreshed_when_a_category_is_renamed(catalog):
    catalog.clothes.name_vi = "Thời trang"
    db.session.commit()
    assert names("thoi trang") == ["Áo thun cotton in hoa"]


def test_queries_cannot_inject_sql_or_fts_syntax(catalog):
    for query in ['"; DROP TABLE products; --', "yen* OR NEAR(a b)", "' OR 1=1 --", "%", "_", "<script>"]:
        browse(Filters(q=query))
    assert db.session.scalar(text("SELECT count(*) FROM products")) == 4


def test_very_long_query_is_cut_not_rejected(catalog):
    assert names("yen " * 500) == ["Yến sào Bình Phước hộp 100g", "Nấm đông trùng hạ thảo sấy khô"]


def test_edit_distance():
    assert search.edit_distance("sao", "sap", 2) == 1
    assert search.edit_distance("trung", "trnug", 2) == 1  # a swap counts once
    assert search.edit_distance("abc", "abcdefgh", 2) == 3


def test_correct_splits_words_typed_together():
    assert search.correct(["dongtrung"], {"dong", "trung", "nam"}) == ["dong", "trung"]


def test_correct_drops_words_beyond_repair_and_keeps_known_prefixes():
    assert search.correct(["yen", "xqzw"], {"yen", "sao"}) == ["yen"]


def test_search_without_the_fast_index_gives_the_same_answers(catalog, monkeypatch):
    fast = {q: names(q) for q in ("yen sao", "dong trung", "ao thun", "yen")}
    plain = search_index.Capabilities(db.engine.dialect.name)
    monkeypatch.setattr(search, "capabilities", lambda: plain)
    assert {q: names(q) for q in fast} == fast
    assert names("yen sap")[:1] == ["Yến sào Bình Phước hộp 100g"]


def test_the_index_is_in_place(app):
    caps = search_index.capabilities()
    if caps.dialect == "sqlite":
        assert caps.fts5
    else:
        assert caps.trigram


def test_saved_products_add_their_words_and_the_rebuild_drops_unused_ones(catalog, runner):
    assert db.session.get(SearchWord, "cotton") is not None and db.session.get(SearchWord, "tam") is None
    catalog.tshirt.name = "Khăn lụa tơ tằm"
    db.session.commit()
    assert db.session.get(SearchWord, "tam").stem == "ta"
    result = runner.invoke(args=["search-words"])
    assert result.exit_code == 0 and "0 words added" in result.output
    db.session.expire_all()
    assert db.session.get(SearchWord, "cotton") is None and db.session.get(SearchWord, "tam") is not None
