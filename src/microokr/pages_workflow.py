"""The GitHub workflow that `init --github` writes to publish `microokr site` to Pages.

On every push to main and once a day (so "days left" and stale check-ins stay current)
it builds the site with `--today` from the run's date and deploys it with the standard
Pages actions. The workspace's folder reaches the script through `env:`, never through
`${{ }}` inside `run:`.
"""

from __future__ import annotations

import json

from microokr.due_workflow import CHECKOUT, SETUP_PYTHON

PAGES_PATH = ".github/workflows/microokr-pages.yml"
# Pinned by commit, as zizmor asks (a tag can be moved); the comment names the release.
UPLOAD = "actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa  # v3.0.1"
DEPLOY = "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e  # v4.0.5"


def pages_workflow(workspace: str = ".") -> str:
    """The workflow text for a workspace at `workspace` (relative to the git root)."""
    return f"""\
# Publishes `microokr site` to GitHub Pages on every push to main and once a day.
# Repository settings -> Pages -> Source: GitHub Actions. Written by `microokr init --github`.
name: microokr pages

on:
  push:
    branches: [main]
  schedule:
    - cron: "17 5 * * *"
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: microokr-pages
  cancel-in-progress: true

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: {CHECKOUT}
        with:
          fetch-depth: 0  # all of it: the pages show goalposts moved since the first check-in
      - uses: {SETUP_PYTHON}
        with:
          python-version: "3.12"
      # microokr is not on the package index yet: install it from its repository.
      - run: pip install "git+https://github.com/microokr/microokr@main"
      - name: Build the site as of the run's date
        env:
          WORKSPACE: {json.dumps(workspace)}
        run: microokr --workspace "$WORKSPACE" site --output _site --today "$(date -u +%Y-%m-%d)"
      - uses: {UPLOAD}
        with:
          path: _site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: {DEPLOY}
"""
