#!/usr/bin/env python3
"""Times python-igraph (C core) and, optionally, NetworkX on the benchmark edge list.

Usage: /usr/bin/python3 tools/bench/network_igraph.py EDGES.csv [--repeat N]
         [--networkx full|skip] [--networkx-once m1,m2] [--networkx-skip m1,m2]
         [--membership FILE]
Prints one JSON object on stdout: per library, seconds per measure (best of N, except the
NetworkX measures named in --networkx-once, timed once because they take minutes on the full
graph), CPU seconds of the same runs, and the values in the order of `names`, so the caller can cross-check each measure.
--membership is a JSON list of community numbers (in `names` order) whose modularity both
libraries compute: Louvain partitions differ between implementations, their modularity must not.
Needs Debian's python3-igraph (and python3-networkx for --networkx full).
"""
import argparse
import csv
import json
import resource
import sys
import time


CPU = {}


def best_of(repeat, fn, name=None):
    """Best wall time of `repeat` runs; the CPU seconds of this process go to CPU[name]."""
    best = float('inf')
    cpu = float('inf')
    value = None
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        value = fn()
        best = min(best, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
    if name:
        CPU[name] = cpu
    return best, value


def unit_norm(values):
    norm = sum(v * v for v in values) ** 0.5
    return [abs(v) / norm for v in values]


def freeman_centralization(degrees):
    """Freeman degree centralization with igraph's maximum (n-1)(n-2), as the library."""
    n = len(degrees)
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def time_igraph(g, n, names, repeat, membership):
    import igraph as ig
    sec = {}
    val = {}

    def run(name, fn, convert=lambda v: v):
        sec[name], value = best_of(repeat, fn, 'igraph.' + name)
        val[name] = convert(value)

    pairs = (n - 1) * (n - 2) / 2
    run('betweenness', lambda: g.betweenness(directed=False), lambda v: [b / pairs for b in v])
    run('closeness', lambda: g.closeness())
    run('harmonic', lambda: g.harmonic_centrality())
    run('degree', lambda: g.degree(), lambda v: [d / (n - 1) for d in v])
    run('pagerank', lambda: g.pagerank(damping=0.85))
    # igraph scales to max 1 or not at all; the library (like NetworkX) gives unit length.
    run('eigenvector', lambda: g.eigenvector_centrality(scale=False), unit_norm)
    run('clustering', lambda: g.transitivity_local_undirected(mode='zero'))
    run('transitivity', lambda: g.transitivity_undirected())
    run('centralization', lambda: freeman_centralization(g.degree()))
    run('constraint', lambda: g.constraint())

    def effective_size():
        # Borgatti's formula for unweighted undirected ties: degree - 2 * ties among alters / degree.
        degrees = g.degree()
        local = g.transitivity_local_undirected(mode='zero')
        return [d - 2 * (c * d * (d - 1) / 2) / d if d > 0 else None for d, c in zip(degrees, local)]
    run('effectiveSize', effective_size)
    run('community', lambda: g.community_multilevel(), lambda p: p.modularity)
    run('isolates', lambda: [v for v, d in enumerate(g.degree()) if d == 0], lambda v: [names[i] for i in v])
    run('cutPoints', lambda: g.articulation_points(), lambda v: [names[i] for i in v])
    run('bridges', lambda: g.bridges(),
        lambda ids: [[names[g.es[e].source], names[g.es[e].target]] for e in ids])
    if membership is not None:
        val['modularityOfOurs'] = g.modularity(membership)
    return {'version': ig.__version__, 'seconds': sec, 'values': val}


def time_networkx(edges, n, names, repeat, once, skip, membership):
    import networkx as nx
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    sec = {}
    val = {}
    times = {}

    def run(name, fn, convert=lambda v: v):
        if name in skip:
            return
        times[name] = 1 if name in once else repeat
        sec[name], value = best_of(times[name], fn, 'networkx.' + name)
        val[name] = convert(value)

    in_order = lambda d: [d[i] for i in range(n)]
    run('betweenness', lambda: nx.betweenness_centrality(G, normalized=True), in_order)
    run('closeness', lambda: nx.closeness_centrality(G), in_order)
    run('harmonic', lambda: nx.harmonic_centrality(G), lambda d: [d[i] / (n - 1) for i in range(n)])
    run('degree', lambda: nx.degree_centrality(G), in_order)
    run('pagerank', lambda: nx.pagerank(G, alpha=0.85), in_order)
    run('eigenvector', lambda: nx.eigenvector_centrality(G), in_order)
    run('clustering', lambda: nx.clustering(G), in_order)
    run('transitivity', lambda: nx.transitivity(G))
    run('centralization', lambda: freeman_centralization([d for _, d in sorted(G.degree())]))
    run('constraint', lambda: nx.constraint(G), in_order)
    run('effectiveSize', lambda: nx.effective_size(G), in_order)
    run('community', lambda: nx.community.louvain_communities(G, seed=1),
        lambda parts: nx.community.modularity(G, parts))
    run('isolates', lambda: list(nx.isolates(G)), lambda v: [names[i] for i in v])
    run('cutPoints', lambda: list(nx.articulation_points(G)), lambda v: [names[i] for i in v])
    run('bridges', lambda: list(nx.bridges(G)), lambda v: [[names[a], names[b]] for a, b in v])
    if membership is not None:
        groups = {}
        for v, c in enumerate(membership):
            groups.setdefault(c, set()).add(v)
        val['modularityOfOurs'] = nx.community.modularity(G, list(groups.values()))
    return {'version': nx.__version__, 'seconds': sec, 'values': val, 'times': times}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('edges')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--networkx', choices=['full', 'skip'], default='full')
    parser.add_argument('--networkx-once', default='')
    parser.add_argument('--networkx-skip', default='')
    parser.add_argument('--membership')
    args = parser.parse_args()

    with open(args.edges, newline='') as f:
        rows = list(csv.reader(f))[1:]
    ids = {}
    for s, t in rows:
        ids.setdefault(s, len(ids))
        ids.setdefault(t, len(ids))
    edges = [(ids[s], ids[t]) for s, t in rows]
    n = len(ids)
    names = sorted(ids, key=ids.get)
    membership = None
    if args.membership:
        with open(args.membership) as f:
            by_name = json.load(f)
        membership = [by_name[name] for name in names]

    import igraph as ig
    g = ig.Graph(n=n, edges=edges, directed=False)
    result = {'n': n, 'm': len(edges), 'names': names}
    result['igraph'] = time_igraph(g, n, names, args.repeat, membership)
    result['igraph']['maxRssKiB'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if args.networkx == 'full':
        once = set(filter(None, args.networkx_once.split(',')))
        skip = set(filter(None, args.networkx_skip.split(',')))
        result['networkx'] = time_networkx(edges, n, names, args.repeat, once, skip, membership)
    result['cpuSeconds'] = CPU
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main()
