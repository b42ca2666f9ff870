r"""Show untrusted text in Streamlit markdown as text: no links, no markup, no HTML.

Streamlit already escapes raw HTML when ``unsafe_allow_html`` is off; escaping the
markdown punctuation too keeps data from turning into links, images or headings.

>>> md_escape("[click](javascript:alert(1)) <b>x</b> *y*")
'\\[click\\]\\(javascript\\:alert\\(1\\)\\) &lt;b&gt;x&lt;/b&gt; \\*y\\*'
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$&])")


def md_escape(text: str) -> str:
    """Escape markdown punctuation and angle brackets in one line of data."""
    text = _MD_SPECIAL.sub(r"\\\1", str(text))
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def md_link(label: str, url: str | None) -> str:
    """Markdown link with escaped label; ``url`` must come from a trusted builder."""
    if not url:
        return md_escape(label)
    safe_url = url.replace(")", "%29").replace("(", "%28").replace(" ", "%20")
    return f"[{md_escape(label)}]({safe_url})"
