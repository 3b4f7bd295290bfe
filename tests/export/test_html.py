#!/usr/bin/env python3
"""HTML export through the real gloss-cli, read with Python's html.parser (not
a text search): only the expected elements, no script, no event-handler
attributes, links only within the page, the CSP meta tag, and every hostile
string from notes, tags, authors, the report's name and the report's text
coming out as text. The report text is all there, highlights overlap, the
legend counts each tag, and every footnote link has its target. Strings users
wrote are isolated in <bdi> and paragraphs take their own direction, so that a
right-to-left author's name cannot reorder the date beside it.
"""

import collections
import json
from html.parser import HTMLParser

from export_support import Suite, codebook_tag, record, report_text, write_annotation_file

ALLOWED = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "section", "ul", "ol", "li",
           "span", "code", "main", "div", "mark", "sup", "a", "footer", "bdi"}
CSP = "default-src 'none'; style-src 'unsafe-inline'"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.doctype = None
        self.tags = collections.Counter()
        self.attributes = []  # (tag, name, value)
        self.elements = []  # (tag, {name: value})
        self.ids = set()
        self.report = []  # text of the report view, footnote markers left out
        self.data = []
        self.style = []
        self.legend = []  # text of each legend entry
        self.isolated = []  # text of each <bdi>
        self.mark_depth = self.max_mark_depth = 0
        self._in = collections.Counter()
        self.feed(html)
        self.close()

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if "id" in attributes:
            self.ids.add(attributes["id"])
        classes = (attributes.get("class") or "").split()
        if tag == "div" and "report" in classes:
            self._in["report"] += 1
        if tag == "section" and "legend" in classes:
            self._in["legend"] += 1
        if tag == "li" and self._in["legend"]:
            self.legend.append("")
        if tag in ("sup", "style", "bdi"):
            self._in[tag] += 1
        if tag == "bdi":
            self.isolated.append("")
        if tag == "mark":
            self.mark_depth += 1
            self.max_mark_depth = max(self.max_mark_depth, self.mark_depth)

    def handle_endtag(self, tag):
        if tag == "div" and self._in["report"]:
            self._in["report"] -= 1
        if tag == "section" and self._in["legend"]:
            self._in["legend"] -= 1
        if tag in ("sup", "style", "bdi") and self._in[tag]:
            self._in[tag] -= 1
        if tag == "mark":
            self.mark_depth -= 1

    def handle_data(self, data):
        self.data.append(data)
        if self._in["style"]:
            self.style.append(data)
        if self._in["report"] and not self._in["sup"]:
            self.report.append(data)
        if self._in["legend"] and self.legend:
            self.legend[-1] += data
        if self._in["bdi"]:
            self.isolated[-1] += data


def check_page(name, annotations, report):
    """Exports `annotations` as HTML and checks what every page must satisfy; returns the page."""
    out = suite.work / f"{name}.html"
    suite.export(annotations, report, "html", out)
    with open(out, encoding="utf-8", newline="") as f:  # keep CRLF: the report's line ends are in it
        html = f.read()
    page = Page(html)
    suite.check(f"{name}: <!doctype html>", (page.doctype or "").lower() == "doctype html")
    suite.check(f"{name}: only the expected elements", set(page.tags) <= ALLOWED, str(set(page.tags) - ALLOWED))
    suite.check(f"{name}: no script element", page.tags["script"] == 0)
    handlers = [a for a in page.attributes if a[1].lower().startswith("on")]
    suite.check(f"{name}: no event-handler attribute", not handlers, str(handlers[:3]))
    suite.check(f"{name}: no src attribute", not [a for a in page.attributes if a[1] == "src"])
    links = [value for tag, attr, value in page.attributes if attr == "href"]
    suite.check(f"{name}: links only to places in the page, each of which exists",
                all(link.startswith("#") and link[1:] in page.ids for link in links), str(links[:5]))
    metas = [attributes for tag, attributes in page.elements if tag == "meta"]
    suite.check(f"{name}: the CSP meta tag",
                {"http-equiv": "Content-Security-Policy", "content": CSP} in metas, str(metas))
    suite.check(f"{name}: the charset meta tag", {"charset": "utf-8"} in metas, str(metas))
    suite.check(f"{name}: the CSP meta tag comes before the style", html.index(CSP) < html.index("<style>"))
    suite.check(f"{name}: the style sheet holds no markup", "<" not in "".join(page.style))
    text = report_text(report)
    suite.check(f"{name}: the report text is all there, as it is", "".join(page.report) == text,
                f"{len(''.join(page.report))} vs {len(text)} code points")
    return page


suite = Suite("html export")
sample_report = suite.examples / "sample-report.txt"
sample = check_page("sample", suite.examples / "sample-annotations.json", sample_report)
sample_annotations = json.loads((suite.examples / "sample-annotations.json").read_text(encoding="utf-8"))
suite.check("sample: a highlight per annotation and tag",
            sample.tags["mark"] >= sum(max(1, len(a["tags"])) for a in sample_annotations["annotations"]))

page = check_page("generated", *suite.generated_files())
suite.check("generated: overlapping annotations nest their highlights", page.max_mark_depth >= 2)

# Hostile strings everywhere a user or a report can put them.
report = suite.work / f"{IMG}.txt"
text = ("Intro line.\r\n<script>alert(1)</script> & \"quotes\" 'single' <b>bold</b> &amp; &lt;\r\n"
        "Zoë 😔 e\u0301 — the text goes on for a while so that the annotations fit in it nicely.\r\n")
report.write_text(text, encoding="utf-8", newline="")
tags = [codebook_tag(IMG, SCRIPT, "#d62728"), codebook_tag('x" onmouseover="alert(1)', "O'Brien's \"tag\"", "#1f77b4"),
        codebook_tag("plain", "Plain", "#2ca02c")]
orphan = record(text, 0, 5, ["plain"], note='"><svg onload=alert(1)>')
orphan["quote"] = "ZZZZZ"  # in no report: exported as not found
annotations = [
    record(text, 10, 60, [IMG], note=IMG, author="<b onclick=alert(1)>Eve</b>"),
    record(text, 30, 90, [tags[1]["id"], "plain"], note=SCRIPT, author="O'Brien"),
    record(text, 40, 50, [], note=""),
    orphan,
]
hostile_file = suite.work / "hostile.json"
write_annotation_file(hostile_file, report, annotations, tags)
page = check_page("hostile", hostile_file, report)
data = "".join(page.data)
for what, value in [("an <img> note", IMG), ("a </script> note", SCRIPT), ("an author with markup", "Eve"),
                    ("an orphan's note", '"><svg onload=alert(1)>'), ("the report's name", f"{IMG}.txt")]:
    suite.check(f"hostile: {what} comes out as text", value in data)
titles = [value for tag, attr, value in page.attributes if tag == "mark" and attr == "title"]
suite.check("hostile: notes, labels and authors are in the highlights' titles as text",
            any(IMG in t and SCRIPT in t and "<b onclick=alert(1)>Eve</b>" in t for t in titles), str(titles[:2]))
suite.check("hostile: overlapping annotations nest their highlights", page.max_mark_depth >= 3,
            f"depth {page.max_mark_depth}")
legend = {entry.strip() for entry in page.legend}
for label, tag_id, count in [(SCRIPT, IMG, 1), ("O'Brien's \"tag\"", tags[1]["id"], 1), ("Plain", "plain", 2),
                             ("(no tag)", None, 1)]:
    entry = f"{label} {tag_id} {count}" if tag_id else f"{label} {count}"
    suite.check(f"hostile: the legend counts {label!r}", entry in legend, str(legend))
suite.check("hostile: notes become footnotes linked from the text",
            {"note-1", "note-2", "ref-1", "ref-2"} <= page.ids, str(page.ids))

# Right-to-left strings beside left-to-right ones.
report = suite.work / "mixed.txt"
text = "The nurse said: شكرا جزيلا to everyone.\nقال الموظف إن الجدول أفضل.\n"
report.write_text(text, encoding="utf-8", newline="")
arabic_tag = codebook_tag("thanks", "شكر وامتنان", "#2ca02c")
author = "فاطمة الزهراء"
mixed_file = suite.work / "mixed.json"
write_annotation_file(mixed_file, report, [record(text, 16, 26, ["thanks"], note="ملاحظة: مهم", author=author)],
                      [arabic_tag])
page = check_page("mixed", mixed_file, report)
suite.check("mixed: the author, the date, the tag label and the quote are each isolated",
            {author, "2026-01-31T09:15:00Z", "شكر وامتنان", "شكرا جزيلا"} <= set(page.isolated), str(page.isolated))
directed = [(tag, attributes.get("class")) for tag, attributes in page.elements if attributes.get("dir") == "auto"]
suite.check("mixed: the report, the note and the quote take their own direction",
            {("div", "report"), ("p", "note"), ("p", "quote")} <= set(directed), str(directed))
suite.check("mixed: each line of the report takes its own direction", "unicode-bidi:plaintext" in "".join(page.style))

suite.finish()
