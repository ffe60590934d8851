"""Throughput of ``foedus code``: words per second, beside bare ``nlp.pipe`` on the same text.

The difference between the two is the coder's own overhead (actor matching, resolution, trigger
rules, event building). Texts: the World items of ``../shared/data/news/ag_news_test.csv`` when
that file is there, else the bundled example corpus.

    python bench/bench_code.py [--articles N] [--repeat R]
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AG_NEWS = ROOT.parent / "shared" / "data" / "news" / "ag_news_test.csv"
CORPUS = ROOT / "examples" / "corpus"


def load_texts(limit: int) -> tuple[str, list[str]]:
    if AG_NEWS.exists():
        texts = []
        with AG_NEWS.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                if row and row[0] == "1":  # class 1 is World news
                    texts.append(f"{row[1]}\n{row[2]}")
        return "ag_news World items", texts[:limit]
    texts = [p.read_text(encoding="utf-8").split("---", 2)[-1] for p in sorted(CORPUS.glob("*.md"))]
    return "bundled example corpus", texts[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1900)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    from foedus.api import get_coder
    from foedus.records import Article

    name, texts = load_texts(args.articles)
    texts = texts * args.repeat
    words = sum(len(t.split()) for t in texts)
    coder = get_coder()  # loads the model and the dictionaries once, outside the timing
    articles = [Article.from_text(t) for t in texts]

    start = time.perf_counter()
    for _ in coder.nlp.pipe([a.text for a in articles], batch_size=64):
        pass
    bare = time.perf_counter() - start

    start = time.perf_counter()
    n_events = sum(len(events) for _, events in coder.code_articles(articles, batch_size=32))
    full = time.perf_counter() - start

    print(f"texts: {name}, {len(texts)} articles, {words} words")
    print(f"bare nlp.pipe : {words / bare:9.0f} words/s  ({bare:.1f} s)")
    print(f"foedus code   : {words / full:9.0f} words/s  ({full:.1f} s), {n_events} events")
    print(f"coder overhead: {100 * (full - bare) / bare:.0f}% over parsing")


if __name__ == "__main__":
    main()
