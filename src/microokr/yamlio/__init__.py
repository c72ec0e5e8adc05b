"""YAML in and out of sprint files; the one place that reads, renders or writes YAML.

- `read`: the fast, safe read path (libyaml nodes, YAML 1.2 values, positions on demand);
  `values` builds values from nodes refusing unsafe ones, `scalars` resolves plain scalars;
- `layout`: where things are in a file's text and how it indents;
- `render`: the one emitter (new blocks for edits, the scalars `new` writes);
  `sprint_text` writes the drafted sprint of `new`;
- `splice` and `edits`: edits as pure functions from text to text, proven by re-reading;
- `files`: atomic writes, BOM, stale temporaries; `locking`: an edit applied to a
  file under its lock.

Nothing is imported here, so that `import microokr.yamlio.read` stays cheap.
"""
