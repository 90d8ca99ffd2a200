"""The OpenAPI 3.1 document, built with apispec from the API's routes and their declared operations."""

from __future__ import annotations

import re
from collections.abc import Callable

from apispec import APISpec
from flask import Flask

from app.api.schemas import SCHEMAS, ref

_PATH_ARGUMENT = re.compile(r"<(?:[a-z_]+:)?([a-z_]+)>")
# Text the API accepts: any characters but NUL, which it refuses with 400 (no column can hold one).
NO_NUL = "^[^\\u0000]*$"
FREE_SLUG = "Free text: a slug that names nothing on sale answers 404."


def operation(summary: str, *, parameters: list[dict] | None = None, response: str, not_found: bool = False):
    """Attach the OpenAPI description of a GET view: its parameters and the schema it answers with."""

    def attach(view: Callable) -> Callable:
        responses = {
            "200": {"description": summary, "content": {"application/json": {"schema": ref(response)}}},
            "400": error_response("Invalid parameter"),
            "429": error_response("Too many requests"),
        }
        if not_found:
            responses["404"] = error_response("Not found")
        view.openapi = {
            "get": {
                "summary": summary,
                "description": (view.__doc__ or "").strip(),
                "operationId": view.__name__,
                "parameters": parameters or [],
                "responses": responses,
            }
        }
        return view

    return attach


def error_response(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


def query(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def text_schema(*, max_length: int | None = None) -> dict:
    """A string parameter: any text without NUL, of at most ``max_length`` characters when given."""
    schema: dict = {"type": "string", "pattern": NO_NUL}
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def path(name: str, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": {"type": "string"}}


def build(app: Flask) -> dict:
    """The OpenAPI document of every documented /api/v1 route of the application."""
    spec = APISpec(
        title="Chợ Phụ Nữ Khởi Nghiệp API",
        version="1.0.0",
        openapi_version="3.1.0",
        info={"description": "Read-only catalog of the Women's Union marketplace. Prices are whole đồng (VND)."},
        servers=[{"url": app.config["SITE_URL"].rstrip("/") + "/api/v1"}],
    )
    for name, schema in SCHEMAS.items():
        spec.components.schema(name, schema)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions.get(rule.endpoint)
        if rule.endpoint.startswith("api.") and hasattr(view, "openapi"):
            route = _PATH_ARGUMENT.sub(r"{\1}", rule.rule.removeprefix("/api/v1"))
            spec.path(path=route, operations=view.openapi)
    return spec.to_dict()
