#!/usr/bin/env python3
"""Turns smtp_reply_bench's JSON output into a markdown table and an SVG chart.

    smtp_reply_bench --benchmark_format=json --benchmark_out=... > results.json
    bench/report.py results.json                 # table on stdout, docs/performance.svg
    bench/report.py results.json --svg out.svg --markdown out.md

Python 3 standard library only (CI machines have no pip packages).

With --benchmark_repetitions the median of each case is used, and, where the
binary reports it, the fastest repetition ("min") as well: on a shared machine
the median measures the machine as much as the code, the fastest repetition
is the one other load disturbed least. The table has, for each case: ns per
reply (per lookup for the table lookups), the ratio to the memchr floor and
the speed-up over the naive getline + std::regex parser (both only for the
cases that read the mixed stream), the same for the fastest repetitions, and
heap allocations per reply. Then the targets of issue 4, each met or missed,
by the medians and by the fastest repetitions.
"""

import argparse
import json
import math
import os
import sys

FLOOR = "stream/floor_memchr"
NAIVE = "stream/naive_getline_regex"
PARSE = "stream/parse"

# Case names as the table shows them, in this order.
LABELS = [
    (FLOOR, "floor: memchr line scan (reference)"),
    ("stream/parse", "parse(), whole buffer"),
    ("stream/feed_16KiB", "parser::feed(), 16 KiB reads"),
    ("stream/feed_16KiB_copy", "parser::feed(), 16 KiB reads copied in"),
    ("stream/feed_reply", "parser::feed(), one reply per read"),
    ("stream/feed_byte", "parser::feed(), one byte per read"),
    ("stream/parse_classify", "parse() + classify()"),
    (NAIVE, "naive: getline + std::regex (reference)"),
    ("classify/postfix_short", "classify(): short Postfix reply"),
    ("classify/gmail_long", "classify(): long Gmail reply (9 lines)"),
    ("classify/no_match", "classify(): no rule matches"),
    ("lookup/find_reply_code", "find_reply_code()"),
    ("lookup/find_enhanced_code", "find_enhanced_code()"),
    ("lookup/describe", "describe(enhanced_code)"),
]
REFERENCES = {FLOOR, NAIVE}


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    rows = {}
    medians = {}
    fastest = {}
    for b in data.get("benchmarks", []):
        if b.get("error_occurred"):
            rows[b["run_name"]] = {"error": b.get("error_message", "error")}
            continue
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[b["run_name"]] = b
            elif b.get("aggregate_name") == "min":
                fastest[b["run_name"]] = b
        else:
            rows.setdefault(b["run_name"], b)
    rows.update(medians)
    return data.get("context", {}), rows, fastest


def ns(row):
    return float(row["ns_per_reply"])


def fmt_ns(v):
    if v >= 100:
        return "{:,.0f}".format(v)
    if v >= 10:
        return "{:.1f}".format(v)
    return "{:.2f}".format(v)


def fmt_ratio(v):
    return "{:.2f}×".format(v) if v < 10 else "{:.1f}×".format(v) if v < 100 else "{:,.0f}×".format(v)


def table(context, rows, fastest):
    floor = rows.get(FLOOR)
    naive = rows.get(NAIVE)
    fast_floor = fastest.get(FLOOR)
    out = []
    if fastest:
        out.append("| case | ns per reply | vs floor | faster than naive | fastest: ns | vs floor "
                   "| allocations per reply |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
    else:
        out.append("| case | ns per reply | vs floor | faster than naive | allocations per reply |")
        out.append("|---|---:|---:|---:|---:|")
    for name, label in LABELS:
        row = rows.get(name)
        if row is None:
            continue
        if "error" in row:
            out.append("| {} | error: {} |{}".format(label, row["error"], " |" * (6 if fastest else 3)))
            continue
        v = ns(row)
        per_lookup = name.startswith("lookup/")
        stream = name.startswith("stream/")
        vs_floor = fmt_ratio(v / ns(floor)) if stream and floor and "error" not in floor else "—"
        vs_naive = fmt_ratio(ns(naive) / v) if stream and naive and "error" not in naive else "—"
        allocs = float(row.get("allocs_per_reply", 0.0))
        allocs_text = "0" if allocs == 0 else "{:.2f}".format(allocs)
        value = fmt_ns(v) + (" (per lookup)" if per_lookup else "")
        if fastest:
            f = fastest.get(name)
            f_value = fmt_ns(ns(f)) if f else "—"
            f_floor = fmt_ratio(ns(f) / ns(fast_floor)) if f and stream and fast_floor else "—"
            out.append("| {} | {} | {} | {} | {} | {} | {} |".format(label, value, vs_floor, vs_naive, f_value,
                                                                  f_floor, allocs_text))
        else:
            out.append("| {} | {} | {} | {} | {} |".format(label, value, vs_floor, vs_naive, allocs_text))
    return "\n".join(out)


def targets(rows, fastest):
    """The targets of issue 4, as (text, measured, met) tuples: measured and
    met by the medians, and, when the run has them, by the fastest
    repetitions ("median / fastest"; met only when both are)."""
    result = []

    def ratio(table, a, b):
        if a in table and b in table and "error" not in table[a] and "error" not in table[b]:
            return ns(table[a]) / ns(table[b])
        return None

    checks = [
        ("whole-buffer parse within 2× of the memchr floor", PARSE, FLOOR, 2.0),
        ("parse + classify within 5× of the floor", "stream/parse_classify", FLOOR, 5.0),
        ("one byte per read within 10× of the whole-buffer parse", "stream/feed_byte", PARSE, 10.0),
        ("16 KiB reads within 1.2× of the whole-buffer parse", "stream/feed_16KiB", PARSE, 1.2),
    ]
    for text, a, b, limit in checks:
        value = ratio(rows, a, b)
        if value is None:
            continue
        fast = ratio(fastest, a, b)
        if fast is None:
            result.append((text, "{:.2f}×".format(value), value <= limit))
        else:
            result.append((text, "{:.2f}× / {:.2f}×".format(value, fast), value <= limit and fast <= limit,
                           value <= limit, fast <= limit))
    library = [n for n, _ in LABELS if n not in REFERENCES and n in rows and "error" not in rows[n]]
    worst = max((float(rows[n].get("allocs_per_reply", 0.0)) for n in library), default=0.0)
    result.append(("0 heap allocations per reply on every library path", "{:g}".format(worst), worst == 0.0))
    return result


def verdict(target):
    """met, **missed**, or which statistic met it."""
    if target[2]:
        return "met"
    if len(target) > 3 and target[4]:
        return "met by the fastest, **missed** by the median"
    return "**missed**"


def svg(context, rows, fastest):
    """Horizontal bars of ns per reply on a log scale, hand-written SVG."""
    items = [(label, ns(rows[name]), name) for name, label in LABELS if name in rows and "error" not in rows[name]]
    if not items:
        return ""
    left, right, top, bar, gap = 330, 250, 58, 20, 8
    width = 1060
    plot = width - left - right
    height = top + len(items) * (bar + gap) + 46
    lo = 10 ** math.floor(math.log10(min(v for _, v, _ in items)))
    hi = 10 ** math.ceil(math.log10(max(v for _, v, _ in items)))
    span = math.log10(hi) - math.log10(lo)

    def x(v):
        return left + plot * (math.log10(v) - math.log10(lo)) / span

    def esc(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    title = "smtp_reply: nanoseconds per reply (log scale, shorter is faster)"
    machine = context.get("cpu_model", "")
    compiler = context.get("compiler", "")
    subtitle = ", ".join(p for p in (machine, compiler) if p)
    s = []
    s.append('<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
             'font-family="Helvetica, Arial, sans-serif" font-size="13">'.format(w=width, h=height))
    s.append('<rect width="100%" height="100%" fill="#ffffff"/>')
    s.append('<text x="{}" y="22" font-size="16" font-weight="bold">{}</text>'.format(left - 320, esc(title)))
    if subtitle:
        s.append('<text x="{}" y="42" fill="#555555">{}</text>'.format(left - 320, esc(subtitle)))
    axis_bottom = top + len(items) * (bar + gap)
    decade = lo
    while decade <= hi * 1.0001:
        gx = x(decade)
        s.append('<line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}" stroke="#dddddd"/>'.format(gx, top - 6, axis_bottom))
        label = "{:g} ns".format(decade) if decade < 1000 else "{:g} µs".format(decade / 1000)
        s.append('<text x="{:.1f}" y="{}" text-anchor="middle" fill="#555555">{}</text>'.format(
            gx, axis_bottom + 18, label))
        decade *= 10
    for i, (label, v, name) in enumerate(items):
        y = top + i * (bar + gap)
        color = "#9e9e9e" if name in REFERENCES else ("#6a8caf" if name.startswith(("lookup/", "classify/"))
                                                       else "#2e6fba")
        s.append('<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>'.format(
            left - 8, y + bar / 2, esc(label)))
        s.append('<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="{}"/>'.format(
            left, y, max(x(v) - left, 1.0), bar, color))
        unit = " /lookup" if name.startswith("lookup/") else ""
        if name.startswith("stream/") and name != FLOOR and FLOOR in rows and "error" not in rows[FLOOR]:
            unit = " ({} floor".format(fmt_ratio(v / ns(rows[FLOOR])))
            if name in fastest and FLOOR in fastest:
                unit += "; fastest {}".format(fmt_ratio(ns(fastest[name]) / ns(fastest[FLOOR])))
            unit += ")"
        s.append('<text x="{:.1f}" y="{}" dominant-baseline="middle">{} ns{}</text>'.format(
            x(v) + 6, y + bar / 2, fmt_ns(v), unit))
    s.append('</svg>')
    return "\n".join(s) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", help="output of smtp_reply_bench --benchmark_format=json")
    parser.add_argument("--svg", default=os.path.join(here, "..", "docs", "performance.svg"),
                        help="where to write the chart (default: docs/performance.svg)")
    parser.add_argument("--markdown", help="also write the markdown to this file")
    args = parser.parse_args()

    context, rows, fastest = load(args.json)
    if not rows:
        sys.exit("no benchmark rows in " + args.json)
    lines = [table(context, rows, fastest), ""]
    lines.append("| target (issue 4) | measured{} | |".format(": median / fastest" if fastest else ""))
    lines.append("|---|---:|---|")
    for target in targets(rows, fastest):
        lines.append("| {} | {} | {} |".format(target[0], target[1], verdict(target)))
    lines.append("")
    stream = []
    for key, text in (("stream_replies", "replies"), ("stream_bytes", "bytes"), ("stream_lines", "lines"),
                      ("stream_single_line", "single-line"), ("stream_crlf", "CRLF"),
                      ("stream_enhanced_codes", "with an enhanced code")):
        if key in context:
            stream.append("{} {}".format(context[key], text))
    if stream:
        lines.append("Stream: " + ", ".join(stream) + "; the byte-per-read case reads the first {} replies.".format(
            context.get("feed_byte_replies", "?")))
    machine = []
    for key in ("cpu_model", "num_cpus", "mhz_per_cpu", "compiler", "smtp_reply_build"):
        if key in context:
            machine.append("{}: {}".format(key, context[key]))
    if machine:
        lines.append("Machine: " + "; ".join(machine) + ".")
    markdown = "\n".join(lines) + "\n"
    sys.stdout.write(markdown)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(markdown)
    chart = svg(context, rows, fastest)
    if chart:
        with open(args.svg, "w", encoding="utf-8") as f:
            f.write(chart)


if __name__ == "__main__":
    main()
