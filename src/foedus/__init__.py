"""foedus: code English news into political events and measure how alliances hold together.

The library comes first; the CLI and the web view are thin layers over it::

    import foedus
    events = foedus.code_text("Russia sent troops to Kazakhstan.", date="2022-01-06")
"""

from __future__ import annotations

__version__ = "0.2.0"

from foedus.api import code_text, code_texts, get_coder  # noqa: E402

__all__ = ["__version__", "code_text", "code_texts", "get_coder"]
