"""Field types shared by the three file kinds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
)

SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class Strict(BaseModel):
    """Unknown keys are errors (a typo never drops data); values keep their types."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _iso_date(value: Any) -> Any:
    # The reader turns valid ISO dates into `date`; a quoted date is accepted too.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value:.40}' is not a date: write YYYY-MM-DD") from None
    if isinstance(value, dt.datetime):
        raise ValueError("a date has no time of day: write YYYY-MM-DD")
    return value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=128)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]


def _computable(value: int | float) -> int | float:
    # An integer like 10**400 is valid YAML but beyond any float: every progress or
    # pace computation with it would fail, so the file is refused here instead.
    try:
        float(value)
    except OverflowError:
        raise ValueError("the number is too large: keep it below 1e308") from None
    return value


Number = Annotated[
    StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)], AfterValidator(_computable)
]
