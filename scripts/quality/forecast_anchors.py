#!/usr/bin/env python3
"""Anchor scores for the forecast table of `npm run quality` (scripts/quality/forecast.ts).

argv[1]: a rating network as CSV `source,target,rating,time` (optionally .gz; SNAP's
soc-sign-bitcoin* format); argv[2]: the cut time (same unit as the file). Only the
ratings strictly before the cut are read: the anchors see the past, never the future.
Prints one JSON object: for each anchor, a score per account known before the cut.

- inDegree: ratings received (any sign).
- pagerankPositive: igraph PageRank (damping 0.85) on the positive ratings, weight = rating
  (Kumar et al., ICDM 2016's strong baseline).
- pagerankPositiveShare: that PageRank x the positive share of the weight received,
  pos / (pos + |neg|), 1 when nothing came in.
Needs Debian's python3-igraph.
"""
import gzip
import json
import sys

import igraph as ig


def past_ratings(path, cut):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            s, t, rating, time = line.split(",")[:4]
            if float(time) < cut:
                yield s, t, float(rating)


def main():
    path, cut = sys.argv[1], float(sys.argv[2])
    rows = [r for r in past_ratings(path, cut) if r[0] != r[1]]
    ids = sorted({r[0] for r in rows} | {r[1] for r in rows})
    index = {v: i for i, v in enumerate(ids)}
    in_degree = [0] * len(ids)
    pos = [0.0] * len(ids)
    neg = [0.0] * len(ids)
    arcs, weights = [], []
    for s, t, r in rows:
        in_degree[index[t]] += 1
        if r > 0:
            pos[index[t]] += r
            arcs.append((index[s], index[t]))
            weights.append(r)
        else:
            neg[index[t]] -= r
    g = ig.Graph(n=len(ids), edges=arcs, directed=True)
    pr = g.pagerank(weights=weights, damping=0.85)
    share = [p / (p + q) if p + q > 0 else 1.0 for p, q in zip(pos, neg)]
    print(json.dumps({
        "igraph": ig.__version__,
        "inDegree": dict(zip(ids, in_degree)),
        "pagerankPositive": dict(zip(ids, pr)),
        "pagerankPositiveShare": dict(zip(ids, (x * y for x, y in zip(pr, share)))),
    }))


if __name__ == "__main__":
    main()
