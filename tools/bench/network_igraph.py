#!/usr/bin/env python3
"""Times python-igraph (C core) and, optionally, NetworkX on the benchmark edge list.

Usage: /usr/bin/python3 tools/bench/network_igraph.py EDGES.csv [--repeat N] [--networkx full|skip]
Prints one JSON object on stdout: seconds per measure (best of N for igraph), normalised
betweenness for the correctness cross-check, and the peak RSS of this process.
Needs Debian's python3-igraph (and python3-networkx for --networkx full).
"""
import argparse
import csv
import json
import resource
import sys
import time


def best_of(repeat, fn):
    best = float('inf')
    value = None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - started)
    return best, value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('edges')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--networkx', choices=['full', 'skip'], default='full')
    args = parser.parse_args()

    with open(args.edges, newline='') as f:
        rows = list(csv.reader(f))[1:]
    ids = {}
    for s, t in rows:
        ids.setdefault(s, len(ids))
        ids.setdefault(t, len(ids))
    edges = [(ids[s], ids[t]) for s, t in rows]
    n = len(ids)

    import igraph as ig
    g = ig.Graph(n=n, edges=edges, directed=False)
    result = {'n': n, 'm': len(edges), 'igraph': {'version': ig.__version__, 'seconds': {}}}
    sec = result['igraph']['seconds']
    sec['betweenness'], betweenness = best_of(args.repeat, lambda: g.betweenness(directed=False))
    sec['closeness'], _ = best_of(args.repeat, lambda: g.closeness())
    sec['betweenness+closeness'] = sec['betweenness'] + sec['closeness']
    sec['harmonic'], _ = best_of(args.repeat, lambda: g.harmonic_centrality())
    sec['pagerank'], _ = best_of(args.repeat, lambda: g.pagerank(damping=0.85))
    sec['eigenvector'], _ = best_of(args.repeat, lambda: g.eigenvector_centrality(scale=False))
    sec['clustering'], _ = best_of(args.repeat, lambda: g.transitivity_local_undirected(mode='zero'))
    sec['transitivity'], _ = best_of(args.repeat, lambda: g.transitivity_undirected())
    sec['constraint'], _ = best_of(args.repeat, lambda: g.constraint())
    sec['community'], _ = best_of(args.repeat, lambda: g.community_multilevel())
    sec['cutPoints'], _ = best_of(args.repeat, lambda: g.articulation_points())
    sec['bridges'], _ = best_of(args.repeat, lambda: g.bridges())
    pairs = (n - 1) * (n - 2) / 2
    names = sorted(ids, key=ids.get)
    result['igraph']['betweenness'] = {names[i]: b / pairs for i, b in enumerate(betweenness)}
    result['igraph']['maxRssKiB'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    if args.networkx == 'full':
        import networkx as nx
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(edges)
        nsec = {}
        # Full, exact runs (no sampling), timed once: they take minutes.
        nsec['betweenness'], _ = best_of(1, lambda: nx.betweenness_centrality(G, normalized=True))
        nsec['closeness'], _ = best_of(1, lambda: nx.closeness_centrality(G))
        nsec['betweenness+closeness'] = nsec['betweenness'] + nsec['closeness']
        nsec['pagerank'], _ = best_of(1, lambda: nx.pagerank(G, alpha=0.85))
        nsec['eigenvector'], _ = best_of(1, lambda: nx.eigenvector_centrality(G))
        nsec['clustering'], _ = best_of(1, lambda: nx.clustering(G))
        nsec['transitivity'], _ = best_of(1, lambda: nx.transitivity(G))
        nsec['community'], _ = best_of(1, lambda: nx.community.louvain_communities(G, seed=1))
        nsec['cutPoints'], _ = best_of(1, lambda: list(nx.articulation_points(G)))
        nsec['bridges'], _ = best_of(1, lambda: list(nx.bridges(G)))
        result['networkx'] = {'version': nx.__version__, 'seconds': nsec,
                              'note': 'constraint/effective_size not timed (pure-Python O(deg^3) per hub, many minutes)'}
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main()
