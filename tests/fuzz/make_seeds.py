#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/TARGET/) from the test
fixtures, the sample corpus and the shipped synonym lists. Run from anywhere; the seeds
are committed, so run it again only when the fixtures change."""
import hashlib
import json
import pathlib

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent
corpus = here / "corpus"


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


lines = []
for path in [root / "tests/fixtures/variants.jsonl", root / "indexer/sample/sample.jsonl"]:
    lines += [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]

# JSONL records: every fixture line, and the bad lines the tests plant.
for line in lines:
    write("record", line)
for bad in ['{"id": "b", "body": "broken"', '{"title": "no id", "body": "x"}', '{"id": "c", "body": "bad \\u0000"}',
            '{"id": "d", "title": "", "body": "  "}', '{"id": "e", "body": "x", "colour": "red"}',
            '{"id": "f", "body": "x", "date": "2007-02-31"}', '{"id": "g", "body": 5}',
            '{"id": "h", "body": "x", "meta": {"a": [[[{"b": null}]]]}}',
            'TA title line\nThe body of a .txt document about Basrah.\n']:
    write("record", bad)

# Whole files, by the first byte: T text (any encoding), H HTML, E an e-mail message.
files = root / "tests/fixtures/files"
for prefix, path in [(b"T", "text/latin1.txt"), (b"T", "text/arabic-1256.txt"), (b"H", "web/article.html"),
                     (b"E", "mail/memo.eml")]:
    write("record", prefix + (files / path).read_bytes())
write("record", b"E" + (root / "tests/fixtures/bad-files/not-mail.eml").read_bytes())
write("record", b"H<html><head><meta charset=windows-1252><title>R\xe9sum\xe9</title></head>"
                b"<body><table><tr><td>a<td>b</table><script>x<y</script>&amp;&#8217;&eacute;</body></html>")

# Analyzer text: titles and bodies.
for line in lines:
    doc = json.loads(line)
    write("analyzer", doc.get("title", "") + "\n" + doc.get("body", "")[:3000])
for text in ["Shi'a Shi\u2019a Shi\u2018a Shi\u02bfa al\u2011Sadr MNF-I", "JAM jam JAMs JAM's ISF ISFs", "\ufdfa" * 8,
             "ṢADR Ṣadr as-Sadr al-Ṣadr", "IRAQI SECURITY FORCES (ISF) IN BASRA", "F-16 9-11 A380s 1990s Basra12"]:
    write("analyzer", text)

# Queries.
for q in ["Shia", "Shi'a OR Basra", "\"Jaish al-Mahdi militia\"", "Basra NOT JAM", "Basra -jam", "+Sadr +Basra",
          "(Basra OR Najaf) AND Shia", "title:Basra", "title:\"Mahdi Army\"", "source:cables Shia",
          "year:2007 Basra", "date:2007-03..2008", "date:..2007-12-31 Sadr", "id:fx/01", "NOT (Basra OR (Najaf AND jam))",
          "Moqtada \u201cal-Sadr\u201d", "MNF-I Shia-led Abu-Risha", "2007 elections", "((Basra)", "Basra)", "NOT"]:
    write("query", q)

# Synonym lists.
for path in sorted((root / "tests/fixtures/lint").glob("*.yaml")) + sorted((root / "synonyms").glob("*.yaml")):
    write("yaml", path.read_bytes())
write("yaml", "version: 1\nfamilies:\n  - {id: a, kind: group, variants: [Alpha Group], broader: [b]}\n"
              "  - {id: b, kind: group, variants: [Beta Group], broader: [a]}\n")
