#!/usr/bin/env python3
"""brat, Label Studio and doccano through the real gloss-cli, on a report with
emoji (ZWJ sequences, skin tones, flags), mathematical letters, combining
marks and CRLF:

- each export puts every annotation on its text as the target tool counts:
  Python str slicing for brat (its fragments) and for code-point outputs
  (Label Studio's default, doccano --positions codepoints), JavaScript string
  slicing through node for UTF-16 outputs (doccano's default, Label Studio
  --positions utf16);
- each export imports back to the same spans, tags and (brat, Label Studio)
  notes;
- files shaped like the tools' own (a brat .ann with a discontinuous span,
  relations, attributes and notes; a Label Studio export with short region
  ids, a per-region TextArea, a choices result, and one of an older version
  counting UTF-16; doccano JSONL of several documents, in its "label" and
  older "entities" shapes) import onto the right text;
- files for another text, spans past the end and options given to formats
  that have no use for them are refused with exit 2 and no output.
"""

import json
import subprocess

from export_support import Suite, codebook_tag, record, write_annotation_file

suite = Suite("brat, Label Studio and doccano")
work = suite.work
node = suite.tool("node", "nodejs")

TEXT = ("Zoë said 😔 the pay gap\r\nstayed for years 👩🏽‍⚕️ and 🇬🇧 nurses; “we are 𝒱𝒾𝓈𝒾𝒷𝓁ℯ now”.\r\n"
        "Café (cafe\u0301) 👨‍👩‍👧 families — end\n")
report = work / "report.txt"
report.write_bytes(TEXT.encode("utf-8"))


def span(quote, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(quote, start + 1)
    return start, start + len(quote)


tags = [codebook_tag("pay-gap", "Pay gap"), codebook_tag("voice"), codebook_tag("family, care", "Family")]
annotations = [
    record(TEXT, *span("the pay gap"), ["pay-gap"], note="Said twice;\nsee p. 4", author="Zoë"),
    record(TEXT, *span("gap\r\nstayed"), ["pay-gap", "voice"]),  # across CRLF, two tags
    record(TEXT, *span("👩🏽‍⚕️ and 🇬🇧 nurses"), ["voice"], note="emoji inside"),
    record(TEXT, *span("𝒱𝒾𝓈𝒾𝒷𝓁ℯ"), ["voice"]),
    record(TEXT, *span("cafe\u0301"), []),  # untagged
    record(TEXT, *span("👨‍👩‍👧 families"), ["family, care"]),
    record(TEXT, *span("end"), ["pay-gap"]),
]
source = work / "source.json"
write_annotation_file(source, report, annotations, tags)
want = sorted((a["start"], a["end"], tuple(a["tags"])) for a in annotations)


def export(fmt, out, *options, expect=0):
    done = suite.run("export", source, "--report", report, "--format", fmt, "-o", out, *options)
    suite.check(f"export {fmt} {' '.join(options)} exits {expect}", done.returncode == expect,
                f"exit {done.returncode}: {done.stderr.strip()}")
    return done


imports = 0


def import_(fmt, path, *options, expect=0):
    global imports
    imports += 1
    out = work / f"{path.name}.imported-{imports}.json"
    done = suite.run("import", path, "--report", report, "--format", fmt, "-o", out, *options)
    suite.check(f"import {fmt} {path.name} {' '.join(options)} exits {expect}", done.returncode == expect,
                f"exit {done.returncode}: {done.stderr.strip()}")
    if expect:
        suite.check(f"import {fmt} {path.name}: one line, no output", not out.exists() and
                    len(done.stderr.strip().splitlines()) == 1, done.stderr)
        return done, []
    return done, json.loads(out.read_text(encoding="utf-8"))["annotations"] if out.exists() else []


def spans_of(imported):
    return sorted((a["start"], a["end"], tuple(a["tags"])) for a in imported)


def js_slices(text, pairs):
    """text.slice(start, end) in JavaScript: UTF-16 indices."""
    script = ("const [text, pairs] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(pairs.map(([s, e]) => text.slice(s, e))));")
    done = subprocess.run([node, "-e", script], input=json.dumps([text, pairs]), capture_output=True, text=True,
                          encoding="utf-8", timeout=60)
    return json.loads(done.stdout) if done.returncode == 0 else None


quotes = {(a["start"], a["end"]): a["quote"] for a in annotations}

# --- brat --------------------------------------------------------------------------------------------
ann = work / "report.ann"
done = export("brat", ann)
suite.check("export brat names the text file it belongs to", "report.txt" in done.stdout, done.stdout)
lines = ann.read_text(encoding="utf-8").splitlines()
text_bound = [line.split("\t") for line in lines if line.startswith("T")]
suite.check("brat: a text-bound line per tag, one for the untagged passage",
            len(text_bound) == sum(max(1, len(a["tags"])) for a in annotations), lines)
python_ok = True
for _, spec, covered in text_bound:
    fragments = [tuple(map(int, f.split())) for f in spec.split(" ", 1)[1].split(";")]
    python_ok &= " ".join(TEXT[s:e] for s, e in fragments) == covered
    python_ok &= (fragments[0][0], fragments[-1][1]) in quotes
suite.check("brat: Python str slicing of each fragment gives the line's text, and the spans are the passages",
            python_ok, text_bound)
suite.check("brat: the passage across CRLF is two fragments around the line end",
            any(";" in spec for _, spec, _ in text_bound), text_bound)
suite.check("brat: notes are AnnotatorNotes on one line",
            "#1\tAnnotatorNotes T1\tSaid twice; see p. 4" in lines, [l for l in lines if l.startswith("#")])
_, back = import_("brat", ann)
# brat's types have no spaces: "family, care" travels as "family,_care".
suite.check("brat round trip: same spans and tags, spaces in types as _",
            spans_of(back) == sorted((s, e, tuple(t.replace(" ", "_") for t in ts)) for s, e, ts in want),
            spans_of(back))
suite.check("brat round trip: notes come back (line ends as spaces)",
            sorted(a["note"] for a in back if a["note"]) == ["Said twice; see p. 4", "emoji inside"])

# A .ann as brat writes one: a discontinuous entity, a relation, an attribute, a note.
s1, e1 = span("pay gap")
s2, e2 = span("stayed")
s3, e3 = span("👨‍👩‍👧 families")
shaped = work / "shaped.ann"
shaped.write_text(f"T1\tIssue {s1} {e1}\tpay gap\nT2\tIssue {s1} {s1 + 3};{s2} {e2}\tpay stayed\n"
                  f"T3\tGroup {s3} {e3}\t👨‍👩‍👧 families\nR1\tAbout Arg1:T1 Arg2:T3\t\nA1\tNegated T1\n"
                  f"#1\tAnnotatorNotes T3\tthree emoji, one family\n", encoding="utf-8")
done, back = import_("brat", shaped)
suite.check("brat-shaped file: the entities land on their text, a discontinuous one spans its fragments",
            spans_of(back) == sorted([(s1, e1, ("Issue",)), (s1, e2, ("Issue",)), (s3, e3, ("Group",))]),
            spans_of(back))
suite.check("brat-shaped file: the note is on its entity",
            [a["note"] for a in back if a["start"] == s3] == ["three emoji, one family"])
suite.check("brat-shaped file: the relation and attribute are named in a warning",
            "1 attributes" in done.stderr and "1 relations" in done.stderr, done.stderr)
wrong = work / "wrong.ann"
wrong.write_text(f"T1\tIssue {s1 + 1} {e1 + 1}\tpay gap\n", encoding="utf-8")
done, _ = import_("brat", wrong, expect=2)
suite.check("brat: a .ann of another text names the line", "line 1" in done.stderr and "another text" in done.stderr,
            done.stderr)
past = work / "past.ann"
past.write_text(f"T1\tIssue 5 {len(TEXT) + 1}\tx\n", encoding="utf-8")
import_("brat", past, expect=2)
empty_ann = work / "empty.ann"
empty_ann.write_text(f"T1\tIssue {s1} {e1}\tpay gap\nT2\tIssue {s1} {s1}\t\n", encoding="utf-8")
done, _ = import_("brat", empty_ann, expect=2)
suite.check("brat: an empty span is refused naming its line", "line 2" in done.stderr and "empty span" in done.stderr,
            done.stderr)
# A passage of line ends alone (the first CRLF) has no text brat could show: it is written as
# spaces, and must read back.
c1 = TEXT.index("\r\n")
crlf_source = work / "crlf-source.json"
write_annotation_file(crlf_source, report, [record(TEXT, c1, c1 + 2, ["voice"])], tags)
crlf_ann = work / "crlf.ann"
done = suite.run("export", crlf_source, "--report", report, "--format", "brat", "-o", crlf_ann)
suite.check("brat: a passage of line ends alone exports", done.returncode == 0, done.stderr)
_, back = import_("brat", crlf_ann)
suite.check("brat: a passage of line ends alone reads back onto its line ends",
            spans_of(back) == [(c1, c1 + 2, ("voice",))], spans_of(back))

# --- Label Studio ------------------------------------------------------------------------------------
def results(path):
    tasks = json.loads(path.read_text(encoding="utf-8"))
    return tasks[0]["data"]["text"], [r for r in tasks[0]["annotations"][0]["result"] if r["type"] == "labels"]


ls = work / "labelstudio.json"
export("labelstudio", ls)
data_text, regions = results(ls)
suite.check("labelstudio: the task's data is the report's text", data_text == TEXT)
suite.check("labelstudio: by default Python str slicing (code points) gives each region's text",
            all(TEXT[r["value"]["start"]:r["value"]["end"]] == r["value"]["text"] for r in regions) and
            sorted((r["value"]["start"], r["value"]["end"], tuple(r["value"]["labels"])) for r in regions) == want,
            regions[:2])
_, back = import_("labelstudio", ls)
suite.check("labelstudio round trip: same ids, spans, tags and notes",
            spans_of(back) == want and {a["id"] for a in back} == {a["id"] for a in annotations} and
            sorted(a["note"] for a in back if a["note"]) == ["Said twice;\nsee p. 4", "emoji inside"], spans_of(back))

ls16 = work / "labelstudio-utf16.json"
export("labelstudio", ls16, "--positions", "utf16")
_, regions16 = results(ls16)
sliced = js_slices(TEXT, [[r["value"]["start"], r["value"]["end"]] for r in regions16])
suite.check("labelstudio --positions utf16: JavaScript's text.slice gives each region's text",
            sliced == [r["value"]["text"] for r in regions16], sliced)
suite.check("labelstudio --positions utf16: the offsets differ after the first emoji",
            [r["value"]["start"] for r in regions16] != [r["value"]["start"] for r in regions])
_, back = import_("labelstudio", ls16, "--positions", "utf16")
suite.check("labelstudio --positions utf16 round trip", spans_of(back) == want, spans_of(back))
done, back = import_("labelstudio", ls16)
suite.check("labelstudio: UTF-16 regions read without --positions are found by their text, with a warning",
            spans_of(back) == want and "count UTF-16 units" in done.stderr, done.stderr)
# One annotation with a note near the end, where its UTF-16 offsets lie past the code points:
# the warning counts its one region, not its note's result as a second.
t1, t2 = span("end")
noted_source = work / "noted-source.json"
write_annotation_file(noted_source, report, [record(TEXT, t1, t2, ["voice"], note="last word")], tags)
noted16 = work / "noted-utf16.json"
done = suite.run("export", noted_source, "--report", report, "--format", "labelstudio", "--positions", "utf16",
                 "-o", noted16)
suite.check("labelstudio --positions utf16 exports a noted annotation", done.returncode == 0, done.stderr)
done, back = import_("labelstudio", noted16)
suite.check("labelstudio: the unit warning counts regions, not their notes' results",
            "1 of 1 regions count UTF-16 units" in done.stderr and
            [(a["start"], a["end"], a["note"]) for a in back] == [(t1, t2, "last word")], done.stderr)

# A region's note before its labels, both in UTF-16 units: the note joins the region read by its
# text, not a span of its own read in code points.
o1, o2 = span("now")
o16 = lambda n: len(TEXT[:n].encode("utf-16-le")) // 2  # noqa: E731
note_first = work / "note-first.json"
note_first.write_text(json.dumps([{"data": {"text": TEXT}, "annotations": [{"result": [
    {"id": "r1", "from_name": "note", "to_name": "text", "type": "textarea",
     "value": {"start": o16(o1), "end": o16(o2), "text": ["said now"]}},
    {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
     "value": {"start": o16(o1), "end": o16(o2), "text": "now", "labels": ["voice"]}}]}]}], ensure_ascii=False),
    encoding="utf-8")
_, back = import_("labelstudio", note_first)
suite.check("labelstudio: a note's result before its region's still lands on the region's text",
            [(a["start"], a["end"], a["quote"], a["note"]) for a in back] == [(o1, o2, "now", "said now")],
            [(a["start"], a["end"], a["quote"], a["note"]) for a in back])

# An export shaped like Label Studio's own, several tasks, short region ids.
p1, p2 = span("the pay gap")
n1, n2 = span("👩🏽‍⚕️ and 🇬🇧 nurses")
shaped_ls = work / "project-1-at-2026.json"
shaped_ls.write_text(json.dumps([
    {"id": 1, "data": {"text": "another task"}, "annotations": [], "predictions": []},
    {"id": 2, "data": {"text": TEXT, "meta_info": "x"}, "annotations": [{
        "id": 7, "completed_by": 1, "lead_time": 12.5, "created_at": "2026-01-31T09:15:00.000000Z",
        "result": [
            {"value": {"start": p1, "end": p2, "text": "the pay gap", "labels": ["Pay gap"]}, "id": "BtfOIVC3G2",
             "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
            {"value": {"start": p1, "end": p2, "text": ["checked"]}, "id": "BtfOIVC3G2", "from_name": "note",
             "to_name": "text", "type": "textarea", "origin": "manual"},
            {"value": {"start": n1, "end": n2, "text": "👩🏽‍⚕️ and 🇬🇧 nurses", "labels": ["Voice", "Care"]},
             "id": "5n2MsvFQur", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
            {"value": {"choices": ["Relevant"]}, "id": "c1", "from_name": "relevance", "to_name": "text",
             "type": "choices"}]}], "predictions": []}], ensure_ascii=False), encoding="utf-8")
done, back = import_("labelstudio", shaped_ls)
suite.check("labelstudio-shaped export: the task with the report's text, each region on its text",
            spans_of(back) == sorted([(p1, p2, ("Pay gap",)), (n1, n2, ("Voice", "Care"))]) and
            [a["note"] for a in back if a["start"] == p1] == ["checked"], spans_of(back))
suite.check("labelstudio-shaped export: the choices result is named", "1 results without a text span" in done.stderr,
            done.stderr)
other = work / "other-task.json"
other.write_text(json.dumps([{"data": {"text": "another text"}, "annotations": []}]), encoding="utf-8")
import_("labelstudio", other, expect=2)
bad = json.loads(shaped_ls.read_text(encoding="utf-8"))
bad[1]["annotations"][0]["result"][0]["value"]["start"] += 1
bad_ls = work / "bad-region.json"
bad_ls.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
done, _ = import_("labelstudio", bad_ls, expect=2)
suite.check("labelstudio: a region whose text is not the report's there is named",
            "result[0].value" in done.stderr, done.stderr)
empty_region = json.loads(shaped_ls.read_text(encoding="utf-8"))
empty_region[1]["annotations"][0]["result"][0]["value"].update(end=p1, text="")
empty_ls = work / "empty-region.json"
empty_ls.write_text(json.dumps(empty_region, ensure_ascii=False), encoding="utf-8")
done, _ = import_("labelstudio", empty_ls, expect=2)
suite.check("labelstudio: an empty region is refused naming its result",
            "result[0].value" in done.stderr and "empty span" in done.stderr, done.stderr)

# --- doccano -----------------------------------------------------------------------------------------
dc = work / "doccano.jsonl"
export("doccano", dc)
line = json.loads(dc.read_text(encoding="utf-8").splitlines()[0])
suite.check("doccano: one line, the report's text", line["text"] == TEXT and
            len(dc.read_text(encoding="utf-8").splitlines()) == 1)
expected_quotes = [quotes[(a["start"], a["end"])] for a in annotations for _ in (a["tags"] or [None])]
sliced = js_slices(TEXT, [label[:2] for label in line["label"]])
suite.check("doccano: by default JavaScript's text.slice (UTF-16) gives each annotation's quote",
            sliced == expected_quotes, sliced)
_, back = import_("doccano", dc)
suite.check("doccano round trip: same spans and tags", spans_of(back) == want, spans_of(back))
dcp = work / "doccano-codepoints.jsonl"
export("doccano", dcp, "--positions", "codepoints")
line = json.loads(dcp.read_text(encoding="utf-8"))
suite.check("doccano --positions codepoints: Python str slicing gives each quote",
            [TEXT[s:e] for s, e, _ in line["label"]] == expected_quotes)
_, back = import_("doccano", dcp, "--positions", "codepoints")
suite.check("doccano --positions codepoints round trip", spans_of(back) == want, spans_of(back))

u1, u2 = span("𝒱𝒾𝓈𝒾𝒷𝓁ℯ")
utf16 = lambda n: len(TEXT[:n].encode("utf-16-le")) // 2  # noqa: E731
shaped_dc = work / "admin.jsonl"
shaped_dc.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
    {"id": 11, "text": "another document", "label": [[0, 7, "Other"]], "Comments": []},
    {"id": 12, "text": TEXT, "label": [[utf16(u1), utf16(u2), "Voice"], [utf16(u1), utf16(u2), "Style"],
                                       [utf16(n1), utf16(n2), "Voice"]], "Comments": ["a comment"]},
]) + "\n", encoding="utf-8")
_, back = import_("doccano", shaped_dc)
suite.check("doccano-shaped JSONL: the report's line, UTF-16 spans on their text, labels on one span as tags",
            spans_of(back) == sorted([(u1, u2, ("Voice", "Style")), (n1, n2, ("Voice",))]), spans_of(back))
# "now" starts, as a UTF-16 index, inside the surrogate pair of 𝓁: evidence of code points.
w1, w2 = span("now")
older = work / "older.jsonl"
older.write_text(json.dumps({"text": TEXT, "entities": [
    {"id": 1, "start_offset": w1, "end_offset": w2, "label": "Voice"}]}, ensure_ascii=False) + "\n",
    encoding="utf-8")
done, back = import_("doccano", older)
suite.check("doccano \"entities\" in code points: a span splitting a character in UTF-16 is read in code points",
            spans_of(back) == [(w1, w2, ("Voice",))] and "read in code points" in done.stderr, done.stderr)
missing = work / "missing.jsonl"
missing.write_text(json.dumps({"text": "not the report", "label": []}) + "\n", encoding="utf-8")
import_("doccano", missing, expect=2)
empty_dc = work / "empty.jsonl"
empty_dc.write_text(json.dumps({"text": TEXT, "label": [[0, 3, "X"], [4, 4, "Y"]]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
done, _ = import_("doccano", empty_dc, expect=2)
suite.check("doccano: an empty span is refused naming its entry", "label[1]" in done.stderr and
            "empty span" in done.stderr, done.stderr)
beyond = work / "beyond.jsonl"
beyond.write_text(json.dumps({"text": TEXT, "label": [[0, 5000, "X"]]}, ensure_ascii=False) + "\n", encoding="utf-8")
import_("doccano", beyond, expect=2)

# --- Options given where they mean nothing -------------------------------------------------------------
export("csv", work / "x.csv", "--positions", "utf16", expect=2)
export("brat", work / "x.ann", "--excel", expect=2)
import_("brat", ann, "--positions", "utf16", expect=2)
export("doccano", work / "y.jsonl", "--positions", "bytes", expect=2)
suite.check("refused options leave no output", not any((work / n).exists() for n in ("x.csv", "x.ann", "y.jsonl")))

suite.finish()
