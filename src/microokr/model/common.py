"""Field types shared by the three file kinds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictFloat, StrictInt

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
Number = StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)]
