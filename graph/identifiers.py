"""Identifier namespaces: which CURIE prefixes exist, their base IRIs, id syntax and resolvers.

One home for the id policy. :data:`NAMESPACES` lists every prefix the data and the
exports may use: those the Biolink prefix map registers (``biolink=True``, with the map's
base IRI) and those it lacks, declared here with a base IRI of their own (the local
``KRATOM:`` ids among them). :func:`declared_prefixes` is what the KGX writer puts in its
metadata; :func:`kgx_node_identifiers` gives a node's ``xref`` and
``equivalent_identifiers``; :func:`curie_problems` checks a CURIE against its namespace.

Only prefixes with a resolver get a link; the local part is percent-encoded, so an id can
never turn into a ``javascript:`` address or break out of a URL.

>>> curie_url("UniProtKB:P35372")
'https://www.uniprot.org/uniprotkb/P35372'
>>> curie_url("KRATOM:antinociception") is None
True
>>> curie_url("PUBCHEM.COMPOUND:1 onmouseover=x")
'https://pubchem.ncbi.nlm.nih.gov/compound/1%20onmouseover%3Dx'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit


@dataclass(frozen=True, slots=True)
class Namespace:
    """A CURIE prefix: its base IRI, the syntax of its local ids, and whether Biolink registers it."""

    prefix: str
    base_iri: str
    pattern: str
    biolink: bool
    meaning: str


_UNIPROT = r"([OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9]([A-Z][A-Z0-9]{2}[0-9]){1,2})(-[0-9]+)?"

NAMESPACES: dict[str, Namespace] = {
    ns.prefix: ns
    for ns in (
        # Registered in the Biolink prefix map (biolink-model 4.4.6); base IRIs as the map gives them.
        Namespace(
            "PUBCHEM.COMPOUND",
            "http://identifiers.org/pubchem.compound/",
            r"[0-9]+",
            True,
            "PubChem compound (CID)",
        ),
        Namespace("CHEBI", "http://purl.obolibrary.org/obo/CHEBI_", r"[0-9]+", True, "ChEBI chemical entity"),
        Namespace(
            "CHEMBL.COMPOUND",
            "http://identifiers.org/chembl.compound/",
            r"CHEMBL[0-9]+",
            True,
            "ChEMBL compound",
        ),
        Namespace("DRUGBANK", "http://identifiers.org/drugbank/", r"DB[0-9]{5}", True, "DrugBank drug"),
        Namespace(
            "UNII", "http://identifiers.org/unii/", r"[A-Z0-9]{10}", True, "FDA unique ingredient identifier"
        ),
        Namespace(
            "CAS", "http://identifiers.org/cas/", r"[0-9]{2,7}-[0-9]{2}-[0-9]", True, "CAS registry number"
        ),
        Namespace(
            "KEGG.COMPOUND", "http://identifiers.org/kegg.compound/", r"C[0-9]{5}", True, "KEGG compound"
        ),
        Namespace(
            "MESH",
            "http://id.nlm.nih.gov/mesh/",
            r"[CD][0-9]{6,9}",
            True,
            "MeSH descriptor or supplementary concept",
        ),
        Namespace("WIKIDATA", "https://www.wikidata.org/entity/", r"Q[0-9]+", True, "Wikidata item"),
        Namespace(
            "UniProtKB", "http://purl.uniprot.org/uniprot/", _UNIPROT, True, "UniProt protein accession"
        ),
        Namespace("HGNC", "http://identifiers.org/hgnc/", r"[0-9]+", True, "HGNC human gene"),
        Namespace("NCBIGene", "http://identifiers.org/ncbigene/", r"[0-9]+", True, "NCBI Gene"),
        Namespace(
            "ENSEMBL", "http://identifiers.org/ensembl/", r"ENS[A-Z]*[GTP][0-9]{11}", True, "Ensembl gene"
        ),
        Namespace("NCBITaxon", "http://purl.obolibrary.org/obo/NCBITaxon_", r"[0-9]+", True, "NCBI Taxonomy"),
        Namespace("GO", "http://purl.obolibrary.org/obo/GO_", r"[0-9]{7}", True, "Gene Ontology term"),
        Namespace(
            "HP", "http://purl.obolibrary.org/obo/HP_", r"[0-9]{7}", True, "Human Phenotype Ontology term"
        ),
        Namespace("MONDO", "http://purl.obolibrary.org/obo/MONDO_", r"[0-9]{7}", True, "Mondo disease"),
        Namespace(
            "MP", "http://purl.obolibrary.org/obo/MP_", r"[0-9]{7}", True, "Mammalian Phenotype Ontology term"
        ),
        Namespace(
            "IUPHAR.FAMILY",
            "http://identifiers.org/iuphar.family/",
            r"[0-9]+",
            True,
            "IUPHAR/BPS Guide to Pharmacology target family",
        ),
        Namespace("NCIT", "http://purl.obolibrary.org/obo/NCIT_", r"C[0-9]+", True, "NCI Thesaurus concept"),
        Namespace(
            "UMLS", "http://identifiers.org/umls/", r"C[0-9]{7}", True, "UMLS Metathesaurus concept (CUI)"
        ),
        Namespace("PMID", "http://www.ncbi.nlm.nih.gov/pubmed/", r"[0-9]+", True, "PubMed article"),
        Namespace("PMCID", "http://www.ncbi.nlm.nih.gov/pmc/", r"PMC[0-9]+", True, "PubMed Central article"),
        Namespace("doi", "https://doi.org/", r"10\.[0-9]{4,9}/\S+", True, "Digital Object Identifier"),
        Namespace("biolink", "https://w3id.org/biolink/vocab/", r"[A-Za-z_]+", True, "Biolink model element"),
        # Not in the Biolink prefix map: declared with a base IRI in every export that carries a context.
        Namespace(
            "KRATOM",
            "urn:kratom-mechanism-explorer:",
            r"[a-z0-9_]+",
            False,
            "local id of this dataset, for entities without a verified registered id (does not resolve)",
        ),
        Namespace("GBIF", "https://www.gbif.org/species/", r"[0-9]+", False, "GBIF backbone taxon"),
        Namespace(
            "CHEMSPIDER", "http://identifiers.org/chemspider/", r"[0-9]+", False, "ChemSpider structure"
        ),
        Namespace(
            "IUPHAR.RECEPTOR",
            "http://identifiers.org/iuphar.receptor/",
            r"[0-9]+",
            False,
            "IUPHAR/BPS Guide to Pharmacology target",
        ),
        Namespace(
            "infores",
            "https://w3id.org/information-resource-registry/",
            r"[a-z0-9][a-z0-9.-]*",
            False,
            "Translator information resource (knowledge source)",
        ),
    )
}
_PATTERNS = {p: re.compile(ns.pattern) for p, ns in NAMESPACES.items()}

RESOLVERS: dict[str, tuple[str, str]] = {
    # prefix: (name shown to readers, URL template with {id})
    "PUBCHEM.COMPOUND": ("PubChem", "https://pubchem.ncbi.nlm.nih.gov/compound/{id}"),
    "CHEBI": ("ChEBI", "https://www.ebi.ac.uk/chebi/searchId.do?chebiId=CHEBI:{id}"),
    "CHEMBL.COMPOUND": ("ChEMBL", "https://www.ebi.ac.uk/chembl/compound_report_card/{id}/"),
    "UniProtKB": ("UniProt", "https://www.uniprot.org/uniprotkb/{id}"),
    "HGNC": ("HGNC", "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:{id}"),
    "NCBIGene": ("NCBI Gene", "https://www.ncbi.nlm.nih.gov/gene/{id}"),
    "NCBITaxon": ("NCBI Taxonomy", "https://www.ncbi.nlm.nih.gov/Taxonomy/Browser/wwwtax.cgi?id={id}"),
    "GBIF": ("GBIF", "https://www.gbif.org/species/{id}"),
    "GO": ("Gene Ontology", "https://amigo.geneontology.org/amigo/term/GO:{id}"),
    "HP": ("HPO", "https://hpo.jax.org/browse/term/HP:{id}"),
    "MONDO": ("Mondo", "https://monarchinitiative.org/MONDO:{id}"),
    "MP": ("Mammalian Phenotype Ontology", "https://purl.obolibrary.org/obo/MP_{id}"),
    "IUPHAR.FAMILY": (
        "IUPHAR/BPS",
        "https://www.guidetopharmacology.org/GRAC/FamilyDisplayForward?familyId={id}",
    ),
    "NCIT": ("NCI Thesaurus", "https://evsexplore.semantics.cancer.gov/evsexplore/concept/ncit/{id}"),
    "UMLS": (
        "NCI Metathesaurus (UMLS CUI)",
        "https://evsexplore.semantics.cancer.gov/evsexplore/concept/ncim/{id}",
    ),
    "DRUGBANK": ("DrugBank", "https://go.drugbank.com/drugs/{id}"),
    "CAS": ("CAS Common Chemistry", "https://commonchemistry.cas.org/detail?cas_rn={id}"),
    "CHEMSPIDER": ("ChemSpider", "https://www.chemspider.com/Chemical-Structure.{id}.html"),
    "ENSEMBL": ("Ensembl", "https://www.ensembl.org/id/{id}"),
    "IUPHAR.RECEPTOR": (
        "IUPHAR/BPS",
        "https://www.guidetopharmacology.org/GRAC/ObjectDisplayForward?objectId={id}",
    ),
    "UNII": ("FDA UNII", "https://precision.fda.gov/uniisearch/srs/unii/{id}"),
    "KEGG.COMPOUND": ("KEGG", "https://www.kegg.jp/entry/{id}"),
    "MESH": ("MeSH", "https://meshb.nlm.nih.gov/record/ui?ui={id}"),
    "WIKIDATA": ("Wikidata", "https://www.wikidata.org/wiki/{id}"),
    "PMID": ("PubMed", "https://pubmed.ncbi.nlm.nih.gov/{id}/"),
    "doi": ("DOI", "https://doi.org/{id}"),
    "PMCID": ("PMC", "https://pmc.ncbi.nlm.nih.gov/articles/{id}/"),
}


def split_curie(curie: str) -> tuple[str, str]:
    prefix, _, local = curie.partition(":")
    return prefix, local


def curie_url(curie: str) -> str | None:
    """https address of a CURIE, or None for prefixes without a public resolver."""
    prefix, local = split_curie(curie)
    resolver = RESOLVERS.get(prefix)
    if resolver is None or not local:
        return None
    return resolver[1].format(id=quote(local, safe="/.-_"))


def curie_source_name(curie: str) -> str:
    """Human name of the database behind a CURIE (the prefix when unknown)."""
    prefix, _ = split_curie(curie)
    return RESOLVERS.get(prefix, (prefix, ""))[0]


def safe_http_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) address, else None (never ``javascript:``).

    >>> safe_http_url("https://doi.org/10.1/x"), safe_http_url("javascript:alert(1)"), safe_http_url("//evil")
    ('https://doi.org/10.1/x', None, None)
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def curie_problems(curie: str) -> list[str]:
    """What is wrong with a CURIE: an undeclared prefix, or a local id off its namespace's syntax.

    >>> curie_problems("UniProtKB:P35372"), curie_problems("HP:0001250")
    ([], [])
    >>> curie_problems("HP:12")
    ["'HP:12': local id '12' does not match HP's pattern [0-9]{7}"]
    >>> curie_problems("FOO:1")
    ["'FOO:1': prefix 'FOO' is neither in the Biolink prefix map nor declared"]
    """
    prefix, local = split_curie(curie)
    ns = NAMESPACES.get(prefix)
    if ns is None:
        return [f"{curie!r}: prefix {prefix!r} is neither in the Biolink prefix map nor declared"]
    if not _PATTERNS[prefix].fullmatch(local):
        return [f"{curie!r}: local id {local!r} does not match {prefix}'s pattern {ns.pattern}"]
    return []


def is_registered(curie: str) -> bool:
    """True when the CURIE's prefix is one the Biolink prefix map registers."""
    ns = NAMESPACES.get(split_curie(curie)[0])
    return ns is not None and ns.biolink


def declared_prefixes(curies: Iterable[str]) -> dict[str, str]:
    """``{prefix: base IRI}`` for the prefixes among ``curies`` that Biolink's map lacks.

    >>> declared_prefixes(["KRATOM:mood", "PMID:1", "GBIF:7461054"])
    {'GBIF': 'https://www.gbif.org/species/', 'KRATOM': 'urn:kratom-mechanism-explorer:'}
    """
    used = {split_curie(c)[0] for c in curies}
    return {p: NAMESPACES[p].base_iri for p in sorted(used) if p in NAMESPACES and not NAMESPACES[p].biolink}


def kgx_node_identifiers(
    node_id: str, xrefs: Iterable[str], subunits: Iterable[str] = ()
) -> dict[str, list[str]]:
    """KGX ``xref`` (cross-references and, for a complex, its subunits) and ``equivalent_identifiers``.

    Subunits are parts, not the same thing, so they stay out of the equivalents.

    >>> kgx_node_identifiers("GO:0017146", ["KRATOM:nmda_receptor"], ["UniProtKB:Q05586"])
    {'xref': ['KRATOM:nmda_receptor', 'UniProtKB:Q05586'], 'equivalent_identifiers': ['GO:0017146', 'KRATOM:nmda_receptor']}
    """
    xrefs = list(xrefs)
    return {
        "xref": xrefs + [s for s in subunits if s not in xrefs],
        "equivalent_identifiers": [node_id, *xrefs],
    }
