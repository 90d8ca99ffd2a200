"""Back-office and dashboard pages cost a fixed number of queries, however many rows they show."""

from __future__ import annotations

import pytest

from app.core import audit
from app.core.extensions import db
from tests import factories
from tests.helpers import queries_for_page as queries_for
from tests.sellers.factories import pending_seller
from tests.staff.factories import staff_user


@pytest.mark.parametrize("url", ["/quan-tri/nguoi-ban", "/quan-tri/san-pham", "/quan-tri/nhat-ky"])
def test_back_office_lists_do_not_grow_with_rows(client, auth, url):
    staff = staff_user()
    db.session.commit()
    auth.login(staff.email)

    def add(n: int) -> None:
        for _ in range(n):
            seller = pending_seller()
            factories.product(seller_obj=seller, variants=2)
            audit.record(actor_id=staff.id, action="seller.approve", subject_type="seller", subject_id=seller.id)
        db.session.commit()

    add(2)
    few = queries_for(client, url)
    add(8)
    assert queries_for(client, url) == few


def test_the_seller_product_list_does_not_grow_with_products(client, auth):
    owner = factories.user(email="chu@htx.vn")
    seller = factories.seller(members=[owner])
    db.session.commit()
    auth.login("chu@htx.vn")
    factories.product(seller_obj=seller, variants=2)
    db.session.commit()
    few = queries_for(client, f"/ban-hang/{seller.id}/san-pham")
    for _ in range(6):
        factories.product(seller_obj=seller, variants=3)
    db.session.commit()
    assert queries_for(client, f"/ban-hang/{seller.id}/san-pham") == few
