"""Readers and writers of graph file formats, one module per format (networkx style).

Writers take a built graph ``G`` and optionally a :class:`graph.query.Selection` of it
(the current filtered view) and return text or bytes (``generate_*``) or write a file
(``write_*``). Readers of the lossless formats return a validated
:class:`graph.model.Dataset`.
"""
