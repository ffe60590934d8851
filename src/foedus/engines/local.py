"""The local engine: ingest sources into a store, in one process or a pool of processes.

The pipeline's steps are pure functions of typed records, so the same steps run in a loop
(``workers=1``) or in a :class:`~concurrent.futures.ProcessPoolExecutor` (``workers>1``)::

    list items (main) -> parse items (workers) -> decide new / duplicate / near-duplicate (main)
      -> code new articles (workers, one Coder loaded per process) -> write a batch (main)

Only the main process touches the store (DuckDB allows one writer), and it decides and writes in
the order the sources were listed, so the outcome (which copy is the original, every id) is the
same for any number of workers. A bounded number of chunks is in flight at any time, so memory
stays flat however large the corpus.

Crash safety: each batch (its articles, their events, their index keys and the failures met on
the way) is one transaction. A run killed at any moment leaves whole batches only; running the
same command again skips the article ids already stored and finishes the job.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import duckdb

from foedus.ingest import RawItem, ReadOptions, iter_items, parse_item
from foedus.ingest.neardup import DEFAULT_THRESHOLD, jaccard, keys_for_text, shingles
from foedus.records import Article, Event, Failure
from foedus.store import Batch, Store, StoredArticle

#: Items parsed per task sent to a worker: small enough to spread slow URL fetches over workers.
PARSE_CHUNK = 8


class CoderLike(Protocol):
    def code_articles(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Event]]]: ...


CoderFactory = Callable[[Sequence[Path]], CoderLike]


def default_coder(actor_files: Sequence[Path]) -> CoderLike:
    """The event coder (imported here: loading its NLP pipeline is the worker's job)."""
    from foedus.events.coder import Coder

    return Coder(actor_files)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How ``ingest`` runs. Every option has a default suited to a laptop."""

    read: ReadOptions = field(default_factory=ReadOptions)
    workers: int = 1  # processes for parsing and coding (1: everything in this process)
    batch_size: int = 100  # articles per committed transaction
    near_dup_threshold: float | None = DEFAULT_THRESHOLD  # None: no near-duplicate detection
    actor_files: tuple[Path, ...] = ()
    coder_batch_size: int = 32  # articles per call to the coder
    #: Builds the coder in each process; a top-level function, so that it pickles.
    coder_factory: CoderFactory = default_coder


@dataclass(slots=True)
class IngestSummary:
    """What a run did. ``failed`` counts errors; ``skipped`` articles left out on purpose."""

    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    skipped: int = 0
    warnings: int = 0
    events: int = 0
    batches: int = 0
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.new + self.duplicate + self.near_duplicate

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "duplicate": self.duplicate,
            "near_duplicate": self.near_duplicate,
            "failed": self.failed,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 1),
        }


# -- the steps that run in workers (module-level, so that they pickle) --------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(read: ReadOptions, factory: CoderFactory, actor_files: Sequence[Path]) -> None:
    # Once per process: the coder (and the NLP pipeline behind it) is loaded here, not per task.
    _WORKER["read"] = read
    _WORKER["factory"] = factory
    _WORKER["actor_files"] = tuple(actor_files)
    _WORKER["coder"] = None


def _coder() -> CoderLike:
    if _WORKER.get("coder") is None:
        _WORKER["coder"] = _WORKER["factory"](_WORKER["actor_files"])
    return _WORKER["coder"]


Parsed = tuple[str, Any, Any]  # ("article", Article, lsh keys) | ("failure", Failure, None)
# | ("item", RawItem, None)


def parse_chunk(items: Sequence[RawItem], with_keys: bool) -> list[Parsed]:
    """Parse items into articles (with their near-duplicate index keys), failures, new items."""
    read: ReadOptions = _WORKER["read"]
    out: list[Parsed] = []
    for item in items:
        for result in parse_item(item, read):
            if isinstance(result, Article):
                keys = keys_for_text(result.text)[1] if with_keys else []
                out.append(("article", result, keys))
            elif isinstance(result, Failure):
                out.append(("failure", result, None))
            else:
                out.append(("item", result, None))
    return out


def code_chunk(
    articles: Sequence[Article], batch_size: int
) -> tuple[dict[str, list[Event]], list[Failure]]:
    """Code articles; an article the coder chokes on is reported and gets no events."""
    coder = _coder()
    try:
        return {a.article_id: list(ev) for a, ev in coder.code_articles(articles, batch_size)}, []
    except Exception:  # one bad article must not lose the others: code them one at a time
        pass
    events: dict[str, list[Event]] = {}
    failures: list[Failure] = []
    for article in articles:
        try:
            for done, found in coder.code_articles([article], 1):
                events[done.article_id] = list(found)
        except Exception as exc:  # reported; the article is kept without events
            failures.append(
                Failure.now(
                    article.source or article.article_id,
                    f"coding failed ({type(exc).__name__}: {exc}); stored without events",
                )
            )
    return events, failures


class _InlineExecutor(Executor):
    """Runs each task at once in this process: the loop engine, with the pool's interface."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


# -- the main process: decisions and writes -----------------------------------------------------


@dataclass(slots=True)
class _OpenBatch:
    stored: list[StoredArticle] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    to_code: list[Article] = field(default_factory=list)


@dataclass(slots=True)
class _SubmittedBatch:
    batch: _OpenBatch
    futures: list[Future[tuple[dict[str, list[Event]], list[Failure]]]]


ProgressCallback = Callable[[IngestSummary, int], None]  # summary so far, articles just done
FailureCallback = Callable[[Failure], None]
CommitCallback = Callable[[IngestSummary, int], None]  # summary so far, articles committed


class _Ingest:
    def __init__(
        self,
        store: Store,
        options: IngestOptions,
        executor: Executor,
        on_progress: ProgressCallback | None,
        on_failure: FailureCallback | None,
        on_commit: CommitCallback | None,
    ) -> None:
        self.store = store
        self.options = options
        self.executor = executor
        self.on_progress = on_progress
        self.on_failure = on_failure
        self.on_commit = on_commit
        self.summary = IngestSummary()
        # Enough parsing queued to fill two batches: while a batch is being coded the workers
        # find the next batch's parsing already waiting, and never sit idle for the main
        # process. Both windows bound the memory in flight, whatever the corpus size.
        self.parse_window = max(2 * options.workers, -(-2 * options.batch_size // PARSE_CHUNK))
        self.code_window = max(2, options.workers)
        self.open = _OpenBatch()
        self.coding: deque[_SubmittedBatch] = deque()
        # Decided but not yet committed: consulted with the store, so that a copy whose
        # original is still in flight is recognised.
        self.pending_ids: set[str] = set()
        self.pending_keys: dict[int, list[str]] = {}
        self.pending_text: dict[str, str] = {}
        # Coding tasks not yet counted as progress, with their number of articles.
        self.uncounted: list[tuple[Future[Any], int]] = []

    # the loop ---------------------------------------------------------------------------------

    def run(self, sources: Iterable[str | os.PathLike[str]]) -> IngestSummary:
        started = time.perf_counter()
        listing = iter_items(sources, self.options.read)
        follow_ups: deque[RawItem] = deque()
        parsing: deque[Future[list[Parsed]]] = deque()
        coding = self.coding
        with_keys = self.options.near_dup_threshold is not None
        exhausted = False
        while True:
            while len(parsing) < self.parse_window and not (exhausted and not follow_ups):
                chunk: list[RawItem] = []
                while len(chunk) < PARSE_CHUNK and follow_ups:
                    chunk.append(follow_ups.popleft())
                while len(chunk) < PARSE_CHUNK and not exhausted:
                    listed = next(listing, None)
                    if listed is None:
                        exhausted = True
                    elif isinstance(listed, Failure):
                        self._failure(listed)
                    else:
                        chunk.append(listed)
                if not chunk:
                    break
                parsing.append(self.executor.submit(parse_chunk, chunk, with_keys))
            if not parsing:
                if follow_ups:
                    continue
                break
            results = self._wait(parsing.popleft())
            articles: list[tuple[Article, list[int]]] = []
            for tag, value, keys in results:
                if tag == "article":
                    articles.append((value, keys))
                elif tag == "failure":
                    self._failure(value)
                else:
                    follow_ups.append(value)
            before = self.summary.duplicate + self.summary.near_duplicate
            self._decide(articles)
            # Duplicates are done once decided; new articles once coded (see _count_coded).
            self._progress(self.summary.duplicate + self.summary.near_duplicate - before)
            self._count_coded()
            # Write finished batches in order; wait for the oldest when too many are in flight.
            while coding and (_done(coding[0]) or len(coding) > self.code_window):
                self._write(coding.popleft())
        if self.open.stored or self.open.failures:
            self._cut()
        while coding:
            self._write(coding.popleft())
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _wait(self, future: Future[Any]) -> Any:
        """The future's result; meanwhile, coding that finishes is counted as progress."""
        while not future.done():
            others = [f for f, _ in self.uncounted]
            wait([future, *others], timeout=1.0, return_when=FIRST_COMPLETED)
            self._count_coded()
        return future.result()

    def _count_coded(self) -> None:
        still: list[tuple[Future[Any], int]] = []
        for future, size in self.uncounted:
            if future.done():
                self._progress(size)
            else:
                still.append((future, size))
        self.uncounted = still

    def _progress(self, done: int) -> None:
        if done and self.on_progress is not None:
            self.on_progress(self.summary, done)

    def _failure(self, failure: Failure) -> None:
        if failure.kind == "warning":
            self.summary.warnings += 1
        elif failure.kind == "skipped":
            self.summary.skipped += 1
        else:
            self.summary.failed += 1
        self.open.failures.append(failure)
        if self.on_failure is not None:
            self.on_failure(failure)
        if len(self.open.failures) >= 10 * self.options.batch_size:
            self._cut()  # a source of nothing but failures must not pile them up in memory

    # deciding -------------------------------------------------------------------------------

    def _decide(self, articles: list[tuple[Article, list[int]]]) -> None:
        """Sort parsed articles into duplicates, near-duplicates and new originals, in order."""
        if not articles:
            return
        stored = self.store.known_ids(a.article_id for a, _ in articles)
        threshold = self.options.near_dup_threshold
        fresh: list[tuple[Article, list[int]]] = []
        for article, keys in articles:
            if article.article_id in stored or article.article_id in self.pending_ids:
                self.summary.duplicate += 1
                continue
            self.pending_ids.add(article.article_id)  # also catches a repeat within the chunk
            fresh.append((article, keys))
        if threshold is None:
            for article, _ in fresh:
                self._add_original(article, [])
            return
        in_store = self.store.lsh_candidates({i: keys for i, (_, keys) in enumerate(fresh)})
        texts = self.store.texts({c for found in in_store.values() for c in found})
        for i, (article, keys) in enumerate(fresh):
            candidates = set(in_store.get(i, ()))
            for key in keys:
                candidates.update(self.pending_keys.get(key, ()))
            match = self._best_match(article, candidates, texts, threshold)
            if match is None:
                self._add_original(article, keys)
            else:
                original, similarity = match
                self.summary.near_duplicate += 1
                self._store(
                    StoredArticle(article, duplicate_of=original, similarity=round(similarity, 4))
                )

    def _best_match(
        self, article: Article, candidates: set[str], texts: dict[str, str], threshold: float
    ) -> tuple[str, float] | None:
        if not candidates:
            return None
        mine = shingles(article.text)
        best: tuple[str, float] | None = None
        for candidate in sorted(candidates):
            text = self.pending_text.get(candidate) or texts.get(candidate)
            if text is None:
                continue
            score = jaccard(mine, shingles(text))
            if score >= threshold and (best is None or score > best[1]):
                best = (candidate, score)
        return best

    def _add_original(self, article: Article, keys: list[int]) -> None:
        self.summary.new += 1
        if keys:
            self.pending_text[article.article_id] = article.text
            for key in keys:
                self.pending_keys.setdefault(key, []).append(article.article_id)
        self.open.to_code.append(article)
        self._store(StoredArticle(article, lsh_keys=keys))

    def _store(self, stored: StoredArticle) -> None:
        self.open.stored.append(stored)
        if len(self.open.stored) >= self.options.batch_size:
            self._cut()

    def _cut(self) -> None:
        """Close the open batch: send its new articles to be coded; it is written when done."""
        self.coding.append(self._submit_coding())

    # coding and writing ---------------------------------------------------------------------

    def _submit_coding(self) -> _SubmittedBatch:
        batch, self.open = self.open, _OpenBatch()
        size = self.options.coder_batch_size
        workers = self.options.workers
        # Equal tasks, a multiple of the worker count, none larger than the coder's batch: the
        # batch is coded by every worker at once and none waits on a short last task.
        count = len(batch.to_code)
        tasks = max(1, -(-count // size))  # ceil(count / size)
        if workers > 1:
            tasks = -(-tasks // workers) * workers  # rounded up to a multiple of workers
        per_task = max(1, -(-count // tasks))
        futures = []
        for i in range(0, count, per_task):
            chunk = batch.to_code[i : i + per_task]
            futures.append(self.executor.submit(code_chunk, chunk, size))
            self.uncounted.append((futures[-1], len(chunk)))
            self._count_coded()  # in one process the task has run already: count it now
        return _SubmittedBatch(batch, futures)

    def _write(self, submitted: _SubmittedBatch) -> None:
        opened = submitted.batch
        for future in submitted.futures:
            self._wait(future)
        self._count_coded()
        events: list[Event] = []
        failures = list(opened.failures)
        coded: dict[str, list[Event]] = {}
        for future in submitted.futures:
            found, problems = future.result()
            coded.update(found)
            failures.extend(problems)
            for problem in problems:
                self.summary.failed += 1
                if self.on_failure is not None:
                    self.on_failure(problem)
        for stored in opened.stored:
            events.extend(coded.get(stored.article.article_id, ()))
        batch = Batch(articles=opened.stored, events=events, failures=failures)
        try:
            self.store.write_batch(batch)
        except duckdb.Error:
            self._write_one_by_one(batch, coded)
        else:
            self.summary.events += len(events)
        self.summary.batches += 1
        for stored in opened.stored:
            aid = stored.article.article_id
            self.pending_ids.discard(aid)
            if self.pending_text.pop(aid, None) is not None:
                for key in stored.lsh_keys:
                    ids = self.pending_keys.get(key, [])
                    if aid in ids:
                        ids.remove(aid)
                    if not ids:
                        self.pending_keys.pop(key, None)
        if self.on_commit is not None:
            self.on_commit(self.summary, len(opened.stored))

    def _write_one_by_one(self, batch: Batch, by_article: dict[str, list[Event]]) -> None:
        # A batch the store refused (a malformed event from the coder, say): write each article
        # with the events coded from it, so that only the culprit is lost, and say which it was.
        self.store.record_failures(batch.failures)
        for stored in batch.articles:
            aid = stored.article.article_id
            single = Batch(articles=[stored], events=by_article.get(aid, []))
            try:
                self.store.write_batch(single)
                self.summary.events += len(single.events)
            except duckdb.Error as exc:
                problem = Failure.now(
                    stored.article.source or aid,
                    f"could not be stored ({type(exc).__name__}: {_first_line(exc)})",
                )
                if stored.duplicate_of is None:
                    self.summary.new -= 1
                else:
                    self.summary.near_duplicate -= 1
                self.summary.failed += 1
                self.store.record_failures([problem])
                if self.on_failure is not None:
                    self.on_failure(problem)


def _done(submitted: _SubmittedBatch) -> bool:
    return all(f.done() for f in submitted.futures)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def ingest(
    sources: Iterable[str | os.PathLike[str]],
    store: Store,
    options: IngestOptions | None = None,
    *,
    on_progress: ProgressCallback | None = None,
    on_failure: FailureCallback | None = None,
    on_commit: CommitCallback | None = None,
) -> IngestSummary:
    """Read, de-duplicate, code and store every article in the sources; return what was done.

    Never raises for bad input: every bad item is a recorded failure. With ``workers > 1``
    parsing and coding run in that many processes (started with ``spawn``, which is safe with
    the open database and threads of this process; each loads the coder once).
    """
    options = options or IngestOptions()
    init_args = (options.read, options.coder_factory, options.actor_files)
    if options.workers <= 1:
        _init_worker(*init_args)
        return _Ingest(store, options, _InlineExecutor(), on_progress, on_failure,
                       on_commit).run(sources)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=options.workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=init_args,
    ) as pool:
        try:
            return _Ingest(store, options, pool, on_progress, on_failure, on_commit).run(sources)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
