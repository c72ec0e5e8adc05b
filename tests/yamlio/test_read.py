"""The read path: values per YAML 1.2, positions, and every class of bad input."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from microokr.yamlio.read import MAX_DEPTH, read_yaml


def codes(raw: bytes) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in read_yaml(raw).problems]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("010", 10),
        ("0o10", 8),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("1:20", "1:20"),
        ("21.2", 21.2),
        ("-3", -3),
        ("+4.5e1", 45.0),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("2026-07-14", dt.date(2026, 7, 14)),
        ("2026-02-30", "2026-02-30"),
        ("'22'", "22"),
        ('"true"', "true"),
        ("!!str 5", "5"),
        ("!!float 5", 5.0),
    ],
)
def test_scalars_resolve_per_yaml_1_2(text: str, value: object) -> None:
    data = read_yaml(f"key: {text}\n".encode()).data
    assert data == {"key": value}
    assert type(data["key"]) is type(value)


def test_special_floats() -> None:
    data = read_yaml(b"a: .inf\nb: -.Inf\nc: .NaN\n").data
    assert data["a"] == math.inf and data["b"] == -math.inf and math.isnan(data["c"])


def test_positions_are_one_based_and_point_at_values_or_keys() -> None:
    text = b"id: x\nkey_results:\n  - id: kr1\n    statement: Increase it\n    baseline:   22\n"
    doc = read_yaml(text)
    assert doc.locate(("key_results", 0, "baseline")) == (5, 17)
    assert doc.locate(("key_results", 0, "baseline"), key=True) == (5, 5)
    assert doc.locate(("key_results", 0)) == (3, 5)
    # a missing field: the deepest part that exists
    assert doc.locate(("key_results", 0, "target")) == (3, 5)
    assert doc.locate(("nothing", "here")) == (1, 1)


def test_a_value_on_line_17_column_12_is_reported_there() -> None:
    lines = [f"# comment {n}" for n in range(16)] + ["window: {a: 1, start: bad}"]
    doc = read_yaml("\n".join(lines).encode())
    assert doc.locate(("window", "start")) == (17, 23)
    lines[-1] = "k:         [1, 2]"
    assert read_yaml("\n".join(lines).encode()).locate(("k",)) == (17, 12)


def test_syntax_error_has_the_parser_position() -> None:
    assert codes(b"a: 1\nb: [1, 2\nc: 3\n") == [("MO001", 3, 2)]
    problem = read_yaml(b"a: 1\nb: [1, 2\nc: 3\n").problems[0]
    assert problem.message.startswith("invalid YAML:")


def test_duplicate_key_reported_at_the_second_with_the_first_line() -> None:
    doc = read_yaml(b"window:\n  start: 2026-07-14\n  start: 2026-07-15\n")
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("MO002", 3, 3)]
    assert "line 2" in doc.problems[0].message
    assert doc.data == {"window": {"start": dt.date(2026, 7, 14)}}


def test_object_constructing_tags_are_refused_not_run() -> None:
    doc = read_yaml(b"id: !!python/object/apply:os.system ['echo pwned']\n")
    assert doc.aborted and doc.data is None
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("MO007", 1, 5)]
    assert "!!python/object/apply:os.system" in doc.problems[0].message


def test_unknown_local_tag_is_refused() -> None:
    assert codes(b"id: !custom x\n")[0][0] == "MO007"


def test_billion_laughs_is_refused_quickly() -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        rows.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    doc = read_yaml("\n".join(rows).encode())
    assert doc.aborted
    assert doc.problems[0].code == "MO007" and "alias" in doc.problems[0].message


def test_recursive_alias_is_refused() -> None:
    assert codes(b"a: &a [*a]\n") == [("MO007", 1, 4)]


def test_small_aliases_are_fine() -> None:
    assert read_yaml(b"a: &x [1, 2]\nb: *x\n").data == {"a": [1, 2], "b": [1, 2]}


def test_deep_nesting_is_refused() -> None:
    deep = b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5)
    assert codes(deep)[0][0] == "MO007"
    deeper = b"[" * 10_000 + b"]" * 10_000
    assert codes(deeper)[0][0] == "MO007"


def test_non_utf8_bytes_are_located() -> None:
    doc = read_yaml(b"id: ok\nnote: caf\xe9 au lait\n")
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("MO007", 2, 10)]
    assert "0xe9" in doc.problems[0].message and "UTF-8" in doc.problems[0].message


def test_utf16_is_refused_with_advice() -> None:
    doc = read_yaml("id: x\n".encode("utf-16"))
    assert doc.problems[0].code == "MO007" and "UTF-16" in doc.problems[0].message


def test_utf8_bom_is_accepted() -> None:
    assert read_yaml(b"\xef\xbb\xbfid: x\n").data == {"id": "x"}


def test_size_limit() -> None:
    doc = read_yaml(b"a: " + b"x" * 100, max_bytes=50)
    assert doc.aborted and doc.problems[0].code == "MO007"
    assert "over the 50-byte limit" in doc.problems[0].message


def test_control_characters_are_a_syntax_error_with_position() -> None:
    assert codes(b"a: ok\nb: x\x01y\n") == [("MO001", 2, 5)]


def test_several_documents_are_refused() -> None:
    doc = read_yaml(b"a: 1\n---\nb: 2\n")
    assert (
        doc.problems[0].code == "MO001" and "more than one YAML document" in doc.problems[0].message
    )


def test_empty_file_is_none_without_problems() -> None:
    doc = read_yaml(b"")
    assert doc.data is None and not doc.problems and not doc.aborted


def test_complex_keys_are_refused() -> None:
    assert codes(b"? [a, b]\n: 1\n")[0][0] == "MO004"


def test_huge_integers_stay_text_for_the_model_to_refuse() -> None:
    assert read_yaml(b"a: " + b"9" * 5000 + b"\n").data == {"a": "9" * 5000}


@pytest.mark.parametrize("escape", ["\\e[31m", "\\x07", "\\u202e", "\\x9b"])
def test_control_characters_smuggled_in_double_quotes_are_refused(escape: str) -> None:
    doc = read_yaml(f'team: "sales{escape}west"\n'.encode())
    assert doc.aborted
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("MO004", 1, 7)]
    assert "control character" in doc.problems[0].message


def test_tabs_and_newlines_in_quotes_are_text() -> None:
    assert read_yaml(b'note: "a\\tb\\nc"\n').data == {"note": "a\tb\nc"}


def test_a_huge_flat_file_is_refused_while_it_is_composed() -> None:
    doc = read_yaml(b"a: [" + b"1, " * 300_000 + b"1]\n")
    assert doc.aborted and doc.problems[0].code == "MO007"
    assert "more than 50,000 values" in doc.problems[0].message


def test_a_large_but_sane_file_is_read() -> None:
    assert len(read_yaml(b"a: [" + b"1, " * 20_000 + b"1]\n").data["a"]) == 20_001


@pytest.mark.parametrize(
    "text",
    [
        b"extra: !<microokr:plain> [x]\n",
        b'id: !<microokr:plain> "007"\n',
        b"!<microokr:plain> a: 1\n",
    ],
)
def test_the_readers_own_plain_tag_cannot_be_written(text: bytes) -> None:
    # The reader marks plain scalars with an object no YAML text spells: written as a
    # tag, it is one more unknown tag (it made a list "plain", and "007" the number 7).
    doc = read_yaml(text)
    assert doc.aborted and doc.data is None
    assert [p.code for p in doc.problems] == ["MO007"]
    assert "microokr:plain" in doc.problems[0].message


@pytest.mark.parametrize(("tag", "line"), [("!!map", 1), ("!!seq", 1)])
def test_a_collection_tag_on_a_scalar_is_refused(tag: str, line: int) -> None:
    doc = read_yaml(f"id: {tag} x\n".encode())
    assert doc.aborted
    assert [(p.code, p.line) for p in doc.problems] == [("MO004", line)]
    assert f"not a valid {tag}" in doc.problems[0].message
