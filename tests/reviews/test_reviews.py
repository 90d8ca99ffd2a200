"""Reviews from buyers only: who may write, once per line, 1–5 stars, photos, 30 days to change,
one reply by the product's seller, staff hide with a reason, and exact figures everywhere."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.catalog.models import Product
from app.core.audit import AuditEvent
from app.core.extensions import db
from app.reviews import services
from app.reviews.models import Review, ReviewPhoto
from tests import factories
from tests.helpers import queries_for_page
from tests.orders.factories import reload, stocked_variant
from tests.reviews.factories import bought, review
from tests.sellers.factories import png_bytes

PASSWORD = factories.PASSWORD


def count_reviews() -> int:
    return db.session.scalar(select(func.count(Review.id)))


@pytest.fixture
def lan(app):
    user = factories.user(email="lan@example.vn", full_name="Nguyễn Thị Lan")
    db.session.commit()
    return user


def write(client, line_id, **data):
    payload = {"stars": "5", "text": "Yến thơm, đóng hộp cẩn thận.", **data}
    return client.post(f"/danh-gia/viet/{line_id}", data=payload, content_type="multipart/form-data")


def test_a_buyer_who_received_the_product_reviews_it_and_the_product_page_shows_it(app, client, auth, lan):
    line = bought(lan)
    auth.login("lan@example.vn")
    photo = (io.BytesIO(png_bytes((40, 30))), "yen.png")
    page = write(client, line.id, photos=[photo])
    assert page.status_code == 302
    saved = db.session.scalar(select(Review))
    assert (saved.stars, saved.text, saved.user_id) == (5, "Yến thơm, đóng hộp cẩn thận.", lan.id)
    assert len(saved.photos) == 1 and saved.photos[0].width == 40
    product = reload(db.session.get(Product, saved.product_id))
    assert (product.rating_count, product.rating_sum, product.rating_average) == (1, 5, 5.0)
    html = client.get(f"/san-pham/{product.slug}").get_data(as_text=True)
    assert "Đánh giá của người mua" in html and "Yến thơm, đóng hộp cẩn thận." in html
    assert "Đã mua hàng" in html and "Lan" in html and "Nguyễn Thị Lan" not in html
    assert f"/media/{saved.photos[0].storage_key}/320.webp" in html


def test_someone_who_has_not_received_it_yet_is_refused_with_a_message(app, client, auth, lan):
    line = bought(lan, received=False)
    auth.login("lan@example.vn")
    page = client.get(f"/danh-gia/viet/{line.id}")
    assert page.status_code == 400
    assert "Bạn chỉ đánh giá được sản phẩm sau khi đã nhận hàng." in page.get_data(as_text=True)
    assert write(client, line.id).status_code == 400
    assert count_reviews() == 0


def test_another_shoppers_line_is_not_found(app, client, auth, lan):
    line = bought(lan)
    factories.user(email="mai@example.vn")
    db.session.commit()
    auth.login("mai@example.vn")
    assert client.get(f"/danh-gia/viet/{line.id}").status_code == 404
    assert write(client, line.id).status_code == 404
    assert count_reviews() == 0


def test_a_guest_cannot_review(app, client, lan):
    line = bought(lan)
    assert write(client, line.id).status_code == 302  # to the sign-in page
    assert count_reviews() == 0


def test_a_second_review_for_the_same_line_is_refused(app, client, lan):
    line = bought(lan)
    review(lan, line, 4)
    with pytest.raises(services.ReviewError, match="đã đánh giá|already reviewed"):
        review(lan, line, 2)
    assert count_reviews() == 1
    assert reload(db.session.get(Product, line.variant.product_id)).rating_sum == 4


def test_the_form_of_a_line_already_reviewed_leads_to_changing_it(app, client, auth, lan):
    line = bought(lan)
    first = review(lan, line, 4)
    auth.login("lan@example.vn")
    assert client.get(f"/danh-gia/viet/{line.id}").headers["Location"] == f"/danh-gia/{first.id}/sua"


@pytest.mark.parametrize("stars", ["0", "6", "-1", "99", "năm", ""])
def test_stars_outside_1_to_5_are_refused_and_nothing_is_saved(app, client, auth, lan, stars):
    line = bought(lan)
    auth.login("lan@example.vn")
    page = write(client, line.id, stars=stars)
    assert page.status_code == 200
    assert "Hãy chọn từ 1 đến 5 sao." in page.get_data(as_text=True)
    assert count_reviews() == 0


def test_more_than_three_photos_or_a_file_that_is_not_an_image_is_refused(app, client, auth, lan):
    line = bought(lan)
    auth.login("lan@example.vn")
    four = [(io.BytesIO(png_bytes((10 + i, 10))), f"a{i}.png") for i in range(4)]
    assert "Mỗi đánh giá tối đa 3 ảnh." in write(client, line.id, photos=four).get_data(as_text=True)
    fake = [(io.BytesIO(b"%PDF-1.4 not an image"), "anh.jpg")]
    assert "không phải ảnh JPEG, PNG hoặc WebP" in write(client, line.id, photos=fake).get_data(as_text=True)
    assert count_reviews() == 0 and db.session.scalar(select(func.count(ReviewPhoto.id))) == 0


def test_she_changes_her_review_within_30_days_but_not_after(app, client, auth, lan):
    line = bought(lan)
    written = review(lan, line, 2, "Hơi ẩm")
    auth.login("lan@example.vn")
    client.post(f"/danh-gia/{written.id}/sua", data={"stars": "4", "text": "Cửa hàng đã đổi hộp mới"})
    written = reload(written)
    assert (written.stars, written.text) == (4, "Cửa hàng đã đổi hộp mới")
    assert reload(db.session.get(Product, written.product_id)).rating_sum == 4
    written.created_at = written.created_at - timedelta(days=31)
    db.session.commit()
    page = client.post(f"/danh-gia/{written.id}/sua", data={"stars": "1", "text": "x"}).get_data(as_text=True)
    assert "Đánh giá chỉ sửa được trong 30 ngày kể từ khi viết." in page
    assert reload(written).stars == 4


def test_someone_else_cannot_change_her_review(app, client, auth, lan):
    written = review(lan, bought(lan), 5)
    factories.user(email="mai@example.vn")
    db.session.commit()
    auth.login("mai@example.vn")
    assert client.post(f"/danh-gia/{written.id}/sua", data={"stars": "1"}).status_code == 404
    assert reload(written).stars == 5


def _seller_member(line, email="ban@example.vn"):
    member = factories.user(email=email)
    factories.add_member(line.variant.product.seller, member, owner=True)
    db.session.commit()
    return member


def test_the_seller_replies_once_and_the_buyer_is_told(app, client, auth, lan, outbox):
    line = bought(lan)
    written = review(lan, line, 3, "Giao hơi chậm")
    seller = line.variant.product.seller
    _seller_member(line)
    outbox.clear()
    auth.login("ban@example.vn")
    page = client.get(f"/ban-hang/{seller.id}/danh-gia").get_data(as_text=True)
    assert "Giao hơi chậm" in page and "Đăng trả lời" in page
    reply = {"text": "Cảm ơn chị, lần sau cửa hàng giao sớm hơn.", "seller_id": seller.id}
    client.post(f"/danh-gia/{written.id}/tra-loi", data=reply)
    assert reload(written).reply_text == "Cảm ơn chị, lần sau cửa hàng giao sớm hơn."
    again = client.post(f"/danh-gia/{written.id}/tra-loi", data={**reply, "text": "Sửa lại"}, follow_redirects=True)
    assert "Người bán đã trả lời đánh giá này rồi." in again.get_data(as_text=True)
    assert reload(written).reply_text == "Cảm ơn chị, lần sau cửa hàng giao sớm hơn."
    assert [m["Subject"] for m in outbox] == ["Người bán đã trả lời đánh giá của bạn"]
    assert "Người bán đã trả lời đánh giá của bạn" in lan.notifications[0].message


def test_a_reply_from_another_seller_is_refused(app, client, auth, lan):
    line = bought(lan)
    written = review(lan, line, 3)
    other = factories.seller(name="HTX khác")
    stranger = factories.user(email="khac@example.vn")
    factories.add_member(other, stranger, owner=True)
    db.session.commit()
    auth.login("khac@example.vn")
    page = client.post(
        f"/danh-gia/{written.id}/tra-loi", data={"text": "Hàng bên tôi tốt hơn", "seller_id": other.id},
        follow_redirects=True,
    )  # fmt: skip
    assert "Chỉ người bán sản phẩm này mới được trả lời đánh giá." in page.get_data(as_text=True)
    assert reload(written).reply_text is None
    assert client.get(f"/ban-hang/{line.variant.product.seller_id}/danh-gia").status_code == 404


def test_staff_hide_with_a_reason_it_is_audited_and_no_longer_counted(app, client, auth, lan):
    variant, outlet = stocked_variant(quantity=20)
    db.session.commit()
    line_a, line_b = bought(lan, variant=variant, outlet_obj=outlet), bought(lan, variant=variant, outlet_obj=outlet)
    product = variant.product
    rude = review(lan, line_a, 1, "Gọi 0912345678 để mua rẻ hơn")
    review(lan, line_b, 5, "Rất ngon")
    factories.user(email="canbo@example.vn", role="staff")
    db.session.commit()
    auth.login("canbo@example.vn")
    refused = client.post(f"/quan-tri/danh-gia/{rude.id}/an", data={"reason": ""}, follow_redirects=True)
    assert "Hãy ghi lý do" in refused.get_data(as_text=True) and not reload(rude).is_hidden
    client.post(f"/quan-tri/danh-gia/{rude.id}/an", data={"reason": "Quảng cáo, lộ số điện thoại"})
    assert reload(rude).is_hidden
    product = reload(product)
    assert (product.rating_count, product.rating_sum, product.rating_average) == (1, 5, 5.0)
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "review.hide"))
    assert (audit.subject_id, audit.reason) == (rude.id, "Quảng cáo, lộ số điện thoại")
    html = client.get(f"/san-pham/{product.slug}").get_data(as_text=True)
    assert "Rất ngon" in html and "0912345678" not in html
    client.post(f"/quan-tri/danh-gia/{rude.id}/hien")
    assert reload(product).rating_count == 2
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "review.show")) == 1


def test_a_shopper_cannot_reach_the_moderation_page(app, client, auth, lan):
    written = review(lan, bought(lan), 1)
    auth.login("lan@example.vn")
    assert client.get("/quan-tri/danh-gia").status_code == 403
    assert client.post(f"/quan-tri/danh-gia/{written.id}/an", data={"reason": "tự ẩn cho vui"}).status_code == 403
    assert not reload(written).is_hidden


def test_the_product_page_shows_exact_average_count_and_distribution(app, client, lan):
    variant, outlet = stocked_variant(quantity=50, name="Xoài cát Hòa Lộc")
    db.session.commit()
    for stars in (5, 4, 4):
        review(lan, bought(lan, variant=variant, outlet_obj=outlet), stars)
    hidden = review(lan, bought(lan, variant=variant, outlet_obj=outlet), 1)
    with app.test_request_context():
        services.hide(staff=factories.user(role="staff"), review_id=hidden.id, reason="Không liên quan")
    html = client.get(f"/san-pham/{variant.product.slug}").get_data(as_text=True)
    assert "<strong>4,3</strong>" in html and "3 đánh giá từ người mua" in html
    bars = dict(re.findall(r'aria-label="(\d) sao: (\d+)"', html))
    assert bars == {"5": "1", "4": "2", "3": "0", "2": "0", "1": "0"}
    listing = client.get("/san-pham").get_data(as_text=True)
    assert "4,3" in listing and "(3)" in listing
    api = client.get(f"/api/v1/products/{variant.product.slug}").get_json()
    assert api["rating"] == {"average": 4.3, "count": 3}


def test_listings_sort_and_filter_by_rating(app, client, lan):
    good, outlet = stocked_variant(quantity=50, name="Nấm đông trùng hạ thảo")
    fair = stocked_variant(quantity=50, name="Hạt điều rang muối", outlet_obj=outlet)[0]
    stocked_variant(quantity=50, name="Rau muống chưa ai chấm", outlet_obj=outlet)
    db.session.commit()
    review(lan, bought(lan, variant=good, outlet_obj=outlet), 5)
    review(lan, bought(lan, variant=fair, outlet_obj=outlet), 3)
    names = re.findall(
        r'<h3 class="card-title">([^<]+)</h3>', client.get("/san-pham?sort=rating").get_data(as_text=True)
    )
    assert names[:3] == ["Nấm đông trùng hạ thảo", "Hạt điều rang muối", "Rau muống chưa ai chấm"]
    four_up = client.get("/san-pham?rating=4").get_data(as_text=True)
    assert "Nấm đông trùng hạ thảo" in four_up and "Hạt điều rang muối" not in four_up
    api = client.get("/api/v1/products?sort=rating&rating=3").get_json()
    assert [p["name"] for p in api["items"]] == ["Nấm đông trùng hạ thảo", "Hạt điều rang muối"]
    assert client.get("/api/v1/products?rating=6").status_code == 400


def test_the_product_page_costs_the_same_queries_for_one_review_or_many(app, client, lan):
    variant, outlet = stocked_variant(quantity=80)
    db.session.commit()
    review(lan, bought(lan, variant=variant, outlet_obj=outlet), 4)
    url = f"/san-pham/{variant.product.slug}"
    queries_for_page(client, url)
    one = queries_for_page(client, url)
    others = [factories.user() for _ in range(4)]
    db.session.commit()
    for i, person in enumerate(others):
        line = bought(person, variant=variant, outlet_obj=outlet)
        review(person, line, 1 + i % 5, f"Nhận xét {i}", photos=[(png_bytes((9 + i, 9)), f"p{i}.png")])
    assert queries_for_page(client, url) == one


def test_my_reviews_page_lists_what_waits_for_a_review(app, client, auth, lan):
    waiting = bought(lan)
    done = bought(lan)
    review(lan, done, 5, "Đã chấm")
    bought(lan, received=False)
    auth.login("lan@example.vn")
    page = client.get("/tai-khoan/danh-gia").get_data(as_text=True)
    assert f"/danh-gia/viet/{waiting.id}" in page and f"/danh-gia/viet/{done.id}" not in page
    assert "Đã chấm" in page
    order_page = client.get(f"/don-hang/{waiting.order.number}").get_data(as_text=True)
    assert f"/danh-gia/viet/{waiting.id}" in order_page


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reviews=st.lists(st.tuples(st.integers(1, 5), st.booleans()), min_size=0, max_size=5))
def test_the_figures_always_equal_those_of_the_shown_reviews(app, reviews):
    """Whatever reviews are written and hidden, count and sum are those of the shown ones."""
    variant, outlet = stocked_variant(quantity=100)
    staff = factories.user(role="staff")
    buyer = factories.user()
    db.session.commit()
    for stars, hide in reviews:
        written = review(buyer, bought(buyer, variant=variant, outlet_obj=outlet), stars)
        if hide:
            with app.test_request_context():
                services.hide(staff=staff, review_id=written.id, reason="Kiểm tra ẩn")
    shown = [stars for stars, hide in reviews if not hide]
    product = reload(variant.product)
    assert (product.rating_count, product.rating_sum) == (len(shown), sum(shown))
    assert product.rating_average == (round(sum(shown) / len(shown), 1) if shown else None)


def test_a_products_reviews_page_filters_by_stars_and_hides_the_hidden(app, client, lan):
    variant, outlet = stocked_variant(quantity=20)
    db.session.commit()
    review(lan, bought(lan, variant=variant, outlet_obj=outlet), 5, "Năm sao thật")
    review(lan, bought(lan, variant=variant, outlet_obj=outlet), 2, "Hai sao thôi")
    hidden = review(lan, bought(lan, variant=variant, outlet_obj=outlet), 2, "Bị ẩn")
    with app.test_request_context():
        services.hide(staff=factories.user(role="staff"), review_id=hidden.id, reason="Lạc đề")
    url = f"/san-pham/{variant.product.slug}/danh-gia"
    everything = client.get(url).get_data(as_text=True)
    assert "Năm sao thật" in everything and "Hai sao thôi" in everything and "Bị ẩn" not in everything
    two = client.get(f"{url}?sao=2").get_data(as_text=True)
    assert "Hai sao thôi" in two and "Năm sao thật" not in two and "Bị ẩn" not in two
    english = client.get(f"/san-pham/{variant.product.slug}?lang=en").get_data(as_text=True)
    assert "Reviews from buyers" in english and "Bought here" in english and "2 reviews from buyers" in english


def test_staff_see_hidden_reviews_with_their_reason(app, client, auth, lan):
    written = review(lan, bought(lan), 1, "Số tôi 0912345678")
    staff = factories.user(email="canbo@example.vn", role="staff")
    db.session.commit()
    with app.test_request_context():
        services.hide(staff=staff, review_id=written.id, reason="Lộ số điện thoại")
    auth.login("canbo@example.vn")
    page = client.get("/quan-tri/danh-gia?an=1").get_data(as_text=True)
    assert "Đã ẩn: Lộ số điện thoại" in page and "Hiện lại" in page
