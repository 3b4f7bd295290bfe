#!/usr/bin/env python3
"""gloss-cli agree on real coders' files: the sample's three coders (split by
author from examples/sample-annotations.json) and two coders of generated,
overlapping annotations on the sample report, compared with an independent computation from first principles in this
script: each code point coded 0/1 per tag and coder, Cohen's kappa from p_o
and p_e, nominal alpha from a coincidence matrix built unit by unit, and
unitizing alpha from Krippendorff's (2004) sums over every pair of segments.
Then identical files, the text table, and the refusals (exit 2, one line
naming the file and the field).
"""

import hashlib
import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "export"))
from export_support import Suite, report_text  # noqa: E402

suite = Suite("gloss-cli agree")
work = suite.work
report = suite.examples / "sample-report.txt"
sample = json.loads((suite.examples / "sample-annotations.json").read_text(encoding="utf-8"))

# [SECTION] The reference computation


def units_of(annotations, tag):
    """A coder's units of `tag`: sorted, overlapping annotations merged, adjacent ones kept apart."""
    ranges = sorted((a["start"], a["end"]) for a in annotations if tag in a["tags"] and a.get("status") != "orphaned")
    units = []
    for start, end in ranges:
        if units and start < units[-1][1]:
            units[-1][1] = max(units[-1][1], end)
        else:
            units.append([start, end])
    return units


def coded(units, length):
    codes = bytearray(length)
    for start, end in units:
        codes[start:end] = b"\x01" * (end - start)
    return codes


def kappa(both, only_a, only_b, neither):
    n = both + only_a + only_b + neither
    if n == 0:
        return None
    p_o = (both + neither) / n
    p_e = ((both + only_a) / n) * ((both + only_b) / n) + ((only_b + neither) / n) * ((only_a + neither) / n)
    return None if p_e == 1 else (p_o - p_e) / (1 - p_e)


def nominal_alpha(pairs):
    """Krippendorff's alpha from (value_a, value_b, count) units, through the coincidence matrix."""
    o = {}
    for x, y, count in pairs:
        o[(x, y)] = o.get((x, y), 0) + count  # m_u - 1 = 1 for two coders
        o[(y, x)] = o.get((y, x), 0) + count
    values = sorted({c for c, _ in o})
    n_c = {c: sum(o.get((c, k), 0) for k in values) for c in values}
    n = sum(n_c.values())
    disagreeing = sum(o.get((c, k), 0) for c in values for k in values if c != k)
    expected = sum(n_c[c] * n_c[k] for c in values for k in values if c != k)
    return None if n < 2 or expected == 0 else 1 - (n - 1) * disagreeing / expected


def partition(units, length):
    pieces, at = [], 0
    for start, end in units:
        if start > at:
            pieces.append((at, start - at, False))
        pieces.append((start, end - start, True))
        at = end
    if at < length:
        pieces.append((at, length - at, False))
    return pieces


def delta2(g, h):
    (bg, lg, ug), (bh, lh, uh) = g, h
    if ug and uh and -lg < bg - bh < lh:
        return (bg - bh) ** 2 + (bg + lg - bh - lh) ** 2
    if ug and not uh and bh <= bg and bg + lg <= bh + lh:
        return lg * lg
    if uh and not ug and bg <= bh and bh + lh <= bg + lg:
        return lh * lh
    return 0


def unitizing(units_a, units_b, length):
    """(D_o, D_e, alpha) of Krippendorff (2004, section 12.4) for m = 2 coders."""
    m = 2
    coders = [partition(units_a, length), partition(units_b, length)]
    observed = sum(delta2(g, h) for i, j in itertools.permutations(range(m), 2)
                   for g in coders[i] for h in coders[j]) / (m * (m - 1) * length * length)
    units = [p for c in coders for p in c if p[2]]
    gaps = [p for c in coders for p in c if not p[2]]
    if not units:
        return 0.0, 0.0, None
    total = 0
    for _, l, _ in units:
        total += (len(units) - 1) / 3 * (2 * l ** 3 - 3 * l ** 2 + l)
        total += l * l * sum(lh - l + 1 for _, lh, _ in gaps if lh >= l)
    expected = 2 / length * total / (m * length * (m * length - 1) - sum(l * (l - 1) for _, l, _ in units))
    return observed, expected, 1 - observed / expected


def reference(file_a, file_b):
    a, b = (json.loads(Path(f).read_text(encoding="utf-8")) for f in (file_a, file_b))
    length = a["report"]["codepoints"]
    tags = {t["id"] for f in (a, b) for t in (f.get("codebook") or {}).get("tags", [])}
    tags |= {t for f in (a, b) for x in f["annotations"] for t in x["tags"]}
    rows, pooled, observed_sum, expected_sum = {}, [0, 0, 0, 0], 0.0, 0.0
    for tag in sorted(tags):
        ua, ub = units_of(a["annotations"], tag), units_of(b["annotations"], tag)
        ca, cb = coded(ua, length), coded(ub, length)
        table = [0, 0, 0, 0]  # both, only A, only B, neither
        for x, y in zip(ca, cb):
            table[0 if x and y else 1 if x else 2 if y else 3] += 1
        pooled = [p + t for p, t in zip(pooled, table)]
        d_o, d_e, alpha_u = unitizing(ua, ub, length)
        if alpha_u is not None:
            observed_sum += d_o
            expected_sum += d_e
        rows[tag] = {"table": table, "kappa": kappa(*table),
                     "alpha": nominal_alpha([(1, 1, table[0]), (1, 0, table[1]), (0, 1, table[2]),
                                             (0, 0, table[3])]),
                     "alpha_u": alpha_u, "d_o": d_o, "d_e": d_e}
    kappas = [r["kappa"] for r in rows.values() if r["kappa"] is not None]
    alphas = [r["alpha"] for r in rows.values() if r["alpha"] is not None]
    overall = {"table": pooled, "kappa": kappa(*pooled),
               "alpha": nominal_alpha([(1, 1, pooled[0]), (1, 0, pooled[1]), (0, 1, pooled[2]),
                                       (0, 0, pooled[3])]),
               "kappa_mean": sum(kappas) / len(kappas) if kappas else None,
               "alpha_mean": sum(alphas) / len(alphas) if alphas else None,
               "alpha_u": 1 - observed_sum / expected_sum if expected_sum else None}
    return rows, overall


def same(x, y):
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= 1e-9 * max(1.0, abs(y))


def compare(name, output, file_a, file_b):
    """Checks every figure of `agree --json` against the reference; returns the reference rows."""
    rows, overall = reference(file_a, file_b)
    suite.check(f"{name}: one row per tag of the codebooks and annotations",
                [t["id"] for t in output["tags"]] == sorted(rows), [t["id"] for t in output["tags"]])
    for row in output["tags"]:
        want = rows.get(row["id"])
        if want is None:
            continue
        c = row["characters"]
        suite.check(f"{name}: {row['id']} counts", [c["both"], c["only_a"], c["only_b"], c["neither"]] == want["table"],
                    f"{c} != {want['table']}")
        for label, got, expected in (("kappa", row["cohen_kappa"], want["kappa"]),
                                     ("nominal alpha", row["alpha_nominal"]["value"], want["alpha"]),
                                     ("unitizing alpha", row["alpha_unitizing"]["value"], want["alpha_u"]),
                                     ("D_o", row["alpha_unitizing"]["observed_disagreement"], want["d_o"]),
                                     ("D_e", row["alpha_unitizing"]["expected_disagreement"], want["d_e"])):
            suite.check(f"{name}: {row['id']} {label}", same(got, expected), f"{got} != {expected}")
        suite.check(f"{name}: {row['id']} nominal alpha pairs two values per code point",
                    row["alpha_nominal"]["pairable_values"] == 2 * sum(want["table"]), row["alpha_nominal"])
        undefined = want["kappa"] is None or want["alpha_u"] is None
        suite.check(f"{name}: {row['id']} says why a figure is undefined, and only then",
                    (row["undefined_because"] is not None) == undefined, row["undefined_because"])
    o = output["overall"]
    pooled = o["characters"]
    suite.check(f"{name}: pooled counts",
                [pooled["both"], pooled["only_a"], pooled["only_b"], pooled["neither"]] == overall["table"])
    for label, got, expected in (("pooled kappa", o["cohen_kappa"]["pooled"], overall["kappa"]),
                                 ("mean kappa", o["cohen_kappa"]["mean"], overall["kappa_mean"]),
                                 ("pooled alpha", o["alpha_nominal"]["pooled"]["value"], overall["alpha"]),
                                 ("mean alpha", o["alpha_nominal"]["mean"], overall["alpha_mean"]),
                                 ("overall unitizing alpha", o["alpha_unitizing"]["value"], overall["alpha_u"])):
        suite.check(f"{name}: {label}", same(got, expected), f"{got} != {expected}")
    return rows


def agree(*arguments, expect=0):
    done = suite.run("agree", *arguments)
    suite.check(f"agree {' '.join(map(str, arguments))} exits {expect}", done.returncode == expect,
                f"exit {done.returncode}: {done.stderr.strip()}")
    return done


def agree_json(*arguments):
    done = agree(*arguments, "--json")
    if done.returncode != 0:
        return {"tags": [], "overall": {}}

    def no_constants(token):
        suite.check("no NaN or Infinity in the JSON", False, token)
        return None

    return json.loads(done.stdout, parse_constant=no_constants)


def split_by_author(data, folder):
    """One file per coder, each with the whole header and codebook."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for author in sorted({x["author"] for x in data["annotations"]}):
        mine = dict(data, annotations=[x for x in data["annotations"] if x["author"] == author])
        path = folder / (hashlib.sha256(author.encode()).hexdigest()[:8] + ".json")
        path.write_text(json.dumps(mine, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        files[author] = path
    return files


# [SECTION] The sample's three coders, every pair

coders = split_by_author(sample, work / "sample")
suite.check("the sample has three coders", len(coders) == 3, list(coders))
suite.check("the sample's report.codepoints is the report's",
            sample["report"]["codepoints"] == len(report_text(report)))
for (name_a, file_a), (name_b, file_b) in itertools.combinations(coders.items(), 2):
    output = agree_json(file_a, file_b)
    rows = compare(f"{name_a} vs {name_b}", output, file_a, file_b)
    checked = agree_json(file_a, file_b, "--report", report)
    suite.check(f"{name_a} vs {name_b}: --report gives the same figures",
                checked["tags"] == output["tags"] and checked["overall"] == output["overall"])
    suite.check("--report is named in the output", checked["report"]["checked_against"] == str(report))
    print(f"{name_a} (A) vs {name_b} (B), {sample['report']['codepoints']} code points:")
    for row in output["tags"]:
        c = row["characters"]
        if row["annotations"]["a"] + row["annotations"]["b"]:
            print(f"  {row['id']:24} both {c['both']:3} only A {c['only_a']:4} only B {c['only_b']:4} "
                  f"neither {c['neither']:6} kappa {row['cohen_kappa']:.6f} "
                  f"alpha {row['alpha_nominal']['value']:.6f} alpha_U {row['alpha_unitizing']['value']:.6f}")
    o = output["overall"]
    print(f"  overall pooled kappa {o['cohen_kappa']['pooled']:.6f} alpha {o['alpha_nominal']['pooled']['value']:.6f}"
          f"; mean kappa {o['cohen_kappa']['mean']:.6f} alpha {o['alpha_nominal']['mean']:.6f}"
          f"; alpha_U {o['alpha_unitizing']['value']:.6f}")

# [SECTION] Two coders of generated, overlapping annotations on the sample report

generated, generated_report = suite.generated_files(count=60)
generated_coders = split_by_author(json.loads(generated.read_text(encoding="utf-8")), work / "generated")
names = sorted(n for n in generated_coders if n)
if suite.check("the generated file has two named coders", len(names) == 2, names):
    file_a, file_b = generated_coders[names[0]], generated_coders[names[1]]
    compare("generated coders", agree_json(file_a, file_b, "--report", generated_report), file_a, file_b)

# [SECTION] Identical files agree perfectly

first = next(iter(coders.values()))
same_output = agree_json(first, first)
for row in same_output["tags"]:
    used = row["annotations"]["a"] > 0
    suite.check(f"identical files: {row['id']} kappa, alpha and alpha_U are 1 when used, undefined when not",
                all(v == (1 if used else None) for v in (row["cohen_kappa"], row["alpha_nominal"]["value"],
                                                         row["alpha_unitizing"]["value"])), row)
suite.check("identical files: overall alpha_U is 1", same_output["overall"]["alpha_unitizing"]["value"] == 1)

# [SECTION] The text table

table = agree(*list(coders.values())[:2])
lines = table.stdout.splitlines()
suite.check("the table has a row per tag and an overall row",
            all(any(line.rstrip().split("  ")[-1].startswith(t["id"]) for line in lines) for t in same_output["tags"])
            and any(line.endswith("  overall") for line in lines), table.stdout)
suite.check("the table marks a tag nobody used as undef, with the reason",
            any("undef" in line and "used by neither coder" in line for line in lines), table.stdout)
suite.check("the table prints no NaN", "nan" not in table.stdout.lower())

# [SECTION] Refusals: exit 2, one line naming the file and the field


def variant(name, change):
    data = json.loads(json.dumps(sample))
    change(data)
    path = work / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def refused(what, arguments, *expected):
    done = agree(*arguments, expect=2)
    message = done.stderr.strip()
    suite.check(f"{what}: one line on stderr", len(message.splitlines()) == 1, message)
    suite.check(f"{what}: the message names {', '.join(expected)}", all(e in message for e in expected), message)
    suite.check(f"{what}: nothing on stdout", done.stdout == "", done.stdout)


a_file = coders[sorted(coders)[0]]
truncated = work / "truncated.json"
truncated.write_text(a_file.read_text(encoding="utf-8")[:300], encoding="utf-8")
refused("a truncated file", [a_file, truncated], str(truncated))
refused("a newer version", [variant("v99.json", lambda d: d.update(version=99)), a_file], "v99.json", "version")
refused("an annotation past the report",
        [a_file, variant("past.json", lambda d: d["annotations"][0].update(end=10 ** 9))], "past.json",
        "annotations[0].end")
refused("files of different reports",
        [a_file, variant("other.json", lambda d: d["report"].update(sha256="0" * 64))], "other.json",
        "report.sha256")
refused("files of different lengths",
        [a_file, variant("longer.json", lambda d: d["report"].update(codepoints=d["report"]["codepoints"] + 5))],
        "longer.json", "report.codepoints")
edited = work / "edited-report.txt"
edited.write_bytes(report.read_bytes() + b"\nAn added line.\n")
refused("--report of another version", [a_file, a_file, "--report", edited], str(edited), "sha256")
refused("a missing file", [a_file, work / "missing.json"], "missing.json")
refused("a codebook instead of annotations", [suite.examples / "codebook.json", a_file], "codebook.json", "format")
refused("one file only", [a_file], "agree")
refused("three files", [a_file, a_file, a_file], "unexpected argument")

suite.finish()
