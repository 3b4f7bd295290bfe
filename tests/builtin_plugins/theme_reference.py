#!/usr/bin/env python3
"""An independent reference for the themes plugin, for the tests.

    theme_reference.py CODEBOOK REPORT

Prints one line "START END THEME" per expected highlight, offsets in code
points (Python str indices), sorted. Written from the specification, not from
the plugin: every pattern of every theme is run with Python's `re` (literals
escaped, case-insensitive unless "case_sensitive"); every (start, end) where
the pattern matches exactly text[start:end] is a candidate; a "whole_word"
candidate may not touch a word character on either side: str.isalnum() or
"_", as \\b sees it, or a combining mark, which belongs to the letter before
it; per theme, overlapping candidates are merged leftmost-longest. A pattern
Python refuses is printed as "ERROR THEME PATTERN" on stderr and skipped.
"""

import json
import re
import sys
import unicodedata

# No pattern of the codebooks under test matches more code points than this.
MAX_MATCH = 400


def is_word(ch):
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def candidates(text, source, flags, whole_word):
    exact = re.compile(source, flags)
    # Every position where some match starts (a zero-width lookahead finds
    # them all, overlapping ones included).
    starts = re.compile("(?=(?:" + source + "))", flags)
    found = []
    for start_match in starts.finditer(text):
        start = start_match.start()
        if whole_word and start > 0 and is_word(text[start - 1]):
            continue
        for end in range(start + 1, min(len(text), start + MAX_MATCH) + 1):
            if whole_word and end < len(text) and is_word(text[end]):
                continue
            if exact.fullmatch(text, start, end):
                found.append((start, end))
    return found


def leftmost_longest(spans):
    kept = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def main():
    codebook_path, report_path = sys.argv[1], sys.argv[2]
    with open(codebook_path, encoding="utf-8") as f:
        codebook = json.load(f)
    # utf-8-sig: a byte order mark is not part of the text, as in gloss.
    with open(report_path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    out = []
    for tag in codebook["tags"]:
        spans = []
        for pattern in tag.get("patterns") or []:
            if "regex" in pattern:
                source = pattern["regex"]
            else:
                source = re.escape(pattern["literal"])
            flags = 0 if pattern.get("case_sensitive", False) else re.IGNORECASE
            try:
                spans += candidates(text, source, flags, pattern.get("whole_word", False))
            except re.error as e:
                print("ERROR", tag["id"], source, e, file=sys.stderr)
        out += [(start, end, tag["id"]) for start, end in leftmost_longest(spans)]
    for start, end, theme in sorted(out):
        print(start, end, theme)


if __name__ == "__main__":
    main()
