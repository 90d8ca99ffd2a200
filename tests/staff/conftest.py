"""Documents go to a private directory under the test's own tmp_path."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_documents(app, tmp_path):
    app.config["PRIVATE_DOCUMENTS_ROOT"] = str(tmp_path / "private")
    return tmp_path / "private" / "documents"
