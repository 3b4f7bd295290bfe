#!/usr/bin/env python3
"""REFI-QDA (.qdpx) export and import through the real gloss-cli:

- the archive holds project.qde and the report under sources/ (UTF-8, a
  GUID-named file its TextSource names as internal://...);
- Codes nest as the codebook does, with its colours and descriptions; Users
  are the authors; each annotation is a PlainTextSelection whose positions are
  Python's str indices (code points) of the report, with one Coding per tag
  and its note as Description;
- import(export(x)) keeps codes, colours, hierarchy, notes, authors, dates
  and positions, annotation by annotation, also on a report with emoji,
  combining marks and CRLF;
- a project written the way other tools write them imports, and what Gloss
  cannot map is named in a warning;
- hostile archives (zip-slip, absolute path, symbolic link, zip bombs,
  truncation, an external entity, a missing or different source) are refused
  with exit 2 and one line, write no output and nothing outside the test's
  folders, and the entity is never fetched.
"""

import http.server
import json
import os
import re
import struct
import subprocess
import threading
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

from export_support import Suite, codebook_tag, example_codebook_tags, record, report_text, write_annotation_file

NS = "urn:QDA-XML:project:1.0"
Q = "{" + NS + "}"

suite = Suite("qdpx export and import")
work = suite.work
sample_report = suite.examples / "sample-report.txt"
sample_text = report_text(sample_report)


def open_qdpx(path):
    """(project.qde root, {entry name: bytes}) of an archive."""
    with zipfile.ZipFile(path) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    return ET.fromstring(entries["project.qde"]), entries


def codes_of(root):
    """{guid: (name, color, description, parent guid)} of every Code, nested or not."""
    found = {}

    def walk(element, parent):
        for code in element.findall(Q + "Code"):
            description = code.find(Q + "Description")
            found[code.get("guid")] = (code.get("name"), code.get("color"),
                                       description.text if description is not None else "", parent)
            walk(code, code.get("guid"))

    walk(root.find(f"{Q}CodeBook/{Q}Codes"), None)
    return found


def gloss_file(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def tag_view(data):
    """{tag id: (label, color, description, parent label)} of a Gloss file's codebook."""
    tags = {t["id"]: t for t in data["codebook"]["tags"]}
    return {t["id"]: (t["label"], t["color"].lower(), t.get("description") or "",
                      tags[t["parent"]]["label"] if t.get("parent") else None) for t in tags.values()}


def compare_round_trip(name, original, imported):
    """Annotation by annotation: positions, quote, note, author, dates, and tags by label."""
    before, after = gloss_file(original), gloss_file(imported)
    labels_before = {t["id"]: t["label"] for t in before["codebook"]["tags"]}
    labels_after = {t["id"]: t["label"] for t in after["codebook"]["tags"]}
    by_id = {a["id"]: a for a in after["annotations"]}
    kept = [a for a in before["annotations"] if a.get("status") != "orphaned"]
    suite.check(f"{name}: import(export(x)) has every annotation ({len(kept)})", len(by_id) == len(kept),
                f"{len(by_id)} imported")
    for a in kept:
        b = by_id.get(a["id"])
        fields = ("start", "end", "quote", "prefix", "suffix", "note", "author", "created", "modified")
        same = b is not None and all(a[k] == b[k] for k in fields) and \
            sorted(labels_before[t] for t in a["tags"]) == sorted(labels_after[t] for t in b["tags"])
        suite.check(f"{name}: annotation {a['id']} survives the round trip", same,
                    f"{json.dumps(a, ensure_ascii=False)[:300]}\n      {json.dumps(b, ensure_ascii=False)[:300]}")
    # Codes: names, colours, descriptions and parents of the tags in the original's codebook.
    view_before = sorted(tag_view(before).values())
    view_after = sorted(tag_view(after).values())
    suite.check(f"{name}: codes keep labels, colours, descriptions and hierarchy", view_before == view_after,
                f"{view_before[:3]}\n      {view_after[:3]}")


def round_trip(name, annotations, report):
    canonical = work / f"{name}.canonical.json"
    suite.export(annotations, report, "json", canonical)
    exported = work / f"{name}.qdpx"
    suite.export(canonical, report, "qdpx", exported)
    imported = work / f"{name}.imported.json"
    suite.import_(exported, report, "qdpx", imported)
    compare_round_trip(name, canonical, imported)
    return canonical, exported


# [SECTION] The sample, with the whole example codebook (hierarchy, colours, descriptions)

sample_data = gloss_file(suite.examples / "sample-annotations.json")
codebook = example_codebook_tags(suite.examples)
sample_annotations = work / "sample.json"
write_annotation_file(sample_annotations, sample_report, sample_data["annotations"], codebook)
sample_canonical, sample_qdpx = round_trip("sample", sample_annotations, sample_report)
root, entries = open_qdpx(sample_qdpx)
canonical = gloss_file(sample_canonical)

sources = root.findall(f"{Q}Sources/{Q}TextSource")
suite.check("one TextSource", len(sources) == 1)
source = sources[0]
path = source.get("plainTextPath", "")
suite.check("plainTextPath is internal://<guid>.txt",
            re.fullmatch(r"internal://([0-9a-f-]{36})\.txt", path) and path[11:47] == source.get("guid"), path)
suite.check("the archive holds project.qde and the report as sources/<guid>.txt only",
            sorted(entries) == sorted(["project.qde", "sources/" + path[len("internal://"):]]), str(sorted(entries)))
suite.check("the source file is the report's text in UTF-8",
            entries.get("sources/" + path[len("internal://"):]) == sample_text.encode("utf-8"))
suite.check("the TextSource is named after the report", source.get("name") == "sample-report.txt")

codes = codes_of(root)
by_name = {name: (guid, color, description, parent) for guid, (name, color, description, parent) in codes.items()}
suite.check("every codebook tag is a Code", len(codes) == len(codebook), f"{len(codes)} codes")
for tag in codebook:
    guid, color, description, parent = by_name.get(tag["label"], (None, None, None, None))
    parent_label = codes[parent][0] if parent else None
    expected_parent = next((t["label"] for t in codebook if t["id"] == tag["parent"]), None)
    suite.check(f"Code {tag['label']!r}: colour, description and parent as in the codebook",
                color == tag["color"] and description == tag["description"] and parent_label == expected_parent,
                str((color, description, parent_label)))
guid_of_tag = {t["id"]: by_name[t["label"]][0] for t in codebook}

users = {u.get("guid"): u.get("name") for u in root.findall(f"{Q}Users/{Q}User")}
authors = {a["author"] for a in canonical["annotations"] if a["author"]}
suite.check("Users are the authors", sorted(users.values()) == sorted(authors), str(users))

selections = {s.get("guid"): s for s in source.findall(Q + "PlainTextSelection")}
for a in canonical["annotations"]:
    s = selections.get(a["id"])
    if not suite.check(f"annotation {a['id']} is a PlainTextSelection with its id as guid", s is not None):
        continue
    start, end = int(s.get("startPosition")), int(s.get("endPosition"))
    description = s.find(Q + "Description")
    coded = [c.find(Q + "CodeRef").get("targetGUID") for c in s.findall(Q + "Coding")]
    suite.check(f"annotation {a['id']}: positions are code points of the report",
                (start, end) == (a["start"], a["end"]) and sample_text[start:end] == a["quote"])
    suite.check(f"annotation {a['id']}: one Coding per tag, note as Description, author and dates",
                coded == [guid_of_tag[t] for t in a["tags"]]
                and (description.text if description is not None else "") == a["note"]
                and users.get(s.get("creatingUser")) == a["author"]
                and s.get("creationDateTime") == a["created"] and s.get("modifiedDateTime") == a["modified"])

again = work / "sample-again.qdpx"
suite.export(sample_canonical, sample_report, "qdpx", again)
suite.check("the qdpx export is deterministic (same bytes twice)", again.read_bytes() == sample_qdpx.read_bytes())

# [SECTION] Positions on a report with emoji, combining marks and CRLF

unicode_report = work / "unicode-report.txt"
unicode_text = ("Staff said:\r\n“I felt invisible 😔 at every board meeting.”\r\n"
                "Café (cafe\u0301) staff 👩🏽‍⚕️ and 🇬🇧 nurses: “we are 𝒱𝒾𝓈𝒾𝒷𝓁ℯ now”.\r\n"
                "Ñandú, Zoë and Łukasz agreed — e\u0301e\u0301 — end.\r\n")
unicode_report.write_bytes(b"\xef\xbb\xbf" + unicode_text.encode("utf-8"))
quotes = ["I felt invisible 😔", "cafe\u0301", "👩🏽‍⚕️ and 🇬🇧 nurses", "𝒱𝒾𝓈𝒾𝒷𝓁ℯ", "e\u0301e\u0301 — end",
          "said:\r\n“I"]
tags = [codebook_tag("voice", "Staff voice", "#d62728"), codebook_tag("belonging", "Belonging", "#1f77b4"),
        dict(codebook_tag("invisibility", "Feeling invisible", "#2ca02c"), parent="voice",
             description="Sub-code with <markup> & “quotes”")]
unicode_records = []
for i, quote in enumerate(quotes):
    start = unicode_text.index(quote)
    unicode_records.append(record(unicode_text, start, start + len(quote), [tags[i % 3]["id"]],
                                  note=f"note {i} 😔 <b>&amp;</b>\nsecond line", author=["Zoë", "", "Łukasz"][i % 3]))
unicode_records.append(record(unicode_text, 0, 5, ["voice", "belonging"], note=""))
unicode_annotations = work / "unicode.json"
write_annotation_file(unicode_annotations, unicode_report, unicode_records, tags)
_, unicode_qdpx = round_trip("unicode", unicode_annotations, unicode_report)
root, entries = open_qdpx(unicode_qdpx)
source_text = entries[[n for n in entries if n.startswith("sources/")][0]].decode("utf-8")
for s in root.iter(Q + "PlainTextSelection"):
    start, end = int(s.get("startPosition")), int(s.get("endPosition"))
    expected = next(r for r in unicode_records if r["id"] == s.get("guid"))
    suite.check(f"{expected['quote']!r}: startPosition/endPosition are Python's str indices "
                f"({expected['start']}, {expected['end']})",
                (start, end) == (expected["start"], expected["end"]) and source_text[start:end] == expected["quote"],
                f"({start}, {end})")
suite.check("the source keeps CRLF and drops the BOM", source_text == unicode_text)

# [SECTION] A project as other tools write it

other_report = work / "other-report.txt"
other_text = "Interview 1\nWe never saw the board.\nPay was unequal, and nobody said so.\n"
other_report.write_text(other_text, encoding="utf-8", newline="")
other_qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NS}" name="Other" origin="Another QDA tool">
 <Users><User guid="{{AD68FBE7-E1EE-4A82-A279-23CC698C89EB}}" name="Mei"/></Users>
 <CodeBook><Codes>
  <Code guid="AE6D04CE-D987-4FC8-AF97-D72CA6FFD08F" name="Leadership" isCodable="false" color="#F0A">
   <Code guid="2dfba8c9-59f5-4424-99d6-ea9bce18134b" name="Board visibility" isCodable="true"/>
  </Code>
  <Code guid="76414714-63c4-4a25-a47e-66fef80bd52e" name="Pay" isCodable="true" color="#00ff80"/>
 </Codes></CodeBook>
 <Variables><Variable guid="0a1b2c3d-0000-4000-8000-000000000001" name="Age" typeOfVariable="Integer"/></Variables>
 <Cases><Case guid="0a1b2c3d-0000-4000-8000-000000000002" name="P1"/></Cases>
 <Sources>
  <TextSource guid="8e7fddfe-db36-48dc-b464-80c3a4decd90" name="Interview 1"
              plainTextPath="internal://8e7fddfe-db36-48dc-b464-80c3a4decd90.txt">
   <PlainTextSelection guid="08CBCED0-D736-44C8-8FD6-EB4D29FE46C5" name="board" startPosition="12"
                       endPosition="35" creatingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB"
                       creationDateTime="2019-06-07T03:36:36">
    <Description>Said twice.</Description>
    <Coding guid="5C931701-6CD4-4A2B-A553-F1DDE2EAC46D">
     <CodeRef targetGUID="2DFBA8C9-59F5-4424-99D6-EA9BCE18134B"/></Coding>
    <Coding guid="5C931701-6CD4-4A2B-A553-F1DDE2EAC46E">
     <CodeRef targetGUID="AE6D04CE-D987-4FC8-AF97-D72CA6FFD08F"/></Coding>
    <NoteRef targetGUID="0f758eeb-d61d-4e91-b250-79861c3869a6"/>
   </PlainTextSelection>
   <PlainTextSelection guid="95916796-d0a0-4b49-80b0-5a5c8b94ae13" startPosition="36" endPosition="51">
    <Coding guid="7f0fa382-05fe-4c93-b0f7-182a4c2eb7b1"><CodeRef targetGUID="76414714-63c4-4a25-a47e-66fef80bd52e"/></Coding>
   </PlainTextSelection>
  </TextSource>
  <PictureSource guid="361bcdb8-7d11-4343-a4cd-4130693eff76" path="internal://361bcdb8-7d11-4343-a4cd-4130693eff76.png">
   <PictureSelection guid="361bcdb8-7d11-4343-a4cd-4130693eff77" firstX="1" firstY="1" secondX="5" secondY="5"/>
  </PictureSource>
 </Sources>
 <Notes>
  <Note guid="0f758eeb-d61d-4e91-b250-79861c3869a6" name="memo"><PlainTextContent>A memo in a Note.</PlainTextContent></Note>
 </Notes>
 <Sets><Set guid="46467993-B426-49DD-9707-B5958EBA9870" name="Group 1"/></Sets>
</Project>
"""
other_qdpx = work / "other.qdpx"
with zipfile.ZipFile(other_qdpx, "w", zipfile.ZIP_DEFLATED) as archive:
    archive.writestr("project.qde", other_qde)
    archive.writestr("Sources/8e7fddfe-db36-48dc-b464-80c3a4decd90.txt", b"\xef\xbb\xbf" + other_text.encode())
    archive.writestr("Sources/361bcdb8-7d11-4343-a4cd-4130693eff76.png", b"\x89PNG\r\n\x1a\n")
other_json = work / "other.json"
done = suite.import_(other_qdpx, other_report, "qdpx", other_json)
warning = done.stderr.strip()
suite.check("what Gloss cannot map is named in one warning",
            warning.count("\n") == 0 and all(w in warning for w in
                                              ("1 Variable", "1 Case", "1 Set", "1 PictureSource",
                                               "1 selections of other sources")), warning)
if other_json.exists():
    data = gloss_file(other_json)
    tags = {t["id"]: t for t in data["codebook"]["tags"]}
    annotations = sorted(data["annotations"], key=lambda a: a["start"])
    suite.check("Codes become tags with ids from their names, #RGB colours widened, nesting kept",
                tags.get("leadership", {}).get("color") == "#ff00aa"
                and tags.get("board-visibility", {}).get("parent") == "leadership"
                and tags.get("pay", {}).get("color") == "#00ff80", json.dumps(tags)[:300])
    first = annotations[0] if annotations else {}
    suite.check("a selection becomes one annotation with all its codes, Description and Note as its note",
                first.get("id") == "08cbced0-d736-44c8-8fd6-eb4d29fe46c5"
                and first.get("quote") == "We never saw the board."
                and first.get("tags") == ["board-visibility", "leadership"]
                and first.get("note") == "Said twice.\n\nA memo in a Note."
                and first.get("author") == "Mei" and first.get("created") == "2019-06-07T03:36:36Z",
                json.dumps(first, ensure_ascii=False))
    suite.check("a selection without an author or dates still imports",
                len(annotations) == 2 and annotations[1]["quote"] == "Pay was unequal" and annotations[1]["author"] == "")

# [SECTION] Hostile and broken archives

HOSTILE = work / "hostile"
HOSTILE.mkdir()
TMP = work / "tmp"  # TMPDIR of every refused import: no file may appear in it
TMP.mkdir()
CWD = work / "cwd"  # and so must the folder it runs in
CWD.mkdir()
canary = work / "secret.txt"
canary.write_text("SECRET-CANARY", encoding="utf-8")


def files_in(folder):
    """The files below `folder`. The host's folder for its plugin copies (unlinked once
    loaded) may be there, empty."""
    return [p for p in folder.rglob("*") if not p.is_dir()]


def refused(name, archive_bytes, expect):
    """Imports the archive; checks exit 2, one line naming `expect`, no output, nothing written."""
    archive = HOSTILE / f"{name}.qdpx"
    archive.write_bytes(archive_bytes)
    out = HOSTILE / f"{name}.json"
    before = set(work.iterdir())
    env = dict(suite.env, TMPDIR=str(TMP))
    done = subprocess.run([suite.cli, "import", archive, "--report", sample_report, "--format", "qdpx", "-o", out],
                          capture_output=True, text=True, env=env, cwd=CWD, timeout=120)
    lines = done.stderr.strip().splitlines()
    suite.check(f"{name}: refused with exit 2", done.returncode == 2, f"exit {done.returncode}: {done.stderr}")
    suite.check(f"{name}: one line naming the archive and {expect!r}",
                len(lines) == 1 and str(archive) in lines[0] and expect in lines[0], done.stderr)
    suite.check(f"{name}: no output file", not out.exists())
    suite.check(f"{name}: nothing written to TMPDIR, the working folder or the folder above it",
                not files_in(TMP) and not any(CWD.iterdir()) and set(work.iterdir()) == before, str(files_in(TMP)))
    suite.check(f"{name}: the archive is unchanged", archive.read_bytes() == archive_bytes)
    return done


def zip_bytes(files, symlinks=()):
    """A zip archive of {name: bytes}, plus Unix symbolic links {name: target}."""
    path = HOSTILE / "build.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        for name, target in dict(symlinks).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (0o120777 << 16)
            archive.writestr(info, target)
    data = path.read_bytes()
    path.unlink()
    return data


valid = sample_qdpx.read_bytes()
_, valid_entries = open_qdpx(sample_qdpx)
source_name = next(n for n in valid_entries if n.startswith("sources/"))

refused("zip-slip", zip_bytes({**valid_entries, "../evil": b"boom"}), '"../evil"')
suite.check("zip-slip: no ../evil anywhere", not (work / "evil").exists() and not (HOSTILE.parent / "evil").exists())
refused("absolute-path", zip_bytes({**valid_entries, "/tmp/gloss-qdpx-evil": b"boom"}), "absolute path")
suite.check("absolute-path: nothing at /tmp/gloss-qdpx-evil", not Path("/tmp/gloss-qdpx-evil").exists())
refused("symlink", zip_bytes(valid_entries, {"sources/link.txt": "/etc/passwd"}), "symbolic link")

# A zip bomb: 64 MiB of zeros deflate to about 64 KiB.
bomb = HOSTILE / "bomb.zip"
with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
    for name, data in valid_entries.items():
        archive.writestr(name, data)
    with archive.open("sources/zeros.txt", "w") as entry:
        chunk = bytes(1 << 20)
        for _ in range(64):
            entry.write(chunk)
refused("zip-bomb-ratio", bomb.read_bytes(), "zip bomb")
bomb.unlink()


def with_declared_size(data, name, size):
    """`data` with the uncompressed size of entry `name` set to `size` in its local and central headers."""
    data = bytearray(data)
    encoded = name.encode()
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        name_length = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30:at + 30 + name_length] == encoded:
            struct.pack_into("<I", data, at + 22, size)
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_length] == encoded:
            struct.pack_into("<I", data, at + 24, size)
        at += 4
    return bytes(data)


refused("huge-declared-size", with_declared_size(valid, "project.qde", 0xFFFFFFF0), "uncompressed size")
refused("truncated", valid[:len(valid) // 2], "truncated")
refused("not-a-zip", sample_text.encode("utf-8"), "not a readable zip archive")


# An external entity: a local HTTP server counts requests; a file entity names the canary.
class Counter(http.server.BaseHTTPRequestHandler):
    requests = 0

    def do_GET(self):
        Counter.requests += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"FETCHED")

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Counter)
threading.Thread(target=server.serve_forever, daemon=True).start()
project = valid_entries["project.qde"].decode("utf-8")
for kind, url in (("http", f"http://127.0.0.1:{server.server_port}/entity.txt"), ("file", canary.as_uri())):
    doctype = f'<!DOCTYPE Project [<!ENTITY ext SYSTEM "{url}">]>\n<Project'
    hostile = project.replace("<Project", doctype, 1).replace("Key framing of the foreword.", "&ext;", 1)
    done = refused(f"external-entity-{kind}", zip_bytes({**valid_entries, "project.qde": hostile.encode()}),
                   "DOCTYPE")
    suite.check(f"external-entity-{kind}: the entity's content is in no message",
                "SECRET-CANARY" not in done.stderr and "FETCHED" not in done.stderr)
# An external DTD too: DOCTYPE with a SYSTEM identifier.
hostile = project.replace("<Project",
                          f'<!DOCTYPE Project SYSTEM "http://127.0.0.1:{server.server_port}/project.dtd">\n<Project', 1)
refused("external-dtd", zip_bytes({**valid_entries, "project.qde": hostile.encode()}), "DOCTYPE")
server.shutdown()
suite.check("the entity and DTD URLs were never fetched", Counter.requests == 0, f"{Counter.requests} requests")

missing = dict(valid_entries)
del missing[source_name]
refused("missing-source", zip_bytes(missing), "the archive has no " + source_name)
refused("missing-project", zip_bytes({source_name: valid_entries[source_name]}), "no project.qde")
changed = dict(valid_entries)
changed[source_name] = valid_entries[source_name].replace(b"Independent", b"Dependent", 1)
refused("different-source", zip_bytes(changed), "differ from code point")
past_end = project.replace('endPosition="683"', f'endPosition="{len(sample_text) + 1}"', 1)
refused("position-past-end", zip_bytes({**valid_entries, "project.qde": past_end.encode()}), "past the end")
refused("broken-xml", zip_bytes({**valid_entries, "project.qde": project[:200].encode()}), "project.qde: line")
suite.check("the canary is unchanged", canary.read_text(encoding="utf-8") == "SECRET-CANARY")

suite.finish()
