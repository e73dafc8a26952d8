#!/usr/bin/env python3
"""Per-article cost of `recoupe ingest` as the store grows, drawn as an SVG (standard library only).

Input: the trace written by `RECOUPE_INGEST_TRACE=FILE recoupe ingest ...` (one line per batch
written: articles written, seconds since the start, resident memory in KB).

    python3 tools/plot_ingest.py g1m.trace docs/ingest-cost.svg

The cost at N articles is the wall time per article over the batches written between 0.8 N and
N (so 10k, 100k and 1M are measured the same way); the memory line is the resident set.
"""

import sys


def read(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                rows.append((int(parts[0]), float(parts[1]), int(parts[2])))
    return rows


def cost_at(rows, n):
    """ms per article over the batches written from 0.8 n to n (the last batch at or below
    0.8 n, to the first at or above n)."""
    before = [r for r in rows if r[0] <= 0.8 * n]
    after = [r for r in rows if r[0] >= n]
    if not after:
        return None
    start = before[-1] if before else (0, 0.0, 0)
    end = after[0]
    if end[0] == start[0]:
        return None
    return 1000.0 * (end[1] - start[1]) / (end[0] - start[0])


def main():
    trace, out = sys.argv[1], sys.argv[2]
    rows = read(trace)
    total = rows[-1][0]
    # points on a log scale from 5,000 articles to the end
    points = []
    n = 5000
    while n < total:
        c = cost_at(rows, n)
        if c is not None:
            points.append((n, c))
        n = int(n * 1.12)
    c = cost_at(rows, total)
    if c is not None:
        points.append((total, c))
    # marks at 10k, 100k, 1M (the last batch may stop just short of a round number)
    marks = [(m, cost_at(rows, min(m, total))) for m in (10_000, 100_000, 1_000_000) if m <= total * 1.01]
    rss = [(r[0], r[2] / 1024.0) for r in rows if r[0] >= 5000]

    import math

    w, h, left, right, top, bottom = 760, 380, 70, 70, 40, 60
    xmin, xmax = math.log10(5000), math.log10(max(total, 10_000))
    ymax = max(c for _, c in points) * 1.3
    mmax = max(m for _, m in rss) * 1.2

    def x(n):
        return left + (math.log10(n) - xmin) / (xmax - xmin) * (w - left - right)

    def y(c):
        return top + (1 - c / ymax) * (h - top - bottom)

    def ym(m):
        return top + (1 - m / mmax) * (h - top - bottom)

    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{left}" y="22" font-size="14" font-weight="bold">recoupe ingest: wall time per article as the store grows (2 cores)</text>',
    ]
    # axes
    svg.append(f'<line x1="{left}" y1="{h-bottom}" x2="{w-right}" y2="{h-bottom}" stroke="#333"/>')
    svg.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h-bottom}" stroke="#333"/>')
    svg.append(f'<line x1="{w-right}" y1="{top}" x2="{w-right}" y2="{h-bottom}" stroke="#999"/>')
    for n in (10_000, 30_000, 100_000, 300_000, 1_000_000):
        if n <= total * 1.01:
            svg.append(f'<line x1="{x(n):.1f}" y1="{h-bottom}" x2="{x(n):.1f}" y2="{h-bottom+5}" stroke="#333"/>')
            svg.append(f'<text x="{x(n):.1f}" y="{h-bottom+20}" text-anchor="middle">{n:,}</text>')
    svg.append(f'<text x="{(left+w-right)/2}" y="{h-15}" text-anchor="middle">articles stored (log scale)</text>')
    step = 0.2 if ymax < 1.5 else 0.5
    v = 0.0
    while v <= ymax:
        svg.append(f'<line x1="{left-5}" y1="{y(v):.1f}" x2="{left}" y2="{y(v):.1f}" stroke="#333"/>')
        svg.append(f'<text x="{left-8}" y="{y(v)+4:.1f}" text-anchor="end">{v:.1f}</text>')
        v += step
    svg.append(f'<text x="18" y="{(top+h-bottom)/2}" transform="rotate(-90 18 {(top+h-bottom)/2})" text-anchor="middle">ms per article</text>')
    mstep = 250 if mmax > 600 else 100
    m = 0
    while m <= mmax:
        svg.append(f'<text x="{w-right+8}" y="{ym(m)+4:.1f}" fill="#888">{m} MB</text>')
        m += mstep
    # memory
    path = " ".join(f"{'M' if i == 0 else 'L'}{x(n):.1f},{ym(mb):.1f}" for i, (n, mb) in enumerate(rss))
    svg.append(f'<path d="{path}" fill="none" stroke="#aaa" stroke-width="1.5" stroke-dasharray="4 3"/>')
    # cost
    path = " ".join(f"{'M' if i == 0 else 'L'}{x(n):.1f},{y(c):.1f}" for i, (n, c) in enumerate(points))
    svg.append(f'<path d="{path}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
    for n, c in marks:
        if c is None:
            continue
        svg.append(f'<circle cx="{x(n):.1f}" cy="{y(c):.1f}" r="4" fill="#1f5fa8"/>')
        svg.append(f'<text x="{x(n):.1f}" y="{y(c)-10:.1f}" text-anchor="middle" fill="#1f5fa8">{c:.2f} ms</text>')
    svg.append(f'<text x="{w-right-5}" y="{top+14}" text-anchor="end" fill="#1f5fa8">— time per article (batches from 0.8 N to N)</text>')
    svg.append(f'<text x="{w-right-5}" y="{top+30}" text-anchor="end" fill="#888">- - resident memory (right axis)</text>')
    svg.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(svg) + "\n")
    for n, c in marks:
        if c is not None:
            print(f"{n:>9,} articles: {c:.3f} ms per article")
    print(f"{total:>9,} written in {rows[-1][1]:.1f} s, peak RSS {max(r[2] for r in rows)/1024:.0f} MB")


if __name__ == "__main__":
    main()
