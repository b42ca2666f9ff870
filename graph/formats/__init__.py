"""Every file format the project reads or writes: one module per format, one registry.

:mod:`graph.formats.registry` lists the formats (name, extensions, media type, reader,
writer, sniff); :func:`open_dataset` is the one door every dataset comes in by (the
embedded data, the app's uploads and ``python -m graph --data``).
"""

from graph.formats.limits import Limits
from graph.formats.open import Imported, load_dataset, open_dataset
from graph.formats.registry import FORMATS, Format, UnknownFormatError, export, get_format

__all__ = [
    "FORMATS",
    "Format",
    "Imported",
    "Limits",
    "UnknownFormatError",
    "export",
    "get_format",
    "load_dataset",
    "open_dataset",
]
