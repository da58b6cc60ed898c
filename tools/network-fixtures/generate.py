#!/usr/bin/env python3
"""Reference fixtures for libs/network/core, computed with NetworkX (and igraph where it has the
same measure). Seeded, so a rerun rewrites byte-identical files.

Run with Debian's packages (the pyenv python has neither):
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-networkx python3-igraph python3-scipy
    /usr/bin/python3 tools/network-fixtures/generate.py

Writes libs/network/core/fixtures/<case>.json: the input (nodes with sector, edges with weight)
and the expected values of every measure. Conventions mirror the library:
- weighted: 'weight' is tie strength; path measures use distance = 1 / weight;
- harmonic = harmonic_centrality / (n - 1);
- averagePathLength / diameter over all ordered pairs that are connected by a path;
- transitivity of the undirected graph; centralisation = Freeman's degree centralisation with
  igraph's theoretical maximum ((n-1)(n-2), twice that for total degree on directed graphs);
- brokerage (Gould-Fernandez) and E-I index have no NetworkX function: a direct, deliberately
  naive implementation below is the reference.
"""
import json
import math
import os
import random

import igraph as ig
import networkx as nx

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'libs', 'network', 'core', 'fixtures')
SECTORS = ['public', 'welfare', 'civil', 'business', 'residents']


def finite(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def brokerage(G, sector):
    """Gould-Fernandez role counts of every broker j over open two-paths i->j->k."""
    D = G if G.is_directed() else G.to_directed()
    roles = {}
    for j in G:
        if sector.get(j) is None:
            roles[j] = None
            continue
        r = dict(coordinator=0, gatekeeper=0, representative=0, consultant=0, liaison=0, total=0)
        for i in D.predecessors(j):
            for k in D.successors(j):
                if i == k or sector.get(i) is None or sector.get(k) is None or D.has_edge(i, k):
                    continue
                gi, gj, gk = sector[i], sector[j], sector[k]
                if gi == gj == gk:
                    role = 'coordinator'
                elif gi == gk:
                    role = 'consultant'
                elif gj == gk:
                    role = 'gatekeeper'
                elif gi == gj:
                    role = 'representative'
                else:
                    role = 'liaison'
                r[role] += 1
                r['total'] += 1
        roles[j] = r
    return roles


def ei_index(G, sector):
    def ei(e, i):
        t = e + i
        return dict(external=e, internal=i, index=None if t == 0 else (e - i) / t,
                    crossSectorShare=None if t == 0 else e / t)
    ext = inte = 0
    per = {}
    for u, v in G.edges():
        a, b = sector.get(u), sector.get(v)
        if a is None or b is None:
            continue
        if a == b:
            inte += 1
            per.setdefault(a, [0, 0])[1] += 1
        else:
            ext += 1
            per.setdefault(a, [0, 0])[0] += 1
            per.setdefault(b, [0, 0])[0] += 1
    return dict(graph=ei(ext, inte), sectors={s: ei(*per[s]) for s in sorted(per)})


def path_summary(G, weighted):
    total = 0.0
    count = 0
    diameter = 0.0
    for s in G:
        if weighted:
            lengths = nx.single_source_dijkstra_path_length(G, s, weight='distance')
        else:
            lengths = nx.single_source_shortest_path_length(G, s)
        for t, d in lengths.items():
            if t != s:
                total += d
                count += 1
                diameter = max(diameter, d)
    return (total / count if count else 0.0), diameter


def centralization(G):
    n = len(G)
    if n < 3:
        return 0.0
    degrees = [d for _, d in G.degree()]
    tmax = (2 if G.is_directed() else 1) * (n - 1) * (n - 2)
    return (n * max(degrees) - sum(degrees)) / tmax


def igraph_of(G, nodes):
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()], directed=G.is_directed())
    g.es['weight'] = [d.get('weight', 1) for _, _, d in G.edges(data=True)]
    g.es['distance'] = [d.get('distance', 1) for _, _, d in G.edges(data=True)]
    return g, index


def expected(G, weighted, sector, seed, egos):
    n = len(G)
    directed = G.is_directed()
    nodes = list(G)
    w = 'weight' if weighted else None
    dist = 'distance' if weighted else None
    U = G.to_undirected() if directed else G

    degree = nx.degree_centrality(G)
    in_degree = nx.in_degree_centrality(G) if directed else None
    out_degree = nx.out_degree_centrality(G) if directed else None
    strength = dict(G.degree(weight='weight')) if weighted else None
    betweenness = nx.betweenness_centrality(G, normalized=True, weight=dist)
    closeness = nx.closeness_centrality(G, distance=dist)
    harmonic = nx.harmonic_centrality(G, distance=dist)
    # Converged values (Quartier iterates to 1e-12, not to NetworkX's default n * 1e-6 stop).
    pagerank = nx.pagerank(G, alpha=0.85, weight=w, tol=1e-13, max_iter=100000)
    connected = (not directed) and n > 0 and nx.is_connected(G)
    eigenvector = nx.eigenvector_centrality(G, weight=w, tol=1e-13, max_iter=100000) if connected else None
    clustering = nx.clustering(G, weight=w)
    constraint = nx.constraint(G, weight=w)
    effective_size = nx.effective_size(G, weight=w)
    has_sectors = any(sector.get(v) is not None for v in nodes)
    roles = brokerage(G, sector) if has_sectors else None
    apl, diameter = path_summary(G, weighted)

    node_values = {}
    for v in nodes:
        x = dict(degree=degree[v], betweenness=betweenness[v], closeness=closeness[v],
                 harmonic=harmonic[v] / (n - 1) if n > 1 else 0.0, pagerank=pagerank[v],
                 clustering=float(clustering[v]), constraint=finite(constraint[v]),
                 effectiveSize=finite(effective_size[v]))
        if directed:
            x['inDegree'] = in_degree[v]
            x['outDegree'] = out_degree[v]
        if weighted:
            x['strength'] = float(strength[v])
        if eigenvector is not None:
            x['eigenvector'] = eigenvector[v]
        if roles is not None:
            x['brokerage'] = roles[v]
        node_values[str(v)] = x

    components = nx.number_weakly_connected_components(G) if directed else nx.number_connected_components(G)
    graph = dict(nodes=n, edges=G.number_of_edges(), density=nx.density(G), components=components,
                 averagePathLength=apl, diameter=diameter, transitivity=nx.transitivity(U),
                 degreeCentralization=centralization(G),
                 isolates=[str(v) for v in nx.isolates(G)],
                 # node ids are their indices 0..n-1 in every case, so numeric order is node order
                 bridges=sorted([sorted((a, b)) for a, b in nx.bridges(U)]),
                 cutPoints=[str(v) for v in sorted(nx.articulation_points(U))])
    graph['bridges'] = [[str(a), str(b)] for a, b in graph['bridges']]
    if has_sectors:
        graph['eiIndex'] = ei_index(G, sector)

    # A partition from NetworkX's own Louvain: the library's modularity() must reproduce
    # NetworkX's modularity of it exactly, and its own Louvain should come close to its quality.
    partition = nx.community.louvain_communities(G, weight=w, seed=seed)
    community_of = {}
    for c, members in enumerate(partition):
        for v in members:
            community_of[v] = c
    modularity = nx.community.modularity(G, partition, weight=w) if G.number_of_edges() else 0.0

    # igraph's C implementation as a second, independent reference where it has the measure.
    g, _ = igraph_of(G, nodes)
    # Only unweighted betweenness is compared: igraph treats path lengths within an epsilon as
    # equal, NetworkX (and the library) compare float sums exactly, so with 1/weight distances
    # such as 1/3 + 1/3 + 1/3 vs 1 the two count different shortest paths.
    raw = g.betweenness(directed=directed)
    pairs = (n - 1) * (n - 2) / (1 if directed else 2)
    simple = g.as_undirected(mode='collapse')
    igraph_values = dict(
        betweenness={} if weighted else {str(v): raw[i] / pairs for i, v in enumerate(nodes)},
        transitivity=simple.transitivity_undirected(mode='zero'),
        components=len(g.connected_components(mode='weak')),
        density=g.density(loops=False),
        cutPoints=sorted(str(nodes[i]) for i in simple.articulation_points()),
        bridges=len(simple.bridges()),
        # PRPACK solves PageRank exactly; eigenvector centrality scaled to a maximum of 1.
        pagerank={str(v): x for v, x in zip(nodes, g.pagerank(directed=directed, weights='weight' if weighted else None,
                                                              implementation='prpack'))},
        eigenvector=({str(v): x for v, x in zip(nodes, g.eigenvector_centrality(
            directed=False, scale=True, weights='weight' if weighted else None))}
            if eigenvector is not None else {}),
    )

    ego_values = {}
    for ego in egos:
        E = nx.ego_graph(G, ego, radius=1, undirected=True)
        ego_values[str(ego)] = dict(alters=sorted(str(v) for v in E if v != ego), nodes=len(E),
                                    edges=E.number_of_edges(), density=nx.density(E),
                                    betweenness=nx.betweenness_centrality(E, normalized=True, weight=dist)[ego],
                                    constraint=finite(nx.constraint(E, weight=w)[ego]))

    return dict(graph=graph, nodes=node_values,
                modularityCheck=dict(partition={str(v): community_of[v] for v in nodes}, modularity=modularity),
                igraph=igraph_values, egos=ego_values)


def case(name, G, weighted, sector, seed, egos, description):
    assert list(G) == list(range(len(G))), 'node ids must be their indices'
    nodes = [dict(id=str(v), sector=sector.get(v)) for v in G]
    edges = []
    for u, v, d in G.edges(data=True):
        e = dict(source=str(u), target=str(v))
        if weighted:
            e['weight'] = d['weight']
        edges.append(e)
    doc = dict(name=name, description=description, directed=G.is_directed(), weighted=weighted,
               nodes=nodes, edges=edges, louvainSeed=seed,
               expected=expected(G, weighted, sector, seed, egos))
    path = os.path.join(OUT, name + '.json')
    with open(path, 'w') as f:
        json.dump(doc, f, indent=1, sort_keys=False, allow_nan=False)
        f.write('\n')
    print('wrote', os.path.relpath(path), len(G), 'nodes', G.number_of_edges(), 'ties')


def set_distance(G):
    for _, _, d in G.edges(data=True):
        d['distance'] = 1.0 / d['weight']


def random_network(seed, directed, weighted, blocks, p, isolates):
    """Several dense-ish blocks joined by a few ties, plus isolates: several components."""
    rng = random.Random(seed)
    G = nx.DiGraph() if directed else nx.Graph()
    offset = 0
    for b, size in enumerate(blocks):
        members = list(range(offset, offset + size))
        G.add_nodes_from(members)
        for u in members:
            for v in members:
                if u == v or (not directed and v < u):
                    continue
                if rng.random() < p:
                    G.add_edge(u, v)
        # one bridge-like tie from the previous block to keep some blocks together
        if b > 0 and b % 2 == 1:
            G.add_edge(offset - 1, offset)
        offset += size
    G.add_nodes_from(range(offset, offset + isolates))
    if weighted:
        for u, v, d in G.edges(data=True):
            d['weight'] = rng.choice([1, 1, 2, 3, 4, 5, 0.5, 2.5])
        set_distance(G)
    sector = {}
    for v in G:
        r = rng.random()
        sector[v] = None if r < 0.08 else SECTORS[int(rng.random() * len(SECTORS))]
    return G, sector


def main():
    os.makedirs(OUT, exist_ok=True)
    K = nx.karate_club_graph()
    club = {v: ('mr-hi' if K.nodes[v]['club'] == 'Mr. Hi' else 'officer') for v in K}
    Ku = nx.Graph()
    Ku.add_nodes_from(K)
    Ku.add_edges_from(K.edges())
    case('karate', Ku, False, club, 7, [0, 33, 2],
         "Zachary's karate club, unweighted; sector = club faction")
    Kw = K.copy()
    set_distance(Kw)
    case('karate-weighted', Kw, True, club, 7, [0, 33],
         "Zachary's karate club with interaction counts as tie strength")

    G, s = random_network(11, False, False, [14, 9, 6, 4, 3], 0.35, 3)
    case('random-undirected', G, False, s, 3, [0, 15], 'seeded blocks, undirected, unweighted, isolates, several components')
    G, s = random_network(12, False, True, [15, 8, 5, 4], 0.4, 2)
    case('random-undirected-weighted', G, True, s, 3, [1, 16], 'seeded blocks, undirected, weighted, isolates, several components')
    G, s = random_network(13, True, False, [13, 9, 6, 3], 0.25, 2)
    case('random-directed', G, False, s, 5, [0, 14], 'seeded blocks, directed, unweighted, isolates, several components')
    G, s = random_network(14, True, True, [14, 10, 5, 3], 0.25, 3)
    case('random-directed-weighted', G, True, s, 5, [2, 15], 'seeded blocks, directed, weighted, isolates, several components')

    # A connected weighted graph so eigenvector centrality is exercised with weights too.
    rng = random.Random(21)
    C = nx.connected_watts_strogatz_graph(40, 6, 0.3, seed=21)
    for _, _, d in C.edges(data=True):
        d['weight'] = rng.choice([1, 2, 3, 4, 5, 1.5])
    set_distance(C)
    case('small-world-weighted', C, True, {v: SECTORS[v % 3] for v in C}, 9, [0], 'connected Watts-Strogatz, weighted')


if __name__ == '__main__':
    main()
