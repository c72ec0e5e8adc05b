"""`microokr site`: the pages, determinism, snapshots, links, data.json, stale pages, safety."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml

from microokr.site.build import build_site_files
from microokr.site.output import MANIFEST
from microokr.site.schema import FILE, data_schema
from microokr.workspace import load_workspace
from tests.conftest import EXAMPLES, ROOT, TODAY, run_cli

DAY = dt.date.fromisoformat(TODAY)
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("MICROOKR_UPDATE_SNAPSHOTS") == "1"
ACME_SPRINTS = {
    "churn-cohort-recovery",
    "enterprise-anchor-client",
    "inbound-spike-conversion",
    "lead-handoff-alignment",
    "trial-to-paid-activation",
    "west-pipeline-recovery",
}


@pytest.fixture(scope="module")
def acme_site() -> dict[str, bytes]:
    return build_site_files(load_workspace(EXAMPLES / "acme"), DAY)


class Links(HTMLParser):
    """Every href/src of a page, and the ids it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def parse(page: bytes) -> Links:
    parser = Links()
    parser.feed(page.decode("utf-8"))
    return parser


def test_the_page_list(acme_site: dict[str, bytes]) -> None:
    pages = set(acme_site)
    assert {"index.html", "style.css", "data.json"} <= pages
    assert {p for p in pages if p.startswith("sprints/")} == {
        f"sprints/{s}.html" for s in ACME_SPRINTS
    }
    assert {"okrs/2026-q3.html", "okrs/2026-q4.html"} <= pages
    assert {"teams/sales.html", "teams/sales-west.html", "teams/marketing.html"} <= pages


def test_same_workspace_and_day_give_the_same_bytes(acme_site: dict[str, bytes]) -> None:
    again = build_site_files(load_workspace(EXAMPLES / "acme"), DAY)
    assert again == acme_site
    later = build_site_files(load_workspace(EXAMPLES / "acme"), DAY + dt.timedelta(days=1))
    assert later["index.html"] != acme_site["index.html"]  # "as of" and days left move


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "sprints/west-pipeline-recovery.html",
        "sprints/inbound-spike-conversion.html",
        "sprints/trial-to-paid-activation.html",  # the integrated plan of a joint sprint
        "okrs/2026-q3.html",
        "teams/sales.html",
    ],
)
def test_snapshot(acme_site: dict[str, bytes], page: str) -> None:
    path = SNAPSHOTS / page
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(acme_site[page])
        return
    assert path.exists(), f"{path} missing: run MICROOKR_UPDATE_SNAPSHOTS=1 pytest {__file__}"
    assert acme_site[page] == path.read_bytes(), (
        f"{page} differs from its snapshot; if intended, run MICROOKR_UPDATE_SNAPSHOTS=1 "
        "pytest tests/site/test_site.py and review the diff"
    )


def test_every_link_is_relative_and_resolves(acme_site: dict[str, bytes]) -> None:
    ids = {page: parse(data).ids for page, data in acme_site.items() if page.endswith(".html")}
    checked = 0
    for page, data in acme_site.items():
        if not page.endswith(".html"):
            continue
        for link in parse(data).links:
            assert not re.match(r"^[a-z]+:|^//|^/", link), f"{page}: {link} is not relative"
            target, _, fragment = link.partition("#")
            resolved = os.path.normpath(os.path.join(os.path.dirname(page), target or page))
            assert resolved in acme_site, f"{page}: {link} does not resolve"
            if fragment:
                assert fragment in ids[resolved], f"{page}: #{fragment} not in {resolved}"
            checked += 1
    assert checked > 100


def test_no_external_assets_or_scripts(acme_site: dict[str, bytes]) -> None:
    own_script = re.compile(r'<script src="((?:\.\./)*)sort\.js" defer></script>')
    for page, data in acme_site.items():
        text = data.decode("utf-8")
        # The one script is the site's own sort.js, by a relative link; nothing inline.
        scripts = re.findall(r"<script[^>]*>.*?</script>", text, flags=re.S)
        assert all(own_script.fullmatch(tag) for tag in scripts), (page, scripts)
        for prefix in own_script.findall(text):
            assert os.path.normpath(os.path.join(os.path.dirname(page), prefix + "sort.js")) in (
                acme_site
            )
        assert "@import" not in text and "url(" not in text, page
        assert not re.search(r"(src|href)=\"(https?:)?//", text), page


def test_sprint_page_holds_what_the_issue_lists(acme_site: dict[str, bytes]) -> None:
    west = acme_site["sprints/west-pipeline-recovery.html"].decode("utf-8")
    for piece in (
        "KR at Risk",
        "Qualified pipeline stands at $21.2M",
        "21.2 $M → 24.6 $M (+3.4), 39% of the gap",
        '<svg class="chart" id="trajectory" role="img"',
        '<title id="trajectory-title">',
        'class="kr-table"',
        "Blocker: Two target accounts wait on legal review of pilot terms — owner: sales-west",
        "kr2 target 8 -&gt; 6 accounts",
        "Conduct 30 targeted outreach calls",
        "The Sprint Lead's summary",
        "What did we learn about the gap?",
        "Does the Tactical OKR need revision?",
        "missed: 2026-07-18, 2026-07-19, 2026-07-25, 2026-07-26",
    ):
        assert piece in west, piece
    # The lead's summary comes before the trigger, the close's answers after the check-ins.
    assert west.index("summary-h") < west.index("trigger-h") < west.index("close-h")
    # The chart is on a true time axis: 15 daily rows in its table, 11 readings as dots.
    assert west.count("<circle") == 3 * 11
    table = west[west.index('<details class="numbers"') :]
    assert table.count('<tr><th scope="row">2026-07-') == 15


def test_index_current_quarter_first_then_earlier(acme_site: dict[str, bytes]) -> None:
    index = acme_site["index.html"].decode("utf-8")
    order = [
        index.index(s)
        for s in (
            "2026-Q4: the current quarter",
            "Team load",
            "Warnings",
            "Earlier quarters",
            "2026-Q3",
        )
    ]
    assert order == sorted(order)
    active = index[index.index("Active and overdue") : index.index("<h3>Planned")]
    assert "inbound-spike-conversion" in active and "4d left" in active and "at risk" in active
    assert "1 of 2" in index


def test_okr_page_says_which_sprint_moved_which_kr(acme_site: dict[str, bytes]) -> None:
    q3 = acme_site["okrs/2026-q3.html"].decode("utf-8")
    kr = q3[q3.index('id="kr-q3-pipeline"') :]
    kr = kr[: kr.index("</article>")]
    assert "west-pipeline-recovery" in kr and "21.2 $M → 24.6 $M (+3.4)" in kr


def test_team_page_timeline_and_outcomes(acme_site: dict[str, bytes]) -> None:
    sales = acme_site["teams/sales.html"].decode("utf-8")
    assert '<svg class="chart timeline"' in sales
    assert "Outcomes of closed sprints" in sales and "enterprise-anchor-client" in sales


def test_data_json_matches_its_committed_schema(acme_site: dict[str, bytes]) -> None:
    committed = json.loads((ROOT / "schemas" / FILE).read_text("utf-8"))
    assert committed == data_schema(), "run: python -c 'from microokr.site.schema import ...'"
    data = json.loads(acme_site["data.json"])
    jsonschema.validate(data, committed)
    assert data["version"] == 1 and data["today"] == TODAY
    assert {s["id"] for s in data["sprints"]} == ACME_SPRINTS


def test_data_json_pieces_make_the_one_document(acme_site: dict[str, bytes]) -> None:
    # data.json is written from one piece per sprint: the bytes are those of one dump.
    data = json.loads(acme_site["data.json"])
    whole = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    assert acme_site["data.json"] == (whole + "\n").encode("utf-8")
    assert list(data)[3:6] == ["index", "sprints", "okrs"]


def test_the_command_writes_the_same_bytes_as_the_built_site(
    acme: Path, acme_site: dict[str, bytes]
) -> None:
    # The command drops each sprint's model as its page is made and reads no empty cache.
    done = run_cli("--today", TODAY, "site", "--no-history", cwd=acme)
    assert done.code == 0, done.stderr
    out = acme / "site"
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    written = {rel: data for rel, data in written.items() if rel != MANIFEST}
    assert set(written) == set(acme_site)
    assert [rel for rel in acme_site if written[rel] != acme_site[rel]] == []


def test_command_writes_prunes_only_its_own_files_and_is_stable(acme: Path) -> None:
    done = run_cli("--today", TODAY, "site", cwd=acme)
    assert done.code == 0, done.stderr
    out = acme / "site"
    assert (out / "sprints" / "west-pipeline-recovery.html").is_file()
    assert "west-pipeline-recovery.html" in (out / MANIFEST).read_text("utf-8")
    mine = out / "sprints" / "notes.txt"
    mine.write_text("kept", "utf-8")
    (acme / "sprints" / "west-pipeline-recovery.yaml").unlink()
    done = run_cli("--today", TODAY, "site", cwd=acme)
    assert done.code == 0, done.stderr
    assert "1 stale removed" in done.stdout
    assert not (out / "sprints" / "west-pipeline-recovery.html").exists()
    assert mine.read_text("utf-8") == "kept"
    before = (out / "index.html").stat().st_mtime_ns
    again = run_cli("--today", TODAY, "site", cwd=acme)
    assert "(0 written," in again.stdout  # nothing changed: no page is touched
    assert (out / "index.html").stat().st_mtime_ns == before


def test_a_forged_manifest_cannot_delete_outside_the_site(acme: Path) -> None:
    out = acme / "public"
    out.mkdir()
    forged = ["../microokr.yaml", "/etc/hostname", ".git/config", "sprints/../../microokr.yaml"]
    (out / MANIFEST).write_text(json.dumps({"files": forged}), "utf-8")
    done = run_cli("--today", TODAY, "site", "--output", str(out), cwd=acme)
    assert done.code == 0, done.stderr
    assert (acme / "microokr.yaml").exists()


def test_refuses_to_write_over_the_workspace(acme: Path) -> None:
    for target in (".", "sprints", "okrs"):
        done = run_cli("--today", TODAY, "site", "--output", target, cwd=acme)
        assert done.code != 0 and "own folder" in done.stderr, (target, done.stderr)
        assert "Traceback" not in done.stderr
    assert not (acme / "index.html").exists()


def test_bad_base_url_is_a_usage_error(acme: Path) -> None:
    done = run_cli("--today", TODAY, "site", "--base-url", 'javascript:alert(1)"', cwd=acme)
    assert done.code == 2 and "--base-url" in done.stderr
    done = run_cli("--today", TODAY, "site", "--base-url", "https://acme.example/okrs", cwd=acme)
    assert done.code == 0, done.stderr
    index = (acme / "site" / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://acme.example/okrs/index.html">' in index


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "link": "[x](javascript:alert(1))",
    "template": "{{ 7*7 }} {% raw %}",
}
CONTROL = "bell\x07esc\x1b[31m"
"""Sprint files refuse control characters (MO rules); a file name can still carry them."""


def test_hostile_text_is_escaped(acme: Path) -> None:
    path = acme / "sprints" / "inbound-spike-conversion.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    hostile = " ".join(HOSTILE.values())
    data["trigger"]["signal"] = hostile
    data["checkins"][0]["note"] = hostile
    data["initiatives"][0]["action"] = hostile
    data["owner"]["teams"].append("<b>team</b>")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (acme / "sprints" / f"{CONTROL}.yaml").write_text("id: [broken\n", "utf-8")
    site = build_site_files(load_workspace(acme), DAY)
    assert any(p.startswith("teams/x-") for p in site)  # a hostile team id gets a hashed name
    for name, data_bytes in site.items():
        if not name.endswith(".html"):
            continue
        page = data_bytes.decode("utf-8")
        assert "<script>" not in page and "<b>team" not in page, name
        assert 'href="javascript:' not in page, name
        assert "\x1b" not in page and "\x07" not in page, name
    page = site["sprints/inbound-spike-conversion.html"].decode("utf-8")
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3
    assert page.count("[x](javascript:alert(1))") == 3  # shown as text, never a link
    assert page.count("{{ 7*7 }} {% raw %}") == 3  # not evaluated by the template engine
    index = site["index.html"].decode("utf-8")
    assert "bell\\x07esc\\x1b[31m.yaml: cannot be read" in index  # made visible
    as_json = json.loads(site["data.json"])
    signals = [s["trigger"]["signal"] for s in as_json["sprints"]]
    assert hostile in signals  # data.json keeps the text as it is (JSON escapes it)


def test_init_github_writes_the_pages_and_due_workflows(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)  # GitHub reads workflows only at the git root
    done = run_cli("--today", TODAY, "init", str(repo / "planning"), "--github")
    assert done.code == 0, done.stderr
    workflows = repo / ".github" / "workflows"
    workflow = yaml.safe_load((workflows / "microokr-pages.yml").read_text("utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]} and triggers["schedule"]
    build = workflow["jobs"]["build"]["steps"]
    site_step = next(step for step in build if "site" in step.get("run", ""))
    assert site_step["env"] == {"WORKSPACE": "planning"}  # through env, not ${{ }}
    assert site_step["run"] == (
        'microokr --workspace "$WORKSPACE" site --output _site --today "$(date -u +%Y-%m-%d)"'
    )
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa" in uses
    assert "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e" in uses
    assert all(len(u.split("@")[1]) == 40 for u in uses if u), uses  # every action by commit
    assert any(u.startswith("actions/checkout@11bd71901bbe") for u in uses)  # pinned
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert (workflows / "microokr-due.yml").is_file()
    assert "site/" in (repo / "planning" / ".gitignore").read_text("utf-8").splitlines()
    plain = run_cli("--today", TODAY, "init", str(tmp_path / "plain"))
    assert plain.code == 0 and not (tmp_path / "plain" / ".github").exists()
    again = run_cli("--today", TODAY, "init", str(repo / "other"), "--github")
    assert again.code == 1 and "refusing to overwrite" in again.stderr  # never overwritten


def test_outside_a_workspace_it_says_so_and_writes_nothing(tmp_path: Path) -> None:
    done = run_cli("--today", TODAY, "site", cwd=tmp_path)
    assert done.code != 0 and "no microokr.yaml" in done.stderr and "microokr init" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_values_show_exactly_as_in_the_file(acme: Path) -> None:
    # The site once rounded to four significant digits: a target of 1234.5 read "1234",
    # and 123456.789 "1.235e+05". It shows numbers as the CLI and the report do.
    path = acme / "sprints" / "west-pipeline-recovery.yaml"
    text = path.read_text("utf-8")
    text = text.replace("    baseline: 22\n", "    baseline: 0.00012\n", 1)
    text = text.replace("    target: 35\n", "    target: 123456.789\n", 1)
    path.write_text(text, "utf-8")
    page = build_site_files(load_workspace(acme), DAY)["sprints/west-pipeline-recovery.html"]
    shown = page.decode("utf-8")
    assert "0.00012" in shown and "123456.789" in shown
    assert "1.235e+05" not in shown
