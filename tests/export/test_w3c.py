#!/usr/bin/env python3
"""W3C Web Annotation export and import through the real gloss-cli:

- positions on a report with emoji, combining marks, a BOM and CRLF equal
  Python's str indices, and the quote selector holds the same text;
- import(export(x)) == x for the sample, generated overlapping annotations on
  it and that report;
- annotations from other tools: quote-only and position-only selectors, other
  bodies kept as notes, labels, creators, foreign and repeated ids, orphans;
- bad input is refused with exit 2 and a message naming where.
"""

import json
import uuid
from pathlib import Path

from export_support import Suite, codebook_tag, record, records, report_text, write_annotation_file

suite = Suite("w3c export and import")
work = suite.work
sample_report = suite.examples / "sample-report.txt"
sample_text = report_text(sample_report)


def items(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data["first"]["items"]


def selectors(annotation):
    found = {s["type"]: s for s in annotation["target"]["selector"]}
    return found["TextQuoteSelector"], found["TextPositionSelector"]


def round_trip(name, annotations, report):
    """Exports `annotations` (canonical, via json) as w3c, imports it back, compares records."""
    canonical = work / f"{name}.canonical.json"
    suite.export(annotations, report, "json", canonical)
    exported = work / f"{name}.w3c.jsonld"
    suite.export(canonical, report, "w3c", exported)
    imported = work / f"{name}.imported.json"
    suite.import_(exported, report, "w3c", imported)
    before, after = records(canonical), records(imported)
    suite.check(f"{name}: import(export(x)) == x for w3c ({len(before)} annotations)", before == after,
                str([(k, before.get(k), after.get(k)) for k in set(before) | set(after)
                     if before.get(k) != after.get(k)][:2]))
    suite.check(f"{name}: every annotation exported", len(items(exported)) == len(before))
    return canonical, exported


# [SECTION] Positions are code points, as Python counts them

unicode_report = work / "unicode-report.txt"
unicode_text = ("Staff said:\r\n“I felt invisible 😔 at every board meeting.”\r\n"
                "Café (cafe\u0301) staff 👩🏽‍⚕️ and 🇬🇧 nurses: “we are 𝒱𝒾𝓈𝒾𝒷𝓁ℯ now”.\r\n"
                "Ñandú, Zoë and Łukasz agreed — e\u0301e\u0301 — end.\r\n")
unicode_report.write_bytes(b"\xef\xbb\xbf" + unicode_text.encode("utf-8"))
quotes = ["I felt invisible 😔", "cafe\u0301", "👩🏽‍⚕️ and 🇬🇧 nurses", "𝒱𝒾𝓈𝒾𝒷𝓁ℯ", "e\u0301e\u0301 — end", "Staff"]
tags = [codebook_tag("voice", "Staff voice", "#d62728"), codebook_tag("belonging", "Belonging", "#1f77b4")]
unicode_records = []
for i, quote in enumerate(quotes):
    start = unicode_text.index(quote)
    unicode_records.append(record(unicode_text, start, start + len(quote), [tags[i % 2]["id"]],
                                  note=f"note {i} 😔", author="Zoë"))
# An orphan (its quote is in no version of the report) keeps its range and quote both ways.
unicode_records.append(record(unicode_text, 5, 5 + 27, ["voice"], note="lost"))
unicode_records[-1].update(quote="Quoted from an older report", prefix="before ", suffix=" after")
unicode_annotations = work / "unicode.json"
write_annotation_file(unicode_annotations, unicode_report, unicode_records, tags)
# One more made by gloss-cli itself, so the offsets are Gloss's own count.
tagged = suite.run("tag", unicode_report, "--annotations", unicode_annotations, "--quote", "Ñandú, Zoë", "--tag",
                   "voice", "--note", "added by gloss-cli", "--author", "Łukasz")
suite.check("gloss-cli tag adds an annotation to the unicode report", tagged.returncode == 0, tagged.stderr)

def utf16_units(text):
    return len(text.encode("utf-16-le")) // 2


def context_before(text, start):
    """The longest end of text[:start] of whole code points and at most 32 UTF-16 units."""
    begin = start
    while begin > 0 and utf16_units(text[begin - 1:start]) <= 32:
        begin -= 1
    return text[begin:start]


def context_after(text, end):
    stop = end
    while stop < len(text) and utf16_units(text[end:stop + 1]) <= 32:
        stop += 1
    return text[end:stop]


_, unicode_w3c = round_trip("unicode", unicode_annotations, unicode_report)
by_quote = {}
for annotation in items(unicode_w3c):
    quote, position = selectors(annotation)
    if quote["exact"] == "Quoted from an older report":
        continue
    by_quote[quote["exact"]] = position
    start, end = position["start"], position["end"]
    suite.check(f"TextQuoteSelector exact is text[start:end] for {quote['exact']!r}",
                unicode_text[start:end] == quote["exact"])
    # Hypothesis-style anchoring counts UTF-16 units and refuses patterns over 32.
    suite.check(f"prefix and suffix are the whole characters within 32 UTF-16 units around {quote['exact']!r}",
                quote.get("prefix", "") == context_before(unicode_text, start)
                and quote.get("suffix", "") == context_after(unicode_text, end)
                and utf16_units(quote.get("prefix", "")) <= 32 and utf16_units(quote.get("suffix", "")) <= 32,
                f"{quote.get('prefix')!r} {quote.get('suffix')!r}")
    suite.check(f"the context around {quote['exact']!r} is cut short only by a character outside the BMP",
                (utf16_units(quote.get("prefix", "")) >= 31 or len(quote.get("prefix", "")) == start) and
                (utf16_units(quote.get("suffix", "")) >= 31 or end + len(quote.get("suffix", "")) == len(unicode_text)))
for quote in quotes + ["Ñandú, Zoë"]:
    start = unicode_text.index(quote)
    suite.check(f"TextPositionSelector of {quote!r} is Python's str index ({start}, {start + len(quote)})",
                by_quote.get(quote) == {"type": "TextPositionSelector", "start": start, "end": start + len(quote)},
                str(by_quote.get(quote)))

# [SECTION] The mapping, on the sample

sample_canonical, sample_w3c = round_trip("sample", suite.examples / "sample-annotations.json", sample_report)
collection = json.loads(sample_w3c.read_text(encoding="utf-8"))
suite.check("the export is an AnnotationCollection with the anno.jsonld context",
            collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
            and collection["type"] == "AnnotationCollection" and collection["total"] == len(items(sample_w3c)))
canonical = json.loads(sample_canonical.read_text(encoding="utf-8"))
labels = {t["id"]: t["label"] for t in canonical["codebook"]["tags"]}
for gloss, annotation in zip(canonical["annotations"], items(sample_w3c)):
    bodies = annotation.get("body", [])
    tagging = [b for b in bodies if b["purpose"] == "tagging"]
    commenting = [b for b in bodies if b["purpose"] == "commenting"]
    ok = (annotation["id"] == "urn:uuid:" + gloss["id"] and annotation["type"] == "Annotation"
          and [b["value"] for b in tagging] == gloss["tags"]
          and all(b["type"] == "TextualBody" and b.get("label") == labels[b["value"]] for b in tagging)
          and [b["value"] for b in commenting] == ([gloss["note"]] if gloss["note"] else [])
          and annotation["creator"] == {"type": "Person", "name": gloss["author"]}
          and annotation["created"] == gloss["created"] and annotation["modified"] == gloss["modified"]
          and annotation["target"]["source"] == "nih:sha-256;" + canonical["report"]["sha256"])
    suite.check(f"sample annotation {gloss['id']} maps to W3C as documented", ok, json.dumps(annotation)[:300])
again = work / "sample.w3c-again.jsonld"
suite.export(sample_canonical, sample_report, "w3c", again)
suite.check("the w3c export is deterministic", again.read_bytes() == sample_w3c.read_bytes())

# [SECTION] Generated, overlapping annotations on the sample report

round_trip("generated", *suite.generated_files())

# [SECTION] Annotations from other tools

hypothesis_like = {
    "@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "id": "https://example.org/c/1",
    "first": {"type": "AnnotationPage", "id": "https://example.org/c/1/p1", "items": [{
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://example.org/anno/1", "type": "Annotation",
        "creator": {"type": "Person", "nickname": "ana"}, "created": "2016-09-22T12:00:00.000Z",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "pay-gap", "label": "Gender pay gap"},
                 {"type": "TextualBody", "purpose": "commenting", "value": "A comment."},
                 {"type": "TextualBody", "purpose": "describing", "value": "A description."},
                 {"id": "https://example.org/figure.png", "type": "Image"}],
        "target": {"source": "https://example.org/report.txt",
                   "selector": {"type": "TextQuoteSelector", "exact": "gender pay gap"}}}]},
    "next": None,
}
other = [
    {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
     "type": "Annotation", "bodyValue": "Only a position.", "creator": "https://example.org/people/eve",
     "target": {"source": "x:report", "selector": {"type": "TextPositionSelector", "start": 10, "end": 25}}},
    {"id": "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e", "type": "Annotation",
     "body": "https://example.org/a-link",
     "target": [{"source": "x:report", "selector": [
         {"type": "TextQuoteSelector", "exact": "This quote is not in the report at all"},
         {"type": "TextPositionSelector", "start": 100, "end": 138}]}]},
    {"type": "Annotation", "created": "yesterday",
     "body": {"type": "Choice", "items": [{"type": "TextualBody", "value": "first choice"},
                                          {"type": "TextualBody", "value": "second choice"}]},
     "target": {"source": "x:report", "selector": {"type": "TextQuoteSelector", "exact": "NHS"}}},
]
# A quote found twice: the prefix picks the second occurrence.
repeated = next(w for w in ("NHS", "staff", "the") if sample_text.count(w) >= 2)
second = sample_text.index(repeated, sample_text.index(repeated) + 1)
other.append({"type": "Annotation", "target": {"source": "x:report", "selector": {
    "type": "TextQuoteSelector", "exact": repeated, "prefix": sample_text[second - 20:second],
    "suffix": sample_text[second + len(repeated):second + len(repeated) + 20]}}})

foreign = work / "hypothesis.jsonld"
foreign.write_text(json.dumps(hypothesis_like), encoding="utf-8")
imported = work / "hypothesis.json"
suite.import_(foreign, sample_report, "w3c", imported)
data = json.loads(imported.read_text(encoding="utf-8"))
first = data["annotations"][0] if data["annotations"] else {}
start = sample_text.find("gender pay gap")
suite.check("a quote-only annotation is placed where the quote is", start >= 0 and
            (first.get("start"), first.get("end"), first.get("status")) == (start, start + 14, "anchored"), str(first))
suite.check("a foreign id becomes a new UUID v4", uuid.UUID(first.get("id", "0" * 32)).version == 4)
suite.check("tagging bodies become tags, other bodies the note",
            first.get("tags") == ["pay-gap"] and
            first.get("note") == "A comment.\n\nA description.\n\nhttps://example.org/figure.png", str(first))
suite.check("the creator's nickname becomes the author, created is kept",
            first.get("author") == "ana" and first.get("created") == "2016-09-22T12:00:00.000Z")
suite.check("the embedded codebook has the tag with the body's label",
            [(t["id"], t["label"]) for t in data["codebook"]["tags"]] == [("pay-gap", "Gender pay gap")])

foreign = work / "other-tools.json"
foreign.write_text(json.dumps(other), encoding="utf-8")
imported = work / "other-tools.imported.json"
suite.import_(foreign, sample_report, "w3c", imported)
got = json.loads(imported.read_text(encoding="utf-8"))["annotations"]
by_note = {a["note"]: a for a in got}
position_only = by_note.get("Only a position.", {})
suite.check("a position-only annotation takes its quote from the report",
            (position_only.get("start"), position_only.get("end"), position_only.get("quote")) ==
            (10, 25, sample_text[10:25]), str(position_only))
suite.check("a urn:uuid id is kept, a creator IRI becomes the author",
            position_only.get("id") == "0f8fad5b-d9cb-469f-a165-70867728950e"
            and position_only.get("author") == "https://example.org/people/eve")
orphan = by_note.get("https://example.org/a-link", {})
suite.check("a quote found nowhere is kept as an orphan with its quote",
            orphan.get("status") == "orphaned" and orphan.get("quote") == "This quote is not in the report at all",
            str(orphan))
suite.check("a repeated urn:uuid id gets a new one",
            orphan.get("id") not in (None, "0f8fad5b-d9cb-469f-a165-70867728950e"))
choice = by_note.get("first choice\n\nsecond choice", {})
suite.check("the items of a Choice body become the note; a bad date is left out",
            choice.get("start") == sample_text.index("NHS") and choice.get("created") == "", str(choice))
chosen = [a for a in got if a["quote"] == repeated and a["note"] == ""]
suite.check("prefix and suffix pick the matching occurrence of a repeated quote",
            [a["start"] for a in chosen] == [second], f"{[a['start'] for a in chosen]} != [{second}]")

# [SECTION] Bad input

bad_inputs = {
    "not-json": ("{\"type\": ", "line 1"),
    "no-target": ('[{"type": "Annotation", "bodyValue": "x"}]', "[0].target: missing"),
    "no-selector": ('{"type": "Annotation", "target": "https://example.org/doc"}',
                    "target: no TextQuoteSelector or TextPositionSelector"),
    "bad-position": ('{"type": "Annotation", "target": {"source": "x:r", "selector": '
                     '{"type": "TextPositionSelector", "start": 5, "end": 99999999}}}',
                     "target.selector.end: 99999999 is past the end of the report"),
    "linked-page": ('{"type": "AnnotationCollection", "first": "https://example.org/page1"}',
                    "first: a link to a page"),
    "gloss-file": (sample_canonical.read_text(encoding="utf-8"), "--format json"),
    "too-deep": ("[" * 100 + "]" * 100, "nesting deeper than 64"),
}
for name, (content, message) in bad_inputs.items():
    path = work / f"bad-{name}.jsonld"
    path.write_text(content, encoding="utf-8")
    out = work / f"bad-{name}.json"
    done = suite.import_(path, sample_report, "w3c", out, expect=2)
    suite.check(f"import of {name} says {message!r}", message in done.stderr, done.stderr.strip())
    suite.check(f"import of {name} writes nothing", not out.exists())

suite.finish()
