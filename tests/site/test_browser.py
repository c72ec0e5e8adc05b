"""The site of examples/acme in a real browser: Debian's headless Chromium through Selenium.

One browser session for the module (start-up is the slow part). The network is closed and
nothing is downloaded: the driver is Debian's /usr/bin/chromedriver (package chromium-driver),
the browser /usr/bin/chromium; `.ci/run` installs both with apt-get when they are missing.

MICROOKR_UPDATE_SCREENSHOTS=1 rewrites the README's screenshots under docs/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
import yaml

from microokr.site.build import build_site
from microokr.site.output import write_site
from microokr.workspace import load_workspace
from tests.conftest import EXAMPLES, ROOT, TODAY

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DOCS = ROOT / "docs"
SCREENSHOTS = {
    "index.html": ("site-index.png", None),
    # Scrolled to the KR cards, so the README shows them with the trajectory chart.
    "sprints/west-pipeline-recovery.html": ("site-sprint.png", "key-results"),
    # The integrated plan of the joint sprint: its gantt, table and roles (issue 17).
    "sprints/trial-to-paid-activation.html": ("site-plan.png", "plan"),
}
WIDTH, HEIGHT = 1200, 1400


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail(
            "the browser tests need Debian's chromium and chromium-driver: "
            "apt-get install -y chromium chromium-driver"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    built = build_site(load_workspace(EXAMPLES / "acme"), dt.date.fromisoformat(TODAY))
    write_site(folder, built.files)
    return folder


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def open_page(browser: Any, path: Path) -> list[dict[str, Any]]:
    """Load a page; return what it logged to the console."""
    browser.get_log("browser")  # drop what an earlier page left
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(path.as_uri())
    WebDriverWait(browser, 30).until(
        lambda driver: driver.execute_script("return document.readyState") == "complete"
    )
    logs: list[dict[str, Any]] = browser.get_log("browser")
    return logs


def test_no_page_logs_a_console_error(browser: Any, site: Path) -> None:
    every = pages(site)
    assert len(every) == 1 + 6 + 2 + 7
    for page in every:
        errors = [entry for entry in open_page(browser, page) if entry["level"] != "INFO"]
        assert errors == [], f"{page.relative_to(site)}: {errors}"
        # The stylesheet beside the pages was found and applied (file:// hides its rules).
        border = browser.execute_script(
            "return getComputedStyle(document.querySelector('header.top')).borderBottomStyle"
        )
        assert border == "solid", page


def test_every_link_and_asset_resolves_inside_the_site(browser: Any, site: Path) -> None:
    checked = 0
    for page in pages(site):
        open_page(browser, page)
        urls = browser.execute_script(
            "return [...document.querySelectorAll('[href],[src]')].map(e => e.href || e.src)"
        )
        ids = set(
            browser.execute_script("return [...document.querySelectorAll('[id]')].map(e => e.id)")
        )
        for url in urls:
            parsed = urlparse(url)
            assert parsed.scheme == "file", f"{page.name}: {url} leaves the site"
            target = Path(unquote(parsed.path))
            assert target.is_file(), f"{page.relative_to(site)}: {url} does not resolve"
            assert site in target.parents, f"{page.name}: {url} points outside the site"
            if parsed.fragment and target == page:
                assert parsed.fragment in ids, f"{page.name}: #{parsed.fragment} missing"
            checked += 1
    assert checked > 150


def test_each_sprint_page_shows_its_chart_and_kr_table(browser: Any, site: Path) -> None:
    charts = 0
    for page in sorted((site / "sprints").glob("*.html")):
        open_page(browser, page)
        table = browser.find_element("css selector", "table.kr-table")
        assert table.is_displayed() and len(table.find_elements("css selector", "tbody tr")) >= 2
        found = browser.find_elements("css selector", "svg#trajectory")
        if page.stem == "lead-handoff-alignment":  # planned: no check-in, no chart yet
            assert not found
            assert (
                "the chart appears after the first one"
                in browser.find_element("id", "trajectory").text
            )
            continue
        chart = found[0]
        size = chart.size
        assert size["width"] > 300 and size["height"] > 100, (page.name, size)
        assert chart.get_attribute("role") == "img"
        title = browser.execute_script(
            "return arguments[0].querySelector('title').textContent", chart
        )
        assert page.stem in title
        assert len(chart.find_elements("css selector", "circle")) >= 2
        charts += 1
    assert charts == 5


def png_size_and_colours(data: bytes) -> tuple[int, int, int]:
    """Width, height and how many distinct byte values the pixels hold (blank is ~1)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, at = [], 8
    while at < len(data):
        length = struct.unpack(">I", data[at : at + 4])[0]
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return width, height, len(set(pixels[: 4 * width * 400]))


def test_index_screenshot_is_the_right_size_and_not_blank(browser: Any, site: Path) -> None:
    for page, (name, section) in SCREENSHOTS.items():
        open_page(browser, site / page)
        if section:
            browser.execute_script(f"document.getElementById('{section}').scrollIntoView()")
        shot = browser.get_screenshot_as_png()
        width, height, colours = png_size_and_colours(shot)
        assert (width, height) == (WIDTH, browser.execute_script("return window.innerHeight"))
        assert colours > 50, f"{page} looks blank"
        committed = DOCS / name
        if os.environ.get("MICROOKR_UPDATE_SCREENSHOTS") == "1":
            committed.write_bytes(shot)
        # Loosely like the committed screenshot: same size, file size within a factor of 2.
        assert committed.exists(), f"run MICROOKR_UPDATE_SCREENSHOTS=1 pytest {__file__}"
        reference = committed.read_bytes()
        assert png_size_and_colours(reference)[:2] == (width, height)
        assert 0.5 < len(shot) / len(reference) < 2.0


def test_hostile_text_shows_as_text(browser: Any, tmp_path: Path) -> None:
    workspace = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", workspace)
    path = workspace / "sprints" / "inbound-spike-conversion.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    hostile = (
        "<script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }} <img src=x onerror=alert(2)>"
    )
    data["trigger"]["signal"] = hostile
    data["checkins"][0]["note"] = hostile
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (workspace / "sprints" / "bell\x07esc\x1b[31m.yaml").write_text("id: [\n", "utf-8")
    out = tmp_path / "site"
    write_site(out, build_site(load_workspace(workspace), dt.date.fromisoformat(TODAY)).files)
    logs = open_page(browser, out / "sprints" / "inbound-spike-conversion.html")
    assert [entry for entry in logs if entry["level"] != "INFO"] == []
    text = browser.find_element("tag name", "body").text
    assert text.count("<script>alert(1)</script>") == 2
    assert text.count("{{ 7*7 }}") == 2 and "<img src=x onerror=alert(2)>" in text
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.execute_script("return document.images.length") == 0
    assert not browser.find_elements("css selector", "a[href^='javascript']")
    open_page(browser, out / "index.html")
    assert (
        "bell\\x07esc\\x1b[31m.yaml: cannot be read"
        in browser.find_element("tag name", "body").text
    )


def test_pages_fit_a_phone_without_sideways_scrolling(browser: Any, site: Path) -> None:
    browser.set_window_size(390, 844)
    try:
        for page in ("index.html", "sprints/west-pipeline-recovery.html", "teams/sales.html",
                     "okrs/2026-q3.html"):  # fmt: skip
            open_page(browser, site / page)
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{page} is {overflow}px wider than a phone"
            chart = browser.find_elements("css selector", "svg.chart")
            if chart:
                assert 0 < chart[0].size["width"] <= 390
    finally:
        browser.set_window_size(WIDTH, HEIGHT)


def _column(browser: Any, table: Any, index: int) -> list[str]:
    script = (
        "return [...arguments[0].tBodies[0].rows].map(r => {"
        " const c = r.cells[arguments[1]]; return c.dataset.sort ?? c.textContent.trim(); })"
    )
    values: list[str] = browser.execute_script(script, table, index)
    return values


def test_pressing_a_header_sorts_its_table_and_again_reverses(browser: Any, site: Path) -> None:
    open_page(browser, site / "index.html")
    tables = browser.find_elements("css selector", "table.sortable")
    assert len(tables) >= 3  # active and overdue, closed this quarter, team load
    closed = next(t for t in tables if "Closed" in t.find_element("tag name", "thead").text)
    written = _column(browser, closed, 0)
    assert len(written) >= 2
    header = closed.find_elements("css selector", "thead th")[2]
    header.find_element("css selector", "button.sort").click()
    days = _column(browser, closed, 2)
    assert days == sorted(days) and header.get_attribute("aria-sort") == "ascending"
    header.find_element("css selector", "button.sort").click()
    assert _column(browser, closed, 2) == sorted(days, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"
    # Numbers sort by their data-sort value, and rows move whole: each team still sits
    # beside its own count of active sprints (as data.json has it).
    load = next(t for t in tables if "Load" in t.find_element("tag name", "thead").text)
    active = load.find_elements("css selector", "thead th")[1]
    assert active.text == "Active"
    active.find_element("css selector", "button.sort").click()
    active.find_element("css selector", "button.sort").click()
    counts = [float(v) for v in _column(browser, load, 1)]
    assert len(counts) >= 5 and counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    rows = browser.execute_script(
        "return [...arguments[0].tBodies[0].rows].map(r => [r.cells[0].querySelector('a')"
        ".getAttribute('href'), Number(r.cells[1].dataset.sort)])",
        load,
    )
    data = json.loads((site / "data.json").read_text("utf-8"))
    known = {team["page"]: team["active"] for team in data["teams"]}
    assert all(known[page] == count for page, count in rows), rows


# ── The integrated plan of the joint sprint (issue 17) ──────────────────────────────

JOINT = "sprints/trial-to-paid-activation.html"
PLAN_GEOMETRY = """
const svg = document.querySelector('svg#gantt');
const screen = (el, p) => { const m = el.getScreenCTM(); const q = svg.createSVGPoint();
  q.x = p.x; q.y = p.y; const r = q.matrixTransform(m); return [r.x, r.y]; };
const items = [...svg.querySelectorAll('g.item')].map(g => {
  const r = g.querySelector('rect.task').getBoundingClientRect();
  return {id: g.id, status: g.dataset.status, left: r.left, right: r.right,
          mid: (r.top + r.bottom) / 2,
          word: [...g.querySelectorAll('text.state')].map(t => t.textContent)[0]};
});
const arrows = [...svg.querySelectorAll('g.dep')].map(g => {
  const path = g.querySelector('path');
  return {from: g.dataset.from, to: g.dataset.to,
          start: screen(path, path.getPointAtLength(0)),
          end: screen(path, path.getPointAtLength(path.getTotalLength()))};
});
const diamonds = [...svg.querySelectorAll('polygon.milestone')].map(p => ({
  item: p.closest('g.item').id,
  points: [...p.points].map(q => screen(p, q))}));
const rows = [...document.querySelectorAll('table.plan-table tbody tr')].map(tr => ({
  item: tr.dataset.item, due: tr.cells[2].textContent, status: tr.cells[4].textContent}));
return {items, arrows, diamonds, rows};
"""


def test_the_joint_sprints_gantt_in_the_browser(browser: Any, site: Path) -> None:
    assert open_page(browser, site / JOINT) == []
    found = browser.execute_script(PLAN_GEOMETRY)
    items = {item["id"]: item for item in found["items"]}
    rows = found["rows"]
    # The table's rows are the chart's bars, in the same order, with the same status.
    assert [row["item"] for row in rows] == [item["id"] for item in found["items"]]
    for row in rows:
        bar = items[row["item"]]
        assert row["status"].split()[0] == bar["word"] == bar["status"]
    # Bars end left to right in due-date order, on one time axis (a day is a fixed width).
    by_due = sorted(rows, key=lambda row: row["due"])
    rights = [items[row["item"]]["right"] for row in by_due]
    assert rights == sorted(rights) and len(set(rights)) == len(rights)
    days = [dt.date.fromisoformat(row["due"]) for row in by_due]
    per_day = (rights[-1] - rights[0]) / (days[-1] - days[0]).days
    for right, day in zip(rights, days, strict=True):
        assert right == pytest.approx(rights[0] + per_day * (day - days[0]).days, abs=1.0)
    # Each arrow starts at its prerequisite's end and ends at its dependent's start.
    assert [(a["from"], a["to"]) for a in found["arrows"]] == [("gantt-i1", "gantt-i3")]
    for arrow in found["arrows"]:
        before, after = items[arrow["from"]], items[arrow["to"]]
        assert arrow["start"] == pytest.approx([before["right"], before["mid"]], abs=1.0)
        assert arrow["end"] == pytest.approx([after["left"], after["mid"]], abs=1.0)
    # The milestone is a diamond: four corners, a square on its point, at the bar's end.
    (milestone,) = found["diamonds"]
    assert milestone["item"] == "gantt-i3"
    (tx, ty), (rx, ry), (bx, by), (lx, ly) = milestone["points"]
    assert tx == pytest.approx(bx, abs=0.01) and ry == pytest.approx(ly, abs=0.01)
    half = rx - tx
    assert half > 3
    assert [tx - lx, by - ry, ry - ty] == pytest.approx([half] * 3, abs=0.01)
    assert tx == pytest.approx(items["gantt-i3"]["right"], abs=1.0)


def test_the_plan_marks_today_and_blocked_work_on_a_day_inside_the_window(
    browser: Any, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    write_site(out, build_site(load_workspace(EXAMPLES / "acme"), dt.date(2026, 8, 24)).files)
    assert open_page(browser, out / JOINT) == []
    today = browser.find_element("css selector", "svg#gantt g.today")
    assert today.text == "today 08-24"
    blocked = browser.find_element("css selector", "svg#gantt g.item.blocked")
    assert blocked.get_attribute("id") == "gantt-i3"
    stripes = blocked.find_element("css selector", "path.stripes")
    assert stripes.size["width"] > 10  # told by shape, not by colour alone
    row = browser.find_element("css selector", "tr[data-item='gantt-i3']")
    assert row.text.endswith("blocked")


def test_the_plan_fits_a_375_px_phone(browser: Any, site: Path) -> None:
    browser.set_window_size(375, 812)
    try:
        open_page(browser, site / JOINT)
        width = browser.execute_script("return window.innerWidth")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{JOINT} is {overflow}px wider than a 375 px phone"
        for selector in ("#plan figure", "#plan table.plan-table", "#plan table.roles"):
            box = browser.find_element("css selector", selector)
            # The box fits; a wide chart or table scrolls inside its own box.
            box_right = browser.execute_script(
                "return arguments[0].closest('.scroll, figure').getBoundingClientRect().right",
                box,
            )
            assert box_right <= width, selector
        chart = browser.find_element("css selector", "svg#gantt")
        assert chart.size["width"] >= 500  # still readable: it scrolls rather than shrinks
    finally:
        browser.set_window_size(WIDTH, HEIGHT)
