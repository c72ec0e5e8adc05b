"""The steps of the protocol, in the order `microokr new` asks them.

Each step is a function of the `Walk`: it explains itself through the prompter,
takes its answers with `walk.answer`, tries them with `walk.verify` (the rules
that judge that part of a sprint) and stores what it accepted in `walk.data`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from microokr.drafting.steps.anchor import anchor
from microokr.drafting.steps.identify import identify
from microokr.drafting.steps.initiatives import initiatives
from microokr.drafting.steps.key_results import key_results
from microokr.drafting.steps.objective import condition, objective
from microokr.drafting.steps.ownership import cadence, ownership, window
from microokr.drafting.steps.plan import integrated_plan
from microokr.drafting.steps.trigger import decision, trigger

if TYPE_CHECKING:
    from microokr.drafting.walk import Walk

STEPS: tuple[Callable[[Walk], None], ...] = (
    decision,  # the decision test: a commitment, not a plan
    trigger,  # 1. the signal
    anchor,  # 2. the Anchor KR
    condition,  # 3. the desired condition
    objective,  # 4. the Objective and its three tests
    key_results,  # 5. 2-3 Key Results
    initiatives,  # what each team will do
    window,  # 6. duration,
    ownership,  #    owning teams and lead,
    cadence,  #      check-ins
    integrated_plan,  # a joint sprint's roles, contacts, due dates and dependencies
    identify,  # the sprint id (and so the file name)
)
