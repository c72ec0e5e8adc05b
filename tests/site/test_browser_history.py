"""History on the site in a real browser: the carry links followed both ways, the flag seen.

Built from a real git repository (tests/history/repos.py); Chromium as in test_browser.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from microokr.history.overview import workspace_recalibrations
from microokr.site.build import build_site
from microokr.site.output import write_site
from microokr.workspace import load_workspace
from tests.history.repos import carry_on, recalibrated_repo
from tests.site.test_browser import browser, open_page

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the module-scoped Chromium session, shared with test_browser.py


def _visible_text(driver: Any, css: str) -> str:
    element = driver.find_element("css selector", css)
    assert element.is_displayed(), css
    return str(element.text)


def test_carry_links_both_ways_and_the_flagged_recalibration(browser: Any, tmp_path: Path) -> None:
    root = recalibrated_repo(tmp_path / "ws")
    carry_on(root)
    workspace = load_workspace(root)
    site = tmp_path / "site"
    built = build_site(workspace, dt.date(2026, 8, 1), history=workspace_recalibrations(workspace))
    write_site(site, built.files)

    west = site / "sprints" / "west-pipeline-recovery.html"
    assert [e for e in open_page(browser, west) if e["level"] != "INFO"] == []
    flagged = browser.find_element("css selector", "table.recalibrations tr.unrecorded")
    assert flagged.is_displayed()
    assert flagged.text.startswith("window.end 2026-07-28 → 2026-07-30")
    assert "⚠ Unrecorded: no revisions entry (MO709)" in flagged.text
    recorded = browser.find_element("css selector", "table.recalibrations tr.recorded")
    assert "kr2 target 8 → 6" in recorded.text and "Alex Kim" in recorded.text
    assert "Yes: 2026-07-21, kr2 target 8 -> 6 accounts" in recorded.text
    assert "⚠ 1 unrecorded re-calibration" in _visible_text(browser, ".unrecorded-note")
    assert _visible_text(browser, ".warnings li.goalposts-moved").startswith(
        "1 goalpost moved after the first check-in with no revisions entry (MO709): window.end"
    )
    # The flag is text, and it also stands out: a colour other than the body's.
    colours = browser.execute_script(
        "return [getComputedStyle(document.querySelector('.flag')).color,"
        " getComputedStyle(document.body).color]"
    )
    assert colours[0] != colours[1]

    assert _visible_text(browser, ".carried-to") == "Carried on in next-step"
    browser.find_element("css selector", ".carried-to a").click()
    assert Path(browser.current_url.removeprefix("file://")) == site / "sprints" / "next-step.html"
    assert browser.find_element("tag name", "h1").text.startswith("next-step")
    assert _visible_text(browser, ".carried-from") == "Carried from west-pipeline-recovery"
    assert "is not committed yet" in _visible_text(browser, "#recalibrations .history-note")
    browser.find_element("css selector", ".carried-from a").click()
    assert Path(browser.current_url.removeprefix("file://")) == west
    assert browser.find_element("tag name", "h1").text.startswith("west-pipeline-recovery")
