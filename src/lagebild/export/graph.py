"""The actor network as a networkx graph and GraphML (nodes: participant codes with label,
kind and event count; undirected edges with events, cooperation, conflict and mean scale).
The numbers are those of lagebild.store.queries.network."""
from __future__ import annotations

from typing import IO, Any

from ..store.queries import network


def actor_graph(store, *, since: Any = None, until: Any = None, type: str | None = None):
    import networkx as nx

    net = network(store, since=since, until=until, type=type)
    g = nx.Graph(name="lagebild actor network")
    for n in net["nodes"]:
        g.add_node(n["id"], label=n["label"], kind=n["kind"], events=n["events"])
    for e in net["edges"]:
        attrs = {k: e[k] for k in ("events", "cooperation", "conflict")}
        if e["score"] is not None:   # GraphML has no null: leave the attribute out
            attrs["score"] = float(e["score"])
        g.add_edge(e["source"], e["target"], **attrs)
    return g


def write_graphml(store, where: str | IO[bytes], **kw) -> tuple[int, int]:
    """Write GraphML to a path or binary stream; returns (nodes, edges)."""
    import networkx as nx

    g = actor_graph(store, **kw)
    nx.write_graphml(g, where, encoding="utf-8")
    return g.number_of_nodes(), g.number_of_edges()
