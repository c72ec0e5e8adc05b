"""`microokr schema`: the JSON Schemas of the three file kinds, from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from microokr.formatting import one_line


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)


def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the schemas into this folder."),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Argument(help="config, okr or sprint (default: all three, with --output)."),
    ] = None,
) -> int:
    """Print or write the JSON Schemas generated from the models (never by hand).

    Example: microokr schema --output .microokr/schemas  (refresh a workspace's copy)
    """
    import json

    from microokr.errors import UsageError
    from microokr.schemas import SCHEMA_FILES, generate, schema_text
    from microokr.yamlio.files import atomic_write

    schemas = generate()
    if kind is not None and kind not in schemas:
        raise UsageError(f"unknown schema '{kind:.20}': use one of {', '.join(schemas)}")
    if output is None:
        chosen = schemas[kind] if kind else schemas
        print(json.dumps(chosen, indent=2, ensure_ascii=False))
        return 0
    _make_folder(output)
    for name, document in schemas.items():
        if kind in (None, name):
            path = output / SCHEMA_FILES[name]
            atomic_write(path, schema_text(document).encode())
            print(f"wrote {one_line(str(path))}")
    return 0


def _make_folder(output: Path) -> None:
    """`--output` names a folder; a file there (or no way to create it) is one sentence."""
    from microokr.errors import UsageError, WriteError

    if output.exists() and not output.is_dir():
        raise UsageError(
            f"--output {output} is a file, not a folder: name a folder for the schemas"
        )
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise WriteError(f"could not create the folder {output}: {reason}") from None
