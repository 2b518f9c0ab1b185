"""Reference timings for bench/run.ts: Louvain + PageRank with python-igraph and NetworkX on
the same graph our service analyses.

usage: anchors.py igraph|networkx|networkit EDGELIST   (EDGELIST: `a b weight` lines, gzip or plain)

The graph is read as directed weighted arcs, self-loops dropped; Louvain runs on the
undirected graph whose edge weight is the sum of both directions (what
src/analysis/compact-graph.ts builds), PageRank (damping 0.85) on the directed weighted
graph. Prints one JSON object: seconds from the file (load, louvain, pagerank, total),
modularity (resolution 1, weighted) and peak RSS in MB.
Algorithms: Louvain, Blondel et al., J. Stat. Mech. (2008) P10008; PageRank, Page et al. 1999;
Leiden, Traag et al., Sci. Rep. 9:5233 (2019) (igraph's community_leiden, modularity, 2
iterations); NetworKit's PLM (parallel Louvain) and ParallelLeiden (PyPI networkit, both cores),
reported as extra fields (leiden, leidenModularity, plm, plmModularity, parallelLeiden,
parallelLeidenModularity).
"""
import gzip
import json
import resource
import sys
import time


def arcs(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or parts[0] == parts[1]:
                continue
            yield parts[0], parts[1], float(parts[2]) if len(parts) > 2 else 1.0


def run_igraph(path):
    import igraph as ig

    t0 = time.time()
    index, edges, weights = {}, [], []
    for a, b, w in arcs(path):
        edges.append((index.setdefault(a, len(index)), index.setdefault(b, len(index))))
        weights.append(w)
    directed = ig.Graph(n=len(index), edges=edges, directed=True, edge_attrs={"weight": weights})
    undirected = directed.as_undirected(mode="collapse", combine_edges="sum")
    t1 = time.time()
    parts = undirected.community_multilevel(weights="weight", resolution=1)
    t2 = time.time()
    directed.pagerank(weights="weight", damping=0.85)
    t3 = time.time()
    leiden = undirected.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)
    t4 = time.time()
    EXTRA["leiden"] = t4 - t3
    EXTRA["leidenModularity"] = undirected.modularity(leiden.membership, weights="weight")
    return t0, t1, t2, t3, undirected.modularity(parts.membership, weights="weight"), len(index), undirected.ecount()


def run_networkit(path):
    import networkit as nk

    nk.engineering.setNumberOfThreads(2)
    nk.engineering.setSeed(42, False)
    t0 = time.time()
    index, weights = {}, {}
    for a, b, w in arcs(path):
        i, j = index.setdefault(a, len(index)), index.setdefault(b, len(index))
        key = (min(i, j), max(i, j))
        weights[key] = weights.get(key, 0.0) + w
    g = nk.Graph(len(index), weighted=True)
    for (i, j), w in weights.items():
        g.addEdge(i, j, w)
    t1 = time.time()
    plm = nk.community.PLM(g, refine=False, gamma=1.0).run().getPartition()
    t2 = time.time()
    pl = nk.community.ParallelLeiden(g, randomize=True, gamma=1.0).run().getPartition()
    t3 = time.time()
    q = nk.community.Modularity()
    EXTRA["plm"] = t2 - t1
    EXTRA["plmModularity"] = q.getQuality(plm, g)
    EXTRA["parallelLeiden"] = t3 - t2
    EXTRA["parallelLeidenModularity"] = q.getQuality(pl, g)
    return t0, t1, t2, t2, EXTRA["plmModularity"], g.numberOfNodes(), g.numberOfEdges()


def run_networkx(path):
    import networkx as nx

    t0 = time.time()
    directed = nx.DiGraph()
    for a, b, w in arcs(path):
        if directed.has_edge(a, b):
            directed[a][b]["weight"] += w
        else:
            directed.add_edge(a, b, weight=w)
    undirected = nx.Graph()
    undirected.add_nodes_from(directed)
    for a, b, d in directed.edges(data=True):
        if undirected.has_edge(a, b):
            undirected[a][b]["weight"] += d["weight"]
        else:
            undirected.add_edge(a, b, weight=d["weight"])
    t1 = time.time()
    parts = nx.community.louvain_communities(undirected, weight="weight", resolution=1, seed=42)
    t2 = time.time()
    nx.pagerank(directed, alpha=0.85, weight="weight")
    t3 = time.time()
    q = nx.community.modularity(undirected, parts, weight="weight")
    return t0, t1, t2, t3, q, undirected.number_of_nodes(), undirected.number_of_edges()


EXTRA = {}
which, path = sys.argv[1], sys.argv[2]
t0, t1, t2, t3, q, n, m = {"igraph": run_igraph, "networkx": run_networkx, "networkit": run_networkit}[which](path)
print(json.dumps({
    "tool": which,
    "nodes": n,
    "edges": m,
    "load": t1 - t0,
    "louvain": t2 - t1,
    "pagerank": t3 - t2,
    "compute": t3 - t1,
    "total": t3 - t0,
    "modularity": q,
    "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    **EXTRA,
}))
