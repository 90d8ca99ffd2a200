"""The filter form of product listings: GET parameters, so a filtered page can be shared."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import ValidationError

from app.catalog.models import CERTIFICATIONS
from app.catalog.search import MAX_QUERY_CHARS
from app.sellers.models import SELLER_KINDS

MAX_PRICE = 1_000_000_000
_PRICE_NOISE = re.compile(r"[\s.,]|đ$|₫$|vnd$", re.IGNORECASE)


class PriceField(StringField):
    """Whole đồng; "120.000", "120,000 ₫" and "120000" all mean 120000."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.amount: int | None = None
        raw = _PRICE_NOISE.sub("", (self.data or "").strip())
        if not raw:
            return
        if not raw.isdigit() or int(raw) > MAX_PRICE:
            raise ValueError(_l("Enter a whole number of đồng, 0 or more."))
        self.amount = int(raw)


def _choice(field_name: str):
    def check(form, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            field.data = ""
            raise ValidationError(_l("This choice is not available."))

    return check


class ProductFilterForm(FlaskForm):
    """Category, seller kind, OCOP stars, certification, price range, outlet and sort."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"))
    category = SelectField(_l("Category"), choices=[], validate_choice=False, validators=[_choice("category")])
    kind = SelectField(_l("Seller type"), choices=[], validate_choice=False, validators=[_choice("kind")])
    ocop = SelectField(_l("OCOP rating"), choices=[], validate_choice=False, validators=[_choice("ocop")])
    cert = SelectField(_l("Certification"), choices=[], validate_choice=False, validators=[_choice("cert")])
    price_min = PriceField(_l("Price from (₫)"))
    price_max = PriceField(_l("Price up to (₫)"))
    outlet = SelectField(_l("Available at outlet"), choices=[], validate_choice=False, validators=[_choice("outlet")])
    rating = SelectField(_l("Buyers' rating"), choices=[], validate_choice=False, validators=[_choice("rating")])
    sort = SelectField(_l("Sort by"), choices=[], validate_choice=False, validators=[_choice("sort")])

    def fill_choices(self, *, categories, outlets, kind_labels, cert_labels, searching: bool) -> None:
        """The options of each select; values are slugs and codes, never ids."""
        everything = [("", _l("All"))]
        self.category.choices = everything + [(c.slug, c.label) for c in categories]
        self.kind.choices = everything + [(k, kind_labels[k]) for k in SELLER_KINDS]
        self.ocop.choices = everything + [(str(n), _l("%(n)s stars and up", n=n)) for n in range(5, 0, -1)]
        self.cert.choices = everything + [(c, cert_labels[c]) for c in CERTIFICATIONS]
        self.outlet.choices = [("", _l("Any outlet"))] + [(o.slug, o.place) for o in outlets]
        self.rating.choices = everything + [(str(n), _l("%(n)s stars and up", n=n)) for n in (4, 3)]
        sorts = [
            ("newest", _l("Newest")),
            ("price_asc", _l("Price: low to high")),
            ("price_desc", _l("Price: high to low")),
            ("best_selling", _l("Best selling")),
            ("rating", _l("Top rated")),
        ]
        self.sort.choices = ([("relevance", _l("Best match"))] if searching else []) + sorts

    def validate_price_max(self, field) -> None:
        low, high = getattr(self.price_min, "amount", None), getattr(field, "amount", None)
        if low is not None and high is not None and high < low:
            field.amount = None
            raise ValidationError(_l("The upper price must not be below the lower one."))

    @property
    def query(self) -> str:
        return (self.q.data or "").strip()[:MAX_QUERY_CHARS]
