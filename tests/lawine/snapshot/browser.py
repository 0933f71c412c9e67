"""Browser-dependent tests skip without Chromium, unless LAWINE_REQUIRE_BROWSER=1 makes them fail."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def require(tool: str = "chromium") -> None:
    """Call first in a test that needs Chromium (or another program such as pdftoppm)."""
    if tool == "chromium":
        found = Path(os.environ.get("BROWSER_PATH") or "/usr/bin/chromium").exists()
    else:
        found = shutil.which(tool) is not None
    if found:
        return
    reason = f"needs {tool} (Debian: apt-get install {'poppler-utils' if tool.startswith('pdfto') else tool})"
    if os.environ.get("LAWINE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"LAWINE_REQUIRE_BROWSER=1 but this test {reason}")
    pytest.skip(reason)
