"""Ingest throughput and peak memory at 1x, 2x and 4x a corpus size: memory must stay flat.

A synthetic corpus is generated from the bundled example corpus (``examples/corpus/*.md``; the
tests' stories when it is absent): each synthetic article keeps one example's front matter and
headline and draws its paragraphs' sentences, seeded, from the whole corpus, so every article
has its own id, reads as English news, and is not a near-duplicate of another; one in twenty is
a wire copy of an earlier one (another headline and dateline), to exercise that path too.

Each size is ingested into a new store by a fresh Python process, so that its peak resident
memory (``ru_maxrss``; for ``--workers > 1`` the largest worker too) is its own.

    python bench/bench_ingest.py [--base 200] [--scales 1,2,4] [--workers 1] [--coder real|null]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def load_examples() -> list[tuple[dict[str, str], str]]:
    """(front matter, body) of each example article."""
    import frontmatter

    files = sorted(CORPUS.glob("*.md"))
    if files:
        out = []
        for path in files:
            post = frontmatter.load(path)
            meta = {k: str(v) for k, v in post.metadata.items()}
            out.append((meta, post.content))
        return out
    sys.path.insert(0, str(ROOT / "tests"))
    from corpus_fixtures import STORIES

    return [({"title": t, "date": "2024-03-05", "outlet": "Wire"}, b) for t, b in STORIES.values()]


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` synthetic articles (Markdown with front matter) into ``folder``."""
    examples = load_examples()
    pool = [s for _, body in examples for s in _SENTENCE.split(" ".join(body.split())) if s]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, str]] = []
    for i in range(count):
        meta, _ = examples[i % len(examples)]
        if i % 20 == 19 and written:
            title, body = written[rng.randrange(len(written))]
            title = f"{title} (wire)"
            body = f"(Wire) - {body} Reporting by staff."
        else:
            title = f"{meta.get('title', 'Report')} - {i}"
            paragraphs = [" ".join(rng.sample(pool, 3)) for _ in range(4)]
            body = "\n\n".join(paragraphs)
            written.append((title, body))
        head = "\n".join(f"{k}: {json.dumps(v)}" for k, v in
                         {**meta, "title": title, "url": f"https://bench.example/{i}"}.items())
        (folder / f"{i:06d}.md").write_text(f"---\n{head}\n---\n{body}\n", encoding="utf-8")


class NullCoder:
    """Codes nothing: measures reading, de-duplication and storing without the NLP."""

    def code_articles(self, articles: Iterable[object], batch_size: int = 32) -> Iterator[
            tuple[object, list[object]]]:
        for article in articles:
            yield article, []


def null_coder(actor_files: object = ()) -> NullCoder:
    return NullCoder()


def child(folder: Path, db: Path, workers: int, coder: str) -> None:
    """Ingest one corpus in this process and print a JSON line of measurements."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from foedus.engines.local import IngestOptions, default_coder, ingest
    from foedus.store import Store

    factory = default_coder if coder == "real" else null_coder
    options = IngestOptions(workers=workers, coder_factory=factory)  # type: ignore[arg-type]
    started = time.perf_counter()
    with Store(db) as store:
        summary = ingest([folder], store, options)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({
        "articles": summary.articles, "new": summary.new, "duplicate": summary.duplicate,
        "near_duplicate": summary.near_duplicate, "failed": summary.failed,
        "events": summary.events, "seconds": round(seconds, 2),
        "articles_per_second": round(summary.articles / seconds, 1),
        "peak_rss_mib": round(own, 1), "peak_worker_rss_mib": round(workers_rss, 1),
        "db_mib": round(db.stat().st_size / 2**20, 1),
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=int, default=200, help="articles at 1x")
    parser.add_argument("--scales", default="1,2,4")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--coder", choices=("real", "null"), default="real")
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.workers, args.coder)
        return
    scales = [int(s) for s in args.scales.split(",")]
    print(f"ingest benchmark: {args.base} articles at 1x, workers={args.workers}, "
          f"coder={args.coder}, source: {CORPUS if CORPUS.exists() else 'test stories'}")
    print(f"{'scale':>5} {'articles':>8} {'new':>6} {'dup':>4} {'near-dup':>8} {'events':>7} "
          f"{'seconds':>8} {'art/s':>7} {'peak RSS MiB':>12} {'worker RSS':>10} {'db MiB':>7}")
    with tempfile.TemporaryDirectory(prefix="foedus-bench-") as tmp:
        for scale in scales:
            folder = Path(tmp) / f"corpus-{scale}x"
            generate(folder, args.base * scale)
            db = Path(tmp) / f"store-{scale}x.duckdb"
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(folder), str(db),
                 "--workers", str(args.workers), "--coder", args.coder],
                capture_output=True, text=True, check=True,
            )
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{scale:>4}x {r['articles']:>8} {r['new']:>6} {r['duplicate']:>4} "
                  f"{r['near_duplicate']:>8} "
                  f"{r['events']:>7} {r['seconds']:>8.1f} {r['articles_per_second']:>7.1f} "
                  f"{r['peak_rss_mib']:>12.1f} {r['peak_worker_rss_mib']:>10.1f} "
                  f"{r['db_mib']:>7.1f}", flush=True)


if __name__ == "__main__":
    main()
