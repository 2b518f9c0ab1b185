#!/usr/bin/env python3
"""Anchor figures for `npm run quality`, computed in the same run as nichegraph's.

Reads ../shared/datasets (path as argv[1]); argv[2] is the resolution nichegraph's
size-band mode chose on email-eu-core, so that Leiden is also run at that resolution.
Prints one JSON object. Needs Debian's python3-igraph and python3-leidenalg.

- email-eu-core: undirected simple graph (self-loops dropped), all 1,005 labelled people
  as vertices. igraph multilevel (Louvain, Blondel et al. 2008) at resolution 1 and
  leidenalg (Traag et al. 2019) with RBConfigurationVertexPartition at resolution 1 and
  at the given one; NMI (arithmetic normalisation, igraph's "nmi") and ARI vs
  departments; mean pairwise ARI over seeds 1..5 (run-to-run stability).
- bitcoin-otc: directed ratings; in-degree, PageRank ignoring the sign (weight
  |rating|) and PageRank on the positive ratings only (weight = rating), as in Kumar et
  al. (ICDM 2016). Spearman vs the mean received rating over accounts with >= 3
  ratings; fraudsters (mean < 0) and accounts with mean >= 2 in the top 100.
"""
import gzip
import json
import os
import random
import sys

import igraph as ig
import leidenalg as la

SEEDS = [1, 2, 3, 4, 5]


def average_ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a, b):
    ra, rb = average_ranks(a), average_ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra)
    vb = sum((y - mb) ** 2 for y in rb)
    return cov / (va * vb) ** 0.5


def mean_pairwise_ari(parts):
    values = []
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            values.append(ig.compare_communities(parts[i], parts[j], method="ari"))
    return sum(values) / len(values)


def lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def email(root, band_resolution):
    base = os.path.join(root, "email-eu-core")
    dept = {}
    for line in lines(os.path.join(base, "email-Eu-core-department-labels.txt")):
        node, d = line.split()
        dept[int(node)] = int(d)
    n = max(dept) + 1
    edges = set()
    for line in lines(os.path.join(base, "email-Eu-core.txt")):
        s, t = map(int, line.split())
        if s != t:
            edges.add((min(s, t), max(s, t)))
    g = ig.Graph(n=n, edges=sorted(edges))
    truth = [dept[i] for i in range(n)]

    def score(membership):
        return {
            "nmi": ig.compare_communities(truth, membership, method="nmi"),
            "ari": ig.compare_communities(truth, membership, method="ari"),
            "niches": len(set(membership)),
        }

    out = {}
    runs = []
    for seed in SEEDS:
        random.seed(seed)
        ig.set_random_number_generator(random)
        runs.append(g.community_multilevel(resolution=1).membership)
    out["igraphLouvain"] = {**score(runs[0]), "runToRunAri": mean_pairwise_ari(runs)}
    for name, gamma in (("leiden", 1.0), ("leidenBand", band_resolution)):
        parts = [
            la.find_partition(g, la.RBConfigurationVertexPartition, resolution_parameter=gamma, seed=seed).membership
            for seed in SEEDS
        ]
        out[name] = {**score(parts[0]), "resolution": gamma, "runToRunAri": mean_pairwise_ari(parts)}
    return out


def bitcoin(root):
    path = os.path.join(root, "bitcoin-otc", "soc-sign-bitcoinotc.csv.gz")
    rows = [line.split(",") for line in lines(path)]
    ids = sorted({r[0] for r in rows} | {r[1] for r in rows})
    index = {v: i for i, v in enumerate(ids)}
    received = {}
    for s, t, rating, _ in rows:
        received.setdefault(t, []).append(float(rating))
    mean = {v: sum(x) / len(x) for v, x in received.items() if len(x) >= 3}

    def graph(keep, weight):
        arcs, weights = [], []
        for s, t, rating, _ in rows:
            r = float(rating)
            if keep(r):
                arcs.append((index[s], index[t]))
                weights.append(weight(r))
        return ig.Graph(n=len(ids), edges=arcs, directed=True), weights

    g_all, w_abs = graph(lambda r: True, abs)
    g_pos, w_pos = graph(lambda r: r > 0, lambda r: r)
    scores = {
        "inDegree": g_all.indegree(),
        "pagerankIgnoringSign": g_all.pagerank(weights=w_abs, damping=0.85),
        "pagerankPositive": g_pos.pagerank(weights=w_pos, damping=0.85),
    }
    out = {}
    eligible = sorted(mean)
    for name, s in scores.items():
        top = sorted(range(len(ids)), key=lambda i: (-s[i], ids[i]))[:100]
        top_ids = [ids[i] for i in top]
        out[name] = {
            "spearman": spearman([s[index[v]] for v in eligible], [mean[v] for v in eligible]),
            "fraudstersTop100": sum(1 for v in top_ids if v in mean and mean[v] < 0),
            "goodTop100": sum(1 for v in top_ids if v in mean and mean[v] >= 2),
        }
    out["eligible"] = len(eligible)
    out["fraudsters"] = sum(1 for v in eligible if mean[v] < 0)
    return out


if __name__ == "__main__":
    root = sys.argv[1]
    band_resolution = float(sys.argv[2])
    print(json.dumps({
        "versions": {"igraph": ig.__version__, "leidenalg": la.version},
        "email": email(root, band_resolution),
        "bitcoin": bitcoin(root),
    }))
