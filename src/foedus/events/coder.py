"""The event coder (work in progress: interface fixed, internals being written)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from foedus.records import Article, Event


class Coder:
    """Codes articles into events. Load once; reuse for many articles."""

    def __init__(self, actor_files: Sequence[Path | str] = ()) -> None:
        self.actor_files = [Path(p) for p in actor_files]

    def code_article(self, article: Article) -> list[Event]:
        return next(iter(self.code_articles([article])))[1]

    def code_articles(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            yield article, []
