#!/usr/bin/env python3
"""Peer figures for `npm run quality`, on exactly the graphs nichegraph analysed.

usage: peers.py GRAPHS_JSON

GRAPHS_JSON (written by scripts/quality.ts) holds, per graph: the number of nodes, the
undirected weighted edges [a, b, w] nichegraph's Leiden saw, optionally a ground truth per
node, and the seeds to use. For each graph and seed this runs:
- leidenalg (Traag et al. 2019) RBConfigurationVertexPartition at resolution 1 (modularity),
  n_iterations 2, and at the extra resolutions listed for the graph;
- python-igraph community_multilevel (Louvain) and community_leiden(modularity, 2 iterations);
- NetworKit PLM (parallel Louvain, Staudt & Meyerhenke 2016) and ParallelLeiden, when
  networkit imports (the venv of scripts/debian-python.ts).
and prints one JSON object: per graph and method the modularity (resolution 1, weighted)
and, with a truth, NMI/ARI per seed; for the graphs flagged `stability`, the partitions'
seed-to-seed ARI and the ARI between the full graph and the graph with 2% of its ties
removed (each tie dropped with probability 0.02, Python's random seeded with the seed).
"""
import json
import random
import sys

import igraph as ig
import leidenalg as la

try:
    import networkit as nk

    nk.engineering.setNumberOfThreads(2)
except Exception:  # noqa: BLE001 - reported as missing
    nk = None


def build(n, edges):
    g = ig.Graph(n=n, edges=[(a, b) for a, b, _ in edges])
    g.es["weight"] = [w for _, _, w in edges]
    return g


def nk_graph(n, edges):
    g = nk.Graph(n, weighted=True)
    for a, b, w in edges:
        g.addEdge(a, b, w)
    return g


def methods(resolutions):
    out = {
        "leidenalg": lambda g, seed, _: la.find_partition(g, la.RBConfigurationVertexPartition, weights="weight", resolution_parameter=1.0, n_iterations=2, seed=seed).membership,
        "igraph Louvain": lambda g, seed, _: seeded(seed, lambda: g.community_multilevel(weights="weight").membership),
        "igraph Leiden": lambda g, seed, _: seeded(seed, lambda: g.community_leiden(objective_function="modularity", weights="weight", n_iterations=2).membership),
    }
    for gamma in resolutions:
        out[f"leidenalg resolution {gamma:g}"] = (lambda gm: lambda g, seed, _: la.find_partition(g, la.RBConfigurationVertexPartition, weights="weight", resolution_parameter=gm, n_iterations=2, seed=seed).membership)(gamma)
    if nk is not None:
        def plm(_g, seed, nkg):
            nk.engineering.setSeed(seed, False)
            return list(nk.community.PLM(nkg, refine=False, gamma=1.0).run().getPartition().getVector())

        def pleiden(_g, seed, nkg):
            nk.engineering.setSeed(seed, False)
            return list(nk.community.ParallelLeiden(nkg, randomize=True, gamma=1.0).run().getPartition().getVector())

        out["NetworKit PLM"] = plm
        out["NetworKit ParallelLeiden"] = pleiden
    return out


def seeded(seed, work):
    random.seed(seed)
    ig.set_random_number_generator(random)
    return work()


def mean_pairwise_ari(parts):
    values = [ig.compare_communities(parts[i], parts[j], method="ari") for i in range(len(parts)) for j in range(i + 1, len(parts))]
    return sum(values) / len(values) if values else 1.0


def main():
    spec = json.load(open(sys.argv[1]))
    result = {"versions": {"igraph": ig.__version__, "leidenalg": la.version, "networkit": getattr(nk, "__version__", None)}, "graphs": {}}
    for name, graph in spec["graphs"].items():
        n, edges, seeds = graph["n"], graph["edges"], graph["seeds"]
        g = build(n, edges)
        nkg = nk_graph(n, edges) if nk is not None else None
        truth = graph.get("truth")
        if truth is not None:
            codes = {}
            truth = [codes.setdefault(label, len(codes)) for label in truth]
        per = {}
        for method, run in methods(graph.get("resolutions", [])).items():
            parts = [run(g, seed, nkg) for seed in seeds]
            entry = {"modularity": [g.modularity(p, weights="weight") for p in parts], "communities": [len(set(p)) for p in parts]}
            if truth is not None:
                entry["nmi"] = [ig.compare_communities(truth, p, method="nmi") for p in parts]
                entry["ari"] = [ig.compare_communities(truth, p, method="ari") for p in parts]
            if graph.get("stability"):
                entry["seedToSeedAri"] = mean_pairwise_ari(parts)
                removal = []
                for seed in seeds:
                    rng = random.Random(seed)
                    kept = [e for e in edges if rng.random() >= 0.02]
                    g2 = build(n, kept)
                    nkg2 = nk_graph(n, kept) if nk is not None else None
                    removal.append(ig.compare_communities(run(g, seed, nkg), run(g2, seed, nkg2), method="ari"))
                entry["removalAri"] = sum(removal) / len(removal)
            per[method] = entry
        result["graphs"][name] = per
    print(json.dumps(result))


if __name__ == "__main__":
    main()
