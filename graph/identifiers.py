"""Resolve CURIEs (node ids and cross-references) to the https pages that describe them.

Only prefixes listed here get a link; the local part is percent-encoded, so an id can
never turn into a ``javascript:`` address or break out of a URL.

>>> curie_url("UniProtKB:P35372")
'https://www.uniprot.org/uniprotkb/P35372'
>>> curie_url("KRATOM:antinociception") is None
True
>>> curie_url("PUBCHEM.COMPOUND:1 onmouseover=x")
'https://pubchem.ncbi.nlm.nih.gov/compound/1%20onmouseover%3Dx'
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

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
