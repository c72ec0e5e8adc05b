"""File names for the site's pages: safe, unique, stable for one workspace.

Sprint and KR ids are slugs, but team ids and OKR file names are free text from the
checkout; a name that is not a plain slug (or that would collide with another one on
a case-insensitive disk) gets a short hash instead, so no page name can climb out of
the output folder, hide as a dot-file or overwrite another page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


class Names:
    """Allocates `folder/<name>.html` once per key; the same key always gets one name."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._by_key: dict[str, str] = {}
        self._taken: set[str] = set()
        self.frozen = False
        """Set in a helper process (`site/share.py`): a key not named yet is an error
        there, not a new name the main process would not know of."""

    def __call__(self, key: str, stem: str | None = None) -> str:
        """The page of `key` (named after `stem`, default the key itself)."""
        if key in self._by_key:
            return self._by_key[key]
        if self.frozen:
            raise LookupError(f"{key!r} was not named before the names were frozen")
        wanted = key if stem is None else stem
        stem = wanted if _PLAIN.fullmatch(wanted) else "x-" + _digest(key)
        if stem.lower() in self._taken:
            stem = f"{stem[:60]}-{_digest(key)}"
        self._taken.add(stem.lower())
        path = f"{self.folder}/{stem}.html"
        self._by_key[key] = path
        return path

    def settle(self, keys: Iterable[str]) -> bool:
        """Name all of `keys` now, if the order they are asked in cannot matter: no two of
        them (nor a name given already) want the same name, so none gets a hashed one for
        being second. Then a process that names only some of them, in any order, gives
        each the name a single run would. False, and nothing named, otherwise."""
        wanted = {
            key: (key if _PLAIN.fullmatch(key) else "x-" + _digest(key)).lower()
            for key in dict.fromkeys(keys)
            if key not in self._by_key
        }
        stems = set(wanted.values())
        if len(stems) != len(wanted) or stems & self._taken:
            return False
        for key in wanted:
            self(key)
        return True


def _digest(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def relative(from_page: str, to_page: str) -> str:
    """The relative link from one output file to another (both relative to the site root)."""
    depth = from_page.count("/")
    return "../" * depth + to_page


_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\"'<>\\`]+", re.ASCII)


def check_base_url(url: str | None) -> str | None:
    """`--base-url`: an http(s) URL without spaces or quotes, ending in "/"."""
    from microokr.errors import UsageError

    if url is None or url == "":
        return None
    if not _URL.fullmatch(url):
        raise UsageError(f"--base-url '{url:.60}' is not an http:// or https:// URL")
    return url if url.endswith("/") else url + "/"
