"""The command tree's shared parts, defined once: global options, honest help, completion.

`MicrookrGroup` is typer's group with three additions made when the tree is built:
every command accepts the group's global options (`-w/--workspace`, `--today`,
`--no-color`) after its name as well as before it (the same option objects, so
one definition); every metavar says what to type (`DATE`, `SPRINT`, `[DIR]`,
`PATH...`), never a Python type (`<str>`, `<bool>`); and SPRINT, `--team` and
`rules CODE` complete from the workspace and the rule catalog.

Commands are built lazily (`MicrookrGroup.modules`): `microokr lint` imports only
`commands/lint.py`, never the modules of the other commands; `--help`, the
did-you-mean of a mistyped command and completion still see every name.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any, ClassVar

from typer._click.core import ParameterSource
from typer._click.shell_completion import CompletionItem
from typer.core import TyperGroup, TyperOption

GLOBAL_OPTIONS = ("workspace", "today", "no_color")

METAVARS = {
    "workspace": "DIR",
    "today": "DATE",
    "date": "DATE",
    "answers": "FILE",
    "output": "PATH",
    "team": "TEAM",
    "attendee": "TEAM",
}
"""Metavars of options declared without one, by parameter name; others read TEXT."""


def _store_global(ctx: Any, param: Any, value: Any) -> None:
    """A global option given after the command: it sets what the group's would have."""
    from microokr.commands.common import Globals, parse_date

    if ctx.get_parameter_source(param.name) is not ParameterSource.COMMANDLINE:
        return
    if param.name == "today" and value:
        parse_date(value, option="--today")
    root = ctx.find_root()
    current = root.obj if isinstance(root.obj, Globals) else Globals()
    root.obj = dataclasses.replace(current, **{param.name: value})


def _no_type(ctx: Any) -> None:
    return None


def _honest(param: Any) -> None:
    """Help that says what to type: names for arguments, words for values, none for flags."""
    if param.param_type_name == "argument":
        name = (param.metavar or param.name or "").strip("[]").upper()
        name = {"DIRECTORY": "DIR", "PATHS": "PATH"}.get(name, name)
        param.metavar = name
        usage = name if param.required else f"[{name}]"
        usage += "..." if param.nargs != 1 else ""
        param._usage_display_name = lambda: usage
        param.display_type_rich = _no_type
        return
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        param.display_type_rich = _no_type
        return
    described = getattr(param, "type_descriptor", None)
    choices = described.choices if described is not None and described.is_choice else None
    if param.metavar is None and choices:
        param.metavar = "|".join(str(getattr(c, "value", c)) for c in choices)
    elif param.metavar is None:
        param.metavar = METAVARS.get(param.name or "", "TEXT")


def _completer(name: str | None) -> Callable[[Any, Any, str], list[CompletionItem]] | None:
    return {"sprint": _sprint_ids, "team": _team_ids, "code": _rule_codes}.get(name or "")


def _workspace_of(ctx: Any) -> Any:
    from microokr.workspace import find_root, load_workspace

    root_params = ctx.find_root().params
    explicit = root_params.get("workspace") or ctx.params.get("workspace")
    root = Path(explicit) if explicit else find_root(Path.cwd())
    return load_workspace(root) if root is not None else None


def _sprint_ids(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
    workspace = _workspace_of(ctx)
    ids = [] if workspace is None else [s.id for _, s in workspace.sprints()]
    return [CompletionItem(i) for i in sorted(ids) if i.startswith(incomplete)]


def _team_ids(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
    workspace = _workspace_of(ctx)
    teams: set[str] = set(workspace.teams or {}) if workspace is not None else set()
    if workspace is not None:
        teams.update(t for _, s in workspace.sprints() for t in s.owner.teams)
    return [CompletionItem(t) for t in sorted(teams) if t.startswith(incomplete)]


def _rule_codes(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
    from microokr.rules.base import all_rules

    words = [w for rule in all_rules() for w in (rule.code, rule.name)]
    return [CompletionItem(w) for w in words if w.lower().startswith(incomplete.lower())]


def _with_completion(param: Any, complete: Callable[[Any, Any, str], list[CompletionItem]]) -> None:
    def shell_complete(ctx: Any, incomplete: str) -> list[CompletionItem]:
        try:
            return complete(ctx, param, incomplete)
        except Exception:  # completion must never print a traceback into a shell
            return []

    param.shell_complete = shell_complete


def _flag_type(self: TyperOption, ctx: Any) -> str | None:
    """A flag takes no value, so its help shows none (typer would print `<bool>`)."""
    return None if self.is_flag else _TYPED(self, ctx)


# Patched on the class: --help and --install-completion are made after the tree is
# built, per context, so no instance-level fix reaches them.
_TYPED = TyperOption.display_type_rich
TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]


class _LazyCommands(MutableMapping[str, Any]):
    """The group's command table: every name is known, a command is built on first use."""

    def __init__(self, names: list[str], build: Callable[[str], Any]) -> None:
        self._names = names
        self._built: dict[str, Any] = {}
        self._build = build

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._names:
                raise KeyError(name)
            self._built[name] = self._build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names


class MicrookrGroup(TyperGroup):
    modules: ClassVar[dict[str, str]] = {}
    """Command name -> module of `microokr.commands` whose `register(app)` defines it."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._shared = [p for p in self.params if p.name in GLOBAL_OPTIONS]
        for param in self.params:
            _honest(param)
        eager = dict(self.commands)
        self.commands = _LazyCommands([*eager, *self.modules], self._load)
        for name, command in eager.items():
            self.commands[name] = self._adapt(command)

    def _load(self, name: str) -> Any:
        import typer
        from typer.main import get_command_from_info

        module = importlib.import_module(f"microokr.commands.{self.modules[name]}")
        holder = typer.Typer()
        module.register(holder)
        (info,) = holder.registered_commands
        built = get_command_from_info(
            info, pretty_exceptions_short=True, rich_markup_mode=self.rich_markup_mode
        )
        return self._adapt(built)

    def _adapt(self, command: Any) -> Any:
        for param in self._shared:
            local = copy.copy(param)
            local.callback = _store_global
            local.expose_value = False
            local.envvar = None
            command.params.append(local)
        for param in command.params:
            _honest(param)
            complete = _completer(param.name)
            if complete is not None:
                _with_completion(param, complete)
        return command
