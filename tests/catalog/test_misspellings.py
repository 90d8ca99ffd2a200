"""Search forgives Vietnamese spelling: real misspellings of the demo catalogue find the intended product.

The demo catalogue (app/seed) is loaded once for the module; each row is a query as shoppers
type it, the confusion it makes and the product that must come first.
"""

from __future__ import annotations

from collections import Counter

import pytest

from app import create_app
from app.catalog import search
from app.catalog.listing import Filters, browse
from app.config import TestConfig
from app.core.extensions import db
from app.seed.demo import upsert_categories, upsert_sellers
from app.seed.products import upsert_products
from tests.helpers import recorded_queries

# (query, the confusion, the product that must come first)
MISSPELLINGS = [
    ("yen xao", "s/x", "Yến"),
    ("xau rieng", "s/x", "Sầu riêng Ri6 Long Khánh"),
    ("tieu xo trang", "s/x", "Tiêu sọ trắng Lộc Ninh"),
    ("nhan suong", "x/s", "Nhãn xuồng cơm vàng"),
    ("bo xap", "s/x", "Bơ sáp Xuân Lộc"),
    ("gung xe", "s/x", "Gừng sẻ Xuân Lộc"),
    ("ao thung", "n/ng", "Áo thun"),
    ("ao thung co tim", "n/ng", "Áo thun cổ tim nữ"),
    ("ao thung polo", "n/ng", "Áo thun polo nữ vải cá sấu"),
    ("gun se", "ng/n", "Gừng sẻ Xuân Lộc"),
    ("man cut", "ng/n", "Măng cụt Long Khánh"),
    ("mứt gừn", "ng/n", "Mứt gừng dẻo"),
    ("trom chom", "ch/tr", "Chôm chôm Java Long Khánh"),
    ("tra bong heo", "ch/tr", "Chà bông heo làm tay"),
    ("tran yen tinh che", "tr/ch", "Chân yến tinh chế"),
    ("yen trung duong phen", "tr/ch", "Yến chưng đường phèn"),
    ("dong chung ha thao tuoi", "ch/tr", "Đông trùng hạ thảo tươi"),
    ("den may tha chan", "ch/tr", "Đèn mây thả trần"),
    ("ro che dan tay", "ch/tr", "Rổ tre đan tay"),
    ("truoi gia", "tr/ch", "Chuối già Nam Mỹ"),
    ("mong toi nhon chach", "ch/tr", "Mồng tơi Nhơn Trạch"),
    ("rua leo", "d/r", "Dưa leo Long Thành"),
    ("giua luoi", "d/gi", "Dưa lưới ruột cam"),
    ("do may di cho", "gi/d", "Giỏ mây đi chợ có quai"),
    ("khoai mi reo", "d/r", "Khoai mì dẻo"),
    ("rau ren do", "d/r", "Rau dền đỏ"),
    ("kai ngot", "c/k", "Cải ngọt VietGAP Xuân Lộc"),
    ("kho kua rung", "q/k", "Khổ qua rừng"),
    ("bao tay kao su", "c/k", "Bao tay cao su"),
    ("ka chua bi", "c/k", "Cà chua bi đỏ"),
    ("tui tho kam", "c/k", "Túi thổ cẩm đeo chéo"),
    ("mit thay", "i/y", "Mít Thái ruột đỏ"),
    ("nam linh chy", "i/y", "Nấm linh chi đỏ thái lát"),
    ("banh qui hat dieu", "y/i", "Bánh quy hạt điều bơ"),
    ("mang cuc", "t/c at the end", "Măng cụt Long Khánh"),
    ("hac dieu rang muoi", "t/c at the end", "Hạt điều rang muối vỏ lụa Phước Long"),
    ("sau rie", "final consonant dropped", "Sầu riêng Ri6 Long Khánh"),
    ("tieu de loc ninh", "final consonant dropped", "Tiêu đen Lộc Ninh"),
    ("yến sáo", "tone marks wrong", "Yến"),
    ("chôm chồm", "tone marks wrong", "Chôm chôm Java Long Khánh"),
    ("sầu riếng", "tone marks wrong", "Sầu riêng Ri6 Long Khánh"),
    ("bưởi da xãnh", "tone marks wrong", "Bưởi da xanh Long Khánh"),
    ("mướp hưởng", "tone marks wrong", "Mướp hương"),
    ("dong trumg", "a typo", "Đông trùng hạ thảo"),
]


@pytest.fixture(scope="module")
def demo_catalogue():
    """The demo categories, sellers and products (no photos, no stock), on SQLite in memory."""

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = "sqlite://"  # always SQLite: this fixture outlives one test

    application = create_app(Config)
    with application.app_context():
        db.create_all()
        added = Counter()
        categories, sellers = upsert_categories(added), upsert_sellers(added)
        db.session.flush()
        upsert_products(sellers, categories, added)
        db.session.commit()
        yield application
        db.session.remove()
        db.drop_all()


@pytest.fixture
def ctx(demo_catalogue):
    with demo_catalogue.test_request_context():
        yield demo_catalogue


@pytest.mark.parametrize(("query", "confusion", "expected"), MISSPELLINGS, ids=[m[0] for m in MISSPELLINGS])
def test_a_misspelling_finds_the_intended_product_first(ctx, query, confusion, expected):
    results = browse(Filters(q=query))
    assert results.items, f"{query!r} ({confusion}) found nothing"
    assert results.items[0].name.startswith(expected), (query, confusion, [p.name for p in results.items[:3]])


def test_the_table_covers_every_confusion_with_thirty_misspellings():
    confusions = {c for _q, c, _e in MISSPELLINGS}
    assert len(MISSPELLINGS) >= 30
    for wanted in ("s/x", "n/ng", "c/k", "ch/tr", "d/r", "i/y", "final consonant dropped", "tone marks wrong"):
        assert wanted in confusions


@pytest.mark.parametrize(
    ("query", "shown"),
    [("yen xao", "yến sào"), ("ao thung", "áo thun"), ("kho kua rung", "khổ qua rừng"), ("rua leo", "dưa leo")],
)
def test_a_corrected_query_says_how_it_was_read(ctx, query, shown):
    results = browse(Filters(q=query))
    assert results.corrected == shown and results.approximate


def test_a_query_found_as_typed_is_not_called_corrected(ctx):
    results = browse(Filters(q="yen sao"))
    assert results.corrected is None and not results.approximate


def test_sound_alikes_rank_below_exact_matches(ctx):
    items = browse(Filters(q="xao"), per_page=100).items
    assert items[0].name == "Mắm ruốc xào sả ớt"  # "xào" as typed, in the name
    nest = [p.name for p in items].index("Yến chưng đường phèn")  # only "sào" in its text: found, but lower
    as_typed = [i for i, p in enumerate(items) if " xao" in p.search_text]
    assert as_typed and max(as_typed) < nest


def test_the_search_page_shows_results_for_the_corrected_words(demo_catalogue):
    html = demo_catalogue.test_client().get("/tim-kiem?q=yen+xao").get_data(as_text=True)
    assert "Kết quả cho “yến sào”" in html
    assert "Yến chưng đường phèn" in html


def test_a_misspelt_search_costs_a_fixed_number_of_indexed_queries(ctx):
    """Corrections come from the vocabulary's indexes: a handful of statements, none reading every product."""
    with recorded_queries() as statements:
        browse(Filters(q="yen xao thung kho kua"))
    corrections = [s for s in statements if "search_words" in s]
    assert 0 < len(corrections) <= 2 + len(search.query_terms("yen xao thung kho kua"))
    assert len(statements) <= 16


def test_words_that_mean_nothing_find_nothing(ctx):
    assert browse(Filters(q="qqqqqq zzzzzz")).items == []
