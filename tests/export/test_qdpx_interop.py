#!/usr/bin/env python3
"""REFI-QDA archives as other tools write them, through the real gloss-cli
import and project import, made here in the shapes those tools give them:

- NVivo: project.qde with a UTF-8 BOM, origin "NVivo for Windows 12.6",
  Sources/ with a BOM'd CRLF text holding emoji, positions in UTF-16 units:
  every selection lands on its text; `--positions codepoints` reads them as
  code points instead, and the selections that then split a surrogate pair
  or a CRLF are counted in a warning;
- QualCoder: each CRLF of the report written as "\\n " in its source text
  (same length): accepted with a note, the selections on the report's text;
- ATLAS.ti: the project file named Trial.qde;
- a producer not known to count UTF-16 whose positions fit only as UTF-16:
  read so, with a warning that says why; positions that fit neither unit:
  imported, with the count of doubtful selections;
- a project import reads every TextSource, each in the archive's unit.
"""

import json
import zipfile

from export_support import Suite

suite = Suite("REFI-QDA archives of other tools")
work = suite.work
BOM = "\ufeff"

REPORT = ("Interviewer: How did it feel? 🙂\r\nParticipant: Honestly 😔 I felt invisible.\r\n"
          "Family 👨‍👩‍👧 mattered most, and the clinic 🧑🏽‍⚕️ helped.\r\n")
report = work / "Interview 1.txt"
report.write_bytes(REPORT.encode("utf-8"))
QUOTES = ["I felt invisible", "Family 👨‍👩‍👧 mattered most", "the clinic 🧑🏽‍⚕️ helped", "Honestly 😔"]


def codepoints(quote, text=REPORT):
    start = text.index(quote)
    return start, start + len(quote)


def utf16(quote, text=REPORT):
    start, end = codepoints(quote, text)
    return len(text[:start].encode("utf-16-le")) // 2, len(text[:end].encode("utf-16-le")) // 2


def selection(i, start, end, code="c0000000-0000-4000-8000-000000000001"):
    return (f'<PlainTextSelection guid="a0000000-0000-4000-8000-{i:012d}" name="s{i}" startPosition="{start}" '
            f'endPosition="{end}" creatingUser="d0000000-0000-4000-8000-000000000001" '
            f'creationDateTime="2025-02-21T15:09:07Z"><Coding guid="b0000000-0000-4000-8000-{i:012d}" '
            f'creatingUser="d0000000-0000-4000-8000-000000000001"><CodeRef targetGUID="{code}"/></Coding>'
            f'</PlainTextSelection>')


def project(origin, sources, bom=False):
    body = "".join(f'<TextSource guid="{guid}" name="{name}" plainTextPath="internal://{guid}.txt">{selections}'
                   f'</TextSource>' for guid, name, selections in sources)
    xml = (f'<?xml version="1.0" encoding="utf-8"?>\r\n<Project xmlns="urn:QDA-XML:project:1.0" name="Study" '
           f'origin="{origin}"><Users><User guid="d0000000-0000-4000-8000-000000000001" name="Coder"/></Users>'
           f'<CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="Experience" '
           f'isCodable="true"/></Codes></CodeBook><Sources>{body}</Sources></Project>')
    return (BOM if bom else "") + xml


def archive(name, entries):
    path = work / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for entry, data in entries.items():
            z.writestr(entry, data.encode("utf-8") if isinstance(data, str) else data)
    return path


GUID1 = "56a79789-d535-4fb8-bedd-a915504c54ba"
GUID2 = "67b8a89a-e646-4fc9-8fee-ba26615d65cb"
SECOND = "Second interview 🙂 with 🧑🏽‍⚕️ staff\r\nand 👨‍👩‍👧 families.\r\n"


def imported(source, *options, expect=0, name=None):
    out = work / f"{name or source.stem}.json"
    done = suite.run("import", source, "--format", "qdpx", "--report", report, "-o", out, *options)
    suite.check(f"import {source.name} {' '.join(options)} exits {expect}", done.returncode == expect,
                f"exit {done.returncode}: {done.stderr.strip()}")
    found = json.loads(out.read_text(encoding="utf-8"))["annotations"] if out.exists() else []
    return done, sorted(a["quote"] for a in found)


# --- NVivo: BOM'd project.qde, Sources/, BOM'd CRLF text, UTF-16 positions ---------------------------
nvivo_selections = "".join(selection(i, *utf16(q)) for i, q in enumerate(QUOTES))
nvivo = archive("nvivo.qdpx", {
    "project.qde": project("NVivo for Windows 12.6", [(GUID1, "Interview 1", nvivo_selections)], bom=True),
    f"Sources/{GUID1}.txt": BOM + REPORT})
done, quotes = imported(nvivo)
suite.check("NVivo: every selection lands on its text after emoji, CRLF and BOMs", quotes == sorted(QUOTES),
            quotes)
suite.check("NVivo: no warning when the positions fit", "warning" not in done.stderr, done.stderr)
done, quotes = imported(nvivo, "--positions", "codepoints", name="nvivo-as-codepoints", expect=2)
suite.check("--positions codepoints overrides NVivo's rule: a UTF-16 end past the last code point is refused",
            "is past the end of its source (134 code points)" in done.stderr and not quotes, done.stderr)

# --- QualCoder: CRLF written as "\n " ----------------------------------------------------------------
qualcoder_text = REPORT.replace("\r\n", "\n ")
qc = archive("qualcoder.qdpx", {
    "project.qde": project("QualCoder 3.5", [(GUID1, "Interview 1.txt", "".join(
        selection(i, *codepoints(q, qualcoder_text)) for i, q in enumerate(QUOTES)))]),
    f"sources/{GUID1}.txt": BOM + qualcoder_text})
done, quotes = imported(qc)
suite.check("QualCoder's \\n-space text is accepted as the CRLF report, with a note",
            quotes == sorted(QUOTES) and "as QualCoder writes it" in done.stderr, done.stderr)

# --- ATLAS.ti: Trial.qde ------------------------------------------------------------------------------
atlas = archive("atlas.qdpx", {
    "Trial.qde": project("ATLAS.ti 26", [(GUID1, "Interview 1", "".join(
        selection(i, *codepoints(q)) for i, q in enumerate(QUOTES)))]),
    f"sources/{GUID1}.txt": REPORT})
done, quotes = imported(atlas)
suite.check("ATLAS.ti's Trial.qde is the project file, code points read as such", quotes == sorted(QUOTES),
            done.stderr)
done, quotes = imported(atlas, "--positions", "utf16", name="atlas-as-utf16")
suite.check("--positions utf16 overrides the producer's code points: the selections move off their text",
            quotes != sorted(QUOTES) and len(quotes) == len(QUOTES), quotes)
suite.check("--positions utf16: the selections that then split a surrogate pair are counted",
            "may not be UTF-16 units, as asked" in done.stderr, done.stderr)

# --- A producer not known to count UTF-16, whose positions fit only as UTF-16 -------------------------
unknown = archive("unknown.qdpx", {
    "project.qde": project("SomeTool 2", [(GUID1, "Interview 1", nvivo_selections)]),
    f"sources/{GUID1}.txt": REPORT})
done, quotes = imported(unknown)
suite.check("positions that fit only as UTF-16 units are read so", quotes == sorted(QUOTES), quotes)
suite.check("... with a warning naming the evidence",
            "positions read as UTF-16 units, not code points" in done.stderr and "SomeTool 2" in done.stderr,
            done.stderr)

# --- Positions that fit neither unit ------------------------------------------------------------------
# In UTF-16 units: one selection starts inside 😔's surrogate pair, one between CR and LF; in code
# points one ends past the text.
inside = utf16("😔")[0] + 1
crlf = utf16("\r\nFamily")[0] + 1
total = len(REPORT.encode("utf-16-le")) // 2
neither = archive("neither.qdpx", {
    "project.qde": project("NVivo 14", [(GUID1, "Interview 1", selection(1, *utf16("I felt invisible")) +
                                         selection(2, inside, utf16("I felt")[1]) + selection(3, crlf, crlf + 5) +
                                         selection(4, total - 3, total))]),
    f"Sources/{GUID1}.txt": REPORT})
done, quotes = imported(neither)
suite.check("positions that fit neither unit are imported, with the count of doubtful selections",
            len(quotes) == 4 and "2 of 4 selections split a surrogate pair or split a CRLF" in done.stderr,
            done.stderr)

# --- A whole project: every TextSource, in the archive's unit -----------------------------------------
second_selections = selection(10, *utf16("🧑🏽‍⚕️ staff", SECOND)) + selection(11, *utf16("👨‍👩‍👧 families", SECOND))
both = archive("both.qdpx", {
    "project.qde": project("NVivo for Mac 12", [(GUID1, "Interview 1", nvivo_selections),
                                                (GUID2, "Interview 2", second_selections)], bom=True),
    f"Sources/{GUID1}.txt": BOM + REPORT, f"Sources/{GUID2}.txt": SECOND})
folder = work / "project"
done = suite.run("project", "import", both, folder)
suite.check("project import of two NVivo sources exits 0", done.returncode == 0, done.stderr)
quotes = []
for path in sorted((folder / "annotations").glob("*.json")) if folder.exists() else []:
    quotes += [a["quote"] for a in json.loads(path.read_text(encoding="utf-8"))["annotations"]]
suite.check("project import: every TextSource's selections land on their text",
            sorted(quotes) == sorted(QUOTES + ["🧑🏽‍⚕️ staff", "👨‍👩‍👧 families"]), quotes)
folder2 = work / "project-forced"
done = suite.run("project", "import", both, folder2, "--positions", "codepoints")
suite.check("project import --positions codepoints: read as asked, so NVivo's last position is past the end",
            done.returncode == 2 and "past the end" in done.stderr and not folder2.exists(), done.stderr)
done = suite.run("project", "import", both, work / "project-bad", "--positions", "bytes")
suite.check("project import --positions bytes: a usage error", done.returncode == 2 and
            not (work / "project-bad").exists(), done.stderr)

suite.finish()
