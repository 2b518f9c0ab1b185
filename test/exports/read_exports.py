"""Reads nichegraph exports the way a data scientist would, and prints what it found as JSON.

usage: read_exports.py FORMAT PATH
  gexf / graphml: networkx.read_gexf / read_graphml -> nodes, edges, total weight, attributes
  csv: csv.DictReader; ndjson: json per line -> rows
"""
import csv
import json
import sys


def summary_of_graph(g):
    nodes = {}
    for node, data in g.nodes(data=True):
        clean = {k: v for k, v in data.items() if k not in ("viz", "label")}
        clean["_colour"] = data.get("viz", {}).get("color")
        nodes[str(node)] = clean
    edges = [[str(u), str(v), float(d.get("weight", 1.0))] for u, v, d in g.edges(data=True)]
    return {
        "directed": g.is_directed(),
        "nodes": nodes,
        "edges": edges,
        "totalWeight": sum(e[2] for e in edges),
    }


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt == "gexf":
        import networkx as nx
        out = summary_of_graph(nx.read_gexf(path))
        out["networkx"] = nx.__version__
    elif fmt == "graphml":
        import networkx as nx
        out = summary_of_graph(nx.read_graphml(path))
        out["networkx"] = nx.__version__
    elif fmt == "csv":
        with open(path, newline="", encoding="utf-8") as f:
            out = {"rows": list(csv.DictReader(f))}
    elif fmt == "ndjson":
        with open(path, encoding="utf-8") as f:
            out = {"rows": [json.loads(line) for line in f if line.strip()]}
    else:
        raise SystemExit(f"unknown format {fmt}")
    json.dump(out, sys.stdout)


main()
