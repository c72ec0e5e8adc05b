"""microokr: lint, draft, check in and close Micro-OKR sprints kept as YAML files."""

__version__ = "0.1.0"
