"""Step 2: name the Anchor KR, an existing KR of the workspace's OKR files.

The KRs are listed with their owner and numbers so that the choice is made on
what the OKR files say. "None fits" stops the walk: without an anchor this is an
Initiative or a revision of the Tactical OKR, not a sprint. MO202/MO203/MO205 check
the choice (a closed period, an anchor owned by no team, one owned by several).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from microokr.drafting.answers import AnswerError
from microokr.errors import RefusedError
from microokr.formatting import did_you_mean, number

if TYPE_CHECKING:
    from microokr.drafting.walk import Walk

NONE_FITS = "none"
NO_ANCHOR_ADVICE = (
    "without an Anchor KR this is not a Micro-OKR: write an Initiative, or revise the "
    "Tactical OKR if no existing KR fits (nothing was written)"
)


def anchor(walk: Walk) -> None:
    walk.io.step(
        "Step 2 of 6: name the Anchor KR",
        "The sprint serves an existing Tactical or Strategic KR of your OKR files. "
        "If none fits, this is not a Micro-OKR.",
    )
    refs = list(walk.workspace.key_results.values())
    if not refs:
        raise RefusedError(
            "the workspace has no OKR file with key results to anchor to: add your "
            f"quarterly OKRs under {walk.workspace.config.okrs}/, or write an Initiative "
            "(nothing was written)"
        )
    rows = []
    for ref in refs:
        kr = ref.key_result
        owner = ref.owner if isinstance(ref.owner, str) else ", ".join(ref.owner or [])
        numbers = " → ".join(
            "?" if v is None else number(v) for v in (kr.baseline, kr.current, kr.target)
        )
        unit = f" {kr.unit}" if kr.unit else ""
        rows.append((kr.id, f"{kr.statement} (owner {owner or '?'}; {numbers}{unit})"))
    rows.append((NONE_FITS, "none of these fits"))
    walk.io.choices(rows)
    ids = [ref.key_result.id for ref in refs]

    def parse_anchor(raw: Any) -> str:
        text = str(raw).strip()
        if (text.isdigit() and int(text) == len(ids) + 1) or text.lower() in {NONE_FITS, "0"}:
            return NONE_FITS
        if text.isdigit() and 1 <= int(text) <= len(ids):
            return ids[int(text) - 1]
        if text in ids:
            return text
        close = did_you_mean(text, ids)
        hint = f" ({close})" if close else ""
        raise AnswerError(
            f"'{text:.40}' is not one of the KRs listed{hint}: answer with its number or id, "
            f"or {len(ids) + 1} if none fits"
        )

    while True:
        chosen = walk.answer(("anchor_kr",), "Anchor KR (number or id)", parse_anchor)
        if chosen == NONE_FITS:
            raise RefusedError(NO_ANCHOR_ADVICE)
        if walk.verify(walk.candidate(anchor_kr=chosen), ("anchor_kr",)):
            break
    walk.data["anchor_kr"] = chosen
