"""Predicted drug interactions: a plant's constituents acting on the enzymes that handle a drug.

A route reads ``plant -contains-> alkaloid -inhibits-> CYP3A4 <-substrate_of- midazolam``:
an alkaloid that lowers the activity of the enzyme clearing a drug raises the drug's
exposure; one that raises the activity (induces) lowers it. The same rule runs the other
way (a drug inhibiting the enzyme that clears an alkaloid raises the alkaloid's exposure).
The sign of each step comes from :attr:`graph.vocab.Predicate.polarity`; steps whose
evidence only contradicts them are not walked. Interactions the data records directly
(``interacts_with``) are listed beside the predicted routes.

>>> from graph import build_graph, load_dataset
>>> G = build_graph(load_dataset())
>>> from graph.query import resolve_node
>>> report = drug_interactions(G, resolve_node(G, "midazolam"))
>>> [(r.exposure.value, G.nodes[r.enzyme]["label"]) for r in report.routes][:1]
[('positive', 'CYP3A4')]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx

from graph.errors import UnknownNodeError
from graph.query import EdgeId, relation_sentence
from graph.vocab import NodeKind, Polarity, Predicate

HANDLED_BY = Predicate.SUBSTRATE_OF
EXPOSURE_WORDS = {Polarity.POSITIVE: "up", Polarity.NEGATIVE: "down", Polarity.NONE: "unknown"}


@dataclass(frozen=True)
class InteractionRoute:
    """One predicted route from a perpetrator through an enzyme or transporter to a victim.

    ``edges``: the plant's route to the perpetrator (pass-through steps), the perpetrator's
    signed step on the enzyme, and the victim's ``substrate_of`` step. ``exposure`` is the
    predicted change in the victim's exposure (POSITIVE: up).
    """

    edges: tuple[EdgeId, ...]
    perpetrator: str
    enzyme: str
    victim: str
    exposure: Polarity
    reason: str
    strength: float  # confidence of the weakest step


@dataclass(frozen=True)
class InteractionReport:
    drug: str
    plant: str
    routes: tuple[InteractionRoute, ...]  # plant acting on the drug's exposure
    reverse: tuple[InteractionRoute, ...]  # the drug acting on the plant's constituents
    recorded: tuple[EdgeId, ...]  # interacts_with edges between the drug and the plant's side


def interaction_drugs(G: nx.MultiDiGraph) -> list[str]:
    """Drug nodes that are a substrate of some enzyme or act on one, by label."""
    drugs = [
        n
        for n, d in G.nodes(data=True)
        if d["kind"] is NodeKind.DRUG
        and any(G.edges[e]["predicate"] is HANDLED_BY or _signed(G, e) for e in G.out_edges(n, keys=True))
    ]
    return sorted(drugs, key=lambda n: G.nodes[n]["label"].lower())


def _signed(G: nx.MultiDiGraph, e: EdgeId) -> bool:
    d = G.edges[e]
    return d["predicate"].polarity is not Polarity.NONE and not d["negated_only"] and _is_handler(G, e[1])


def _is_handler(G: nx.MultiDiGraph, node: str) -> bool:
    return any(G.edges[e]["predicate"] is HANDLED_BY for e in G.in_edges(node, keys=True))


def constituent_routes(
    G: nx.MultiDiGraph, plant: str, max_hops: int = 3
) -> dict[str, list[tuple[EdgeId, ...]]]:
    """Every node reached from ``plant`` through sign-passing steps, with the routes there.

    The plant itself is reached by the empty route.
    """
    routes: dict[str, list[tuple[EdgeId, ...]]] = {plant: [()]}
    frontier = [(plant, ())]
    for _ in range(max_hops):
        nxt = []
        for node, route in frontier:
            for e in G.out_edges(node, keys=True):
                d = G.edges[e]
                seen = {plant, *(s[1] for s in route)}
                if not d["predicate"].passes_sign or d["negated_only"] or e[1] in seen:
                    continue
                new = (*route, e)
                routes.setdefault(e[1], []).append(new)
                nxt.append((e[1], new))
        frontier = nxt
    return routes


def _route(G, lead: tuple[EdgeId, ...], act: EdgeId, handled: EdgeId, victim: str) -> InteractionRoute:
    p = G.edges[act]["predicate"]
    exposure = Polarity.of_sign(-p.polarity.sign)
    enzyme = act[1]
    reason = (
        f"{relation_sentence(G, act)} ({'lowers' if p.polarity is Polarity.NEGATIVE else 'raises'} its activity) "
        f"and {G.nodes[victim]['label']} is cleared by {G.nodes[enzyme]['label']}: "
        f"{G.nodes[victim]['label']} exposure {EXPOSURE_WORDS[exposure]}"
    )
    edges = (*lead, act, handled)
    strength = min(G.edges[e]["confidence"] for e in edges)
    return InteractionRoute(
        edges=edges,
        perpetrator=act[0],
        enzyme=enzyme,
        victim=victim,
        exposure=exposure,
        reason=reason,
        strength=strength,
    )


def drug_interactions(G: nx.MultiDiGraph, drug: str, plant: str | None = None) -> InteractionReport:
    """Predicted and recorded interactions between ``plant`` (default: the only plant) and ``drug``."""
    if drug not in G:
        raise UnknownNodeError(drug)
    if plant is None:
        plants = [n for n, d in G.nodes(data=True) if d["kind"] is NodeKind.PLANT]
        if not plants:
            return InteractionReport(drug, "", (), (), ())
        plant = plants[0]
    elif plant not in G:
        raise UnknownNodeError(plant)
    reached = constituent_routes(G, plant)
    routes: list[InteractionRoute] = []
    reverse: list[InteractionRoute] = []
    # The plant's side acting on an enzyme that clears the drug.
    for handled in G.out_edges(drug, keys=True):
        if G.edges[handled]["predicate"] is not HANDLED_BY or G.edges[handled]["negated_only"]:
            continue
        enzyme = handled[1]
        for act in G.in_edges(enzyme, keys=True):
            if act[0] in reached and _signed(G, act):
                routes.extend(_route(G, lead, act, handled, drug) for lead in reached[act[0]])
    # The drug acting on an enzyme that clears one of the plant's constituents.
    for act in G.out_edges(drug, keys=True):
        if not _signed(G, act):
            continue
        for handled in G.in_edges(act[1], keys=True):
            d = G.edges[handled]
            if d["predicate"] is HANDLED_BY and not d["negated_only"] and handled[0] in reached:
                reverse.append(_route(G, (), act, handled, handled[0]))
    recorded = [
        e
        for e in itertools.chain(G.in_edges(drug, keys=True), G.out_edges(drug, keys=True))
        if G.edges[e]["predicate"] is Predicate.INTERACTS_WITH and ({e[0], e[1]} - {drug}) <= reached.keys()
    ]

    def order(r: InteractionRoute):
        return (-r.strength, len(r.edges), r.edges)

    return InteractionReport(
        drug=drug,
        plant=plant,
        routes=tuple(sorted(routes, key=order)),
        reverse=tuple(sorted(reverse, key=order)),
        recorded=tuple(sorted(recorded)),
    )
