"""Union staff keep the category tree: names in Vietnamese and English, order, parents, moving products.

A category that holds products, or has sub-categories, is never deleted: products are moved first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.accounts.models import User
from app.catalog.models import Category, Product
from app.core import audit
from app.core.errors import FieldErrors, NotFound
from app.core.extensions import db
from app.core.slugs import unique_slug
from app.core.text import fold


class CategoryError(FieldErrors):
    code = "category"


@dataclass
class Node:
    category: Category
    products: int
    children: list[Node] = field(default_factory=list)
    depth: int = 0

    @property
    def total_products(self) -> int:
        return self.products + sum(child.total_products for child in self.children)


@dataclass(frozen=True)
class CategoryData:
    name_vi: str
    name_en: str
    parent_id: int | None = None
    position: int = 0


def tree() -> list[Node]:
    """Top-level categories with their sub-categories, in order, each with its number of products."""
    categories = list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))
    counts = dict(
        db.session.execute(select(Product.category_id, func.count(Product.id)).group_by(Product.category_id)).all()
    )
    nodes = {c.id: Node(c, counts.get(c.id, 0)) for c in categories}
    roots = []
    for c in categories:
        parent = nodes.get(c.parent_id) if c.parent_id else None
        (parent.children if parent else roots).append(nodes[c.id])
    _set_depth(roots, 0)
    return roots


def _set_depth(nodes: list[Node], depth: int) -> None:
    for node in nodes:
        node.depth = depth
        _set_depth(node.children, depth + 1)


def flat(nodes: list[Node]) -> list[Node]:
    """The tree as a list, each category after its parent."""
    out = []
    for node in nodes:
        out.append(node)
        out.extend(flat(node.children))
    return out


def _category(category_id: int) -> Category:
    category = db.session.get(Category, category_id)
    if category is None:
        raise NotFound(_("This category was not found."))
    return category


def _descendants(category_id: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for cid, parent in db.session.execute(select(Category.id, Category.parent_id)):
        children.setdefault(parent, []).append(cid)
    found, todo = set(), [category_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _check(data: CategoryData, category_id: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    for key in ("name_vi", "name_en"):
        value = getattr(data, key).strip()
        if not value:
            errors[key] = _("Give the name in both languages.")
        elif len(value) > 120:
            errors[key] = _("At most 120 characters.")
    if data.parent_id is not None:
        if db.session.get(Category, data.parent_id) is None:
            errors["parent_id"] = _("This category was not found.")
        elif category_id is not None and data.parent_id in {category_id, *_descendants(category_id)}:
            errors["parent_id"] = _("A category cannot be placed under itself or one of its sub-categories.")
    siblings = db.session.execute(
        select(Category.name_vi, Category.name_en).where(
            Category.parent_id.is_(None) if data.parent_id is None else Category.parent_id == data.parent_id,
            Category.id != (category_id or 0),
        )
    ).all()
    for key, index in (("name_vi", 0), ("name_en", 1)):
        if key not in errors and any(fold(row[index]).strip() == fold(getattr(data, key)).strip() for row in siblings):
            errors[key] = _("A category with this name already exists at this place in the tree.")
    if not 0 <= data.position <= 10000:
        errors["position"] = _("The position must be between 0 and 10000.")
    return errors


def create_category(*, staff: User, data: CategoryData) -> Category:
    errors = _check(data, None)
    if errors:
        raise CategoryError(errors=errors)
    category = Category(
        slug=unique_slug(Category.slug, data.name_vi, fallback="danh-muc", max_length=120),
        name_vi=data.name_vi.strip(),
        name_en=data.name_en.strip(),
        parent_id=data.parent_id,
        position=data.position,
    )
    db.session.add(category)
    db.session.flush()
    audit.record(actor_id=staff.id, action="category.create", subject_type="category", subject_id=category.id)
    db.session.commit()
    return category


def update_category(*, staff: User, category_id: int, data: CategoryData) -> Category:
    """Rename, reorder or move a category under another parent (never under itself)."""
    category = _category(category_id)
    errors = _check(data, category.id)
    if errors:
        raise CategoryError(errors=errors)
    before = (category.name_vi, category.name_en, category.parent_id, category.position)
    category.name_vi, category.name_en = data.name_vi.strip(), data.name_en.strip()
    category.parent_id, category.position = data.parent_id, data.position
    keys = ("name_vi", "name_en", "parent_id", "position")
    changed = [k for k, old in zip(keys, before, strict=True) if getattr(category, k) != old]
    if changed:
        audit.record(
            actor_id=staff.id,
            action="category.update",
            subject_type="category",
            subject_id=category.id,
            details={"changed": changed},
        )
    db.session.commit()
    return category


def delete_category(*, staff: User, category_id: int) -> None:
    """Delete an empty category; one with products or sub-categories says what to do first."""
    category = _category(category_id)
    products = db.session.scalar(select(func.count(Product.id)).where(Product.category_id == category.id)) or 0
    if products:
        raise CategoryError(
            _(
                "“%(name)s” still holds %(n)s products: move them to another category first.",
                name=category.name_vi,
                n=products,
            )
        )
    if db.session.scalar(select(func.count(Category.id)).where(Category.parent_id == category.id)):
        raise CategoryError(_("“%(name)s” has sub-categories: move or delete them first.", name=category.name_vi))
    audit.record(
        actor_id=staff.id,
        action="category.delete",
        subject_type="category",
        subject_id=category.id,
        details={"name_vi": category.name_vi, "name_en": category.name_en},
    )
    db.session.delete(category)
    db.session.commit()


def move_products(*, staff: User, from_id: int, to_id: int) -> int:
    """Move every product of one category to another; returns how many moved."""
    source = _category(from_id)
    if not to_id or to_id == source.id:
        raise CategoryError(_("Choose another category to move the products to."), field="target")
    target = _category(to_id)
    if source.id == target.id:
        raise CategoryError(_("Choose another category to move the products to."), field="target")
    # Through the ORM, so each product's search text picks up its new category's names.
    products = list(db.session.scalars(select(Product).where(Product.category_id == source.id)))
    for product in products:
        product.category = target
    moved = len(products)
    audit.record(
        actor_id=staff.id,
        action="category.move_products",
        subject_type="category",
        subject_id=source.id,
        details={"count": moved, "target": target.name_vi, "target_id": target.id, "name_vi": source.name_vi},
    )
    db.session.commit()
    return moved


def edit_target(category_id: int | None) -> Category | None:
    """The category being edited (from ?sua=), or None; an unknown id is not found."""
    return _category(category_id) if category_id else None
