"""The lint rule catalog, MO001-MO802: one module per series, registered on import."""

from microokr.rules import (  # noqa: F401  (importing registers the rules)
    mo0_files,
    mo1_trigger,
    mo2_anchor,
    mo3_condition,
    mo4_objective,
    mo5_key_results,
    mo6_window_owner,
    mo7_governance,
    mo8_not_micro_okr,
)
