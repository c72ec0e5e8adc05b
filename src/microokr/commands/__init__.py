"""Thin typer commands: parse options, call the library, print, return an exit code."""
