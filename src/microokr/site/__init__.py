"""`microokr site`: the static HTML dashboard (build, templates, charts, output)."""
