"""The embedded store: one DuckDB file holding articles, events, failures and their index.

Tables (documented for users in ``docs/store.md``; the version is in ``schema_version``):

* ``articles`` - one row per distinct article text (``article_id`` = hash of the normalised
  text); a near-duplicate keeps its own row and points at its original in ``duplicate_of``;
* ``events`` - one row per coded event, every column of :data:`~foedus.records.EVENT_FIELDS`;
  ``num_articles`` counts the original article plus its near-duplicates;
* ``actors`` - a view over ``events``: every actor code seen, with counts and first/last dates;
* ``failures`` - every item that could not be used as it was: item, reason, kind, time;
* ``article_lsh`` - the near-duplicate index (MinHash band keys of original articles);
* ``schema_version`` - the store's schema version, one row per migration applied.

Writes are idempotent (an article id already stored is skipped) and transactional: an article
and its events, its index keys and the batch's failures are committed together, so a process
killed at any moment leaves either all of a batch or none of it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import date as Date
from pathlib import Path
from typing import Any, Literal, TextIO, get_args, get_type_hints

import duckdb
import pyarrow as pa

from foedus import __version__
from foedus.records import EVENT_FIELDS, Article, Event, Failure

#: The schema this version of foedus writes. Bump it and add a migration when tables change.
SCHEMA_VERSION = 1
#: The store's file name when neither ``--db`` nor ``FOEDUS_DB`` says otherwise.
DEFAULT_DB_NAME = "foedus.duckdb"
DB_ENV = "FOEDUS_DB"

ExportFormat = Literal["parquet", "csv", "jsonl"]
EXPORT_FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")

#: Article columns added to exported events by ``with_articles``.
ARTICLE_EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_title", "a.title"),
    ("article_outlet", "a.outlet"),
    ("article_url", "a.url"),
    ("article_published", "a.published"),
)

_SQL_TYPES = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN"}
_ARROW_TYPES = {str: pa.string(), int: pa.int32(), float: pa.float64(), bool: pa.bool_()}
_SQL_DEFAULTS = {str: "''", int: "0", float: "0.0", bool: "false"}


def _event_types() -> dict[str, type]:
    """Each event column's base type (``float | None`` is a nullable DOUBLE)."""
    hints = get_type_hints(Event)
    out: dict[str, type] = {}
    for name in EVENT_FIELDS:
        hint = hints[name]
        args = [a for a in get_args(hint) if a is not type(None)]
        out[name] = args[0] if args else hint
    return out


EVENT_TYPES = _event_types()
EVENT_ARROW_SCHEMA = pa.schema([(n, _ARROW_TYPES[t]) for n, t in EVENT_TYPES.items()])

ARTICLE_ARROW_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("published", pa.date32()),
        ("date_missing", pa.bool_()),
        ("language", pa.string()),
        ("source", pa.string()),
        ("text", pa.string()),
        ("duplicate_of", pa.string()),
        ("similarity", pa.float64()),
        ("ingested_at", pa.timestamp("us")),
    ]
)
FAILURE_ARROW_SCHEMA = pa.schema(
    [("item", pa.string()), ("reason", pa.string()), ("kind", pa.string()),
     ("time", pa.timestamp("us"))]
)


class StoreError(Exception):
    """A store that cannot be opened or used; the message is one line for the user."""


def default_db_path() -> Path:
    """``$FOEDUS_DB`` when set, else ``foedus.duckdb`` in the current directory."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB_NAME)


def _schema_sql() -> list[str]:
    event_columns = ",\n  ".join(
        # Only the keys are NOT NULL: a coder that leaves a field None must not lose a batch.
        f"{name} {_SQL_TYPES[kind]}"
        + (" PRIMARY KEY" if name == "event_id" else "")
        + (" NOT NULL" if name == "article_id" else "")
        for name, kind in EVENT_TYPES.items()
    )
    return [
        """CREATE TABLE schema_version (
  version INTEGER NOT NULL,
  applied_at TIMESTAMP NOT NULL,
  foedus_version VARCHAR NOT NULL
)""",
        """CREATE TABLE articles (
  article_id VARCHAR PRIMARY KEY,
  title VARCHAR NOT NULL,
  outlet VARCHAR NOT NULL,
  url VARCHAR NOT NULL,
  published DATE,
  date_missing BOOLEAN NOT NULL,
  language VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  text VARCHAR NOT NULL,
  duplicate_of VARCHAR,
  similarity DOUBLE,
  ingested_at TIMESTAMP NOT NULL
)""",
        f"CREATE TABLE events (\n  {event_columns}\n)",
        """CREATE TABLE failures (
  item VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  time TIMESTAMP NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (item, reason)
)""",
        "CREATE TABLE article_lsh (key BIGINT NOT NULL, article_id VARCHAR NOT NULL)",
        ACTORS_VIEW_SQL,
    ]


ACTORS_VIEW_SQL = """CREATE OR REPLACE VIEW actors AS
WITH mentions AS (
  SELECT source_code AS code, source_name AS name, source_country AS country,
         source_sector AS sector, date, article_id, 'source' AS role
  FROM events WHERE source_code <> ''
  UNION ALL
  SELECT target_code, target_name, target_country, target_sector, date, article_id, 'target'
  FROM events WHERE target_code <> ''
),
names AS (
  SELECT code, name, count(*) AS n FROM mentions GROUP BY code, name
)
SELECT m.code,
       (SELECT first(x.name ORDER BY x.n DESC, x.name) FROM names x WHERE x.code = m.code)
         AS name,
       max(m.country) AS country,
       max(m.sector) AS sector,
       min(NULLIF(m.date, '')) AS first_seen,
       max(NULLIF(m.date, '')) AS last_seen,
       count(*) AS count,
       count(*) FILTER (WHERE m.role = 'source') AS as_source,
       count(*) FILTER (WHERE m.role = 'target') AS as_target,
       count(DISTINCT m.article_id) AS articles
FROM mentions m
GROUP BY m.code"""

#: Migrations from version ``n - 1`` to ``n``, keyed by ``n``. Each runs inside the transaction
#: that also records the new version, so a migration is applied completely or not at all.
MIGRATIONS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {}


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the ingest engine decided to store it."""

    article: Article
    duplicate_of: str | None = None  # the original's id, for a near-duplicate
    similarity: float | None = None  # Jaccard similarity with the original
    lsh_keys: Sequence[int] = ()  # index keys, for an original


@dataclass(slots=True)
class Batch:
    """What one transaction writes."""

    articles: list[StoredArticle] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a query or an export selects. Empty fields select everything.

    Actor codes match by prefix (``RUS`` matches ``RUSGOV`` and ``RUSMIL``), CAMEO codes by
    prefix (``07`` matches ``0712``); dates are inclusive ISO dates; ``text`` is a
    case-insensitive substring of the evidence sentence or the article's title.
    """

    actor: str | None = None  # source or target
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None  # (source, target)
    undirected: bool = False  # the dyad in either direction
    cameo: str | None = None
    root: str | None = None
    plover: str | None = None
    quad_class: tuple[int, ...] = ()
    polarity: str | None = None
    modality: str | None = None
    since: Date | None = None
    until: Date | None = None
    text: str | None = None
    outlet: str | None = None
    article_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over ``events e`` joined with ``articles a``, and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.actor:
            code = self.actor.upper()
            add("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))", code, code)
        if self.source:
            add("starts_with(e.source_code, ?)", self.source.upper())
        if self.target:
            add("starts_with(e.target_code, ?)", self.target.upper())
        if self.dyad:
            a, b = (x.upper() for x in self.dyad)
            sql = "(starts_with(e.source_code, ?) AND starts_with(e.target_code, ?))"
            if self.undirected:
                add(f"({sql} OR {sql})", a, b, b, a)
            else:
                add(sql, a, b)
        if self.cameo:
            add("starts_with(e.cameo_code, ?)", self.cameo)
        if self.root:
            add("e.cameo_root = ?", self.root.zfill(2))
        if self.plover:
            add("upper(e.plover_type) = ?", self.plover.upper())
        if self.quad_class:
            marks = ", ".join("?" for _ in self.quad_class)
            add(f"e.quad_class IN ({marks})", *self.quad_class)
        if self.polarity:
            add("e.polarity = ?", self.polarity.lower())
        if self.modality:
            add("e.modality = ?", self.modality.lower())
        if self.since:
            add("(e.date <> '' AND e.date >= ?)", self.since.isoformat())
        if self.until:
            add("(e.date <> '' AND e.date <= ?)", self.until.isoformat())
        if self.text:
            needle = self.text.lower()
            add("(contains(lower(e.sentence), ?) OR contains(lower(a.title), ?))", needle, needle)
        if self.outlet:
            add("contains(lower(a.outlet), ?)", self.outlet.lower())
        if self.article_id:
            add("e.article_id = ?", self.article_id)
        return (" AND ".join(clauses) or "TRUE"), params


_EVENT_ORDER = "e.date, e.article_id, e.sentence_index, e.span_start, e.event_id"


class Store:
    """A foedus store in one DuckDB file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else default_db_path()
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no store here; create one with `foedus ingest`")
        self.con = self._connect(read_only)
        try:
            if self._needs_upgrade() and read_only:
                # Queries open read-only so that several can run at once; an old store is
                # upgraded once, read-write, and then opened again as asked.
                self.con.close()
                self.con = self._connect(False)
                self._open_schema(writable=True)
                self.con.close()
                self.con = self._connect(True)
            self._open_schema(writable=not read_only)
        except BaseException:
            self.con.close()
            raise

    # -- opening, versions, migrations -----------------------------------------------------------

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower():
                holder = re.search(r"PID (\d+)", message)
                who = f" (process {holder.group(1)})" if holder else ""
                raise StoreError(
                    f"{self.path}: the store is in use by another process{who}; wait for it "
                    "to finish, or choose another file with --db"
                ) from exc
            raise StoreError(f"{self.path}: cannot open the store: {_first_line(exc)}") from exc
        except duckdb.Error as exc:
            raise StoreError(
                f"{self.path}: not a DuckDB database or damaged: {_first_line(exc)}"
            ) from exc

    def _tables(self) -> set[str]:
        rows = self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        return {r[0] for r in rows}

    def _stored_version(self) -> int | None:
        tables = self._tables()
        if not tables:
            return None
        if "schema_version" not in tables:
            raise StoreError(
                f"{self.path}: a DuckDB database, but not a foedus store (no schema_version "
                "table); choose another file with --db"
            )
        (row,) = self.con.execute("SELECT max(version) FROM schema_version").fetchall()
        return int(row[0]) if row[0] is not None else 0

    def _missing_event_columns(self) -> list[str]:
        rows = self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
        ).fetchall()
        have = {r[0] for r in rows}
        return [name for name in EVENT_FIELDS if name not in have]

    def _needs_upgrade(self) -> bool:
        version = self._stored_version()
        if version is None or version > SCHEMA_VERSION:
            return False  # nothing to read, or refused below with its own message
        return version < SCHEMA_VERSION or bool(self._missing_event_columns())

    def _open_schema(self, *, writable: bool) -> None:
        version = self._stored_version()
        if version is None:
            if not writable:
                raise StoreError(
                    f"{self.path}: empty database; create a store with `foedus ingest`"
                )
            with self.transaction():
                for statement in _schema_sql():
                    self.con.execute(statement)
                self._record_version(SCHEMA_VERSION)
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer foedus (store schema {version}; this foedus "
                f"{__version__} reads up to {SCHEMA_VERSION}); upgrade foedus to read it"
            )
        if not writable:
            return
        for target in range(version + 1, SCHEMA_VERSION + 1):
            migrate = MIGRATIONS.get(target)
            if migrate is None:
                raise StoreError(
                    f"{self.path}: store schema {version} cannot be migrated to {SCHEMA_VERSION} "
                    "by this foedus; export it with the foedus that wrote it, or ingest the "
                    "sources again into a new --db"
                )
            with self.transaction():
                migrate(self.con)
                self._record_version(target)
        missing = self._missing_event_columns()
        if missing:
            # Event fields are only ever added, never renamed: a store written before a field
            # existed gains the column with a neutral default and stays readable.
            with self.transaction():
                for name in missing:
                    kind = EVENT_TYPES[name]
                    default = "1" if name == "num_articles" else _SQL_DEFAULTS[kind]
                    self.con.execute(
                        f"ALTER TABLE events ADD COLUMN {name} {_SQL_TYPES[kind]} "
                        f"DEFAULT {default}"
                    )
                self.con.execute(ACTORS_VIEW_SQL)

    def _record_version(self, version: int) -> None:
        self.con.execute(
            "INSERT INTO schema_version VALUES (?, ?, ?)", [version, _utcnow(), __version__]
        )

    @property
    def schema_version(self) -> int:
        return self._stored_version() or 0

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- the ingest side -------------------------------------------------------------------------

    def known_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Those of the ids already stored (as originals or near-duplicates)."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return {r[0] for r in rows}

    def lsh_candidates(self, keys: dict[int, Sequence[int]]) -> dict[int, set[str]]:
        """For each query (number -> LSH keys), the stored originals sharing at least one key."""
        qids = [q for q, ks in keys.items() for _ in ks]
        flat = [k for ks in keys.values() for k in ks]
        if not flat:
            return {}
        query = pa.table({"qid": pa.array(qids, pa.int64()), "key": pa.array(flat, pa.int64())})
        self.con.register("_foedus_lsh_query", query)
        try:
            rows = self.con.execute(
                "SELECT DISTINCT q.qid, l.article_id FROM _foedus_lsh_query q "
                "JOIN article_lsh l ON l.key = q.key"
            ).fetchall()
        finally:
            self._unregister("_foedus_lsh_query")
        found: dict[int, set[str]] = {}
        for qid, article_id in rows:
            found.setdefault(int(qid), set()).add(article_id)
        return found

    def texts(self, article_ids: Iterable[str]) -> dict[str, str]:
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT article_id, text FROM articles WHERE article_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return dict(rows)

    def write_batch(self, batch: Batch) -> None:
        """Write a batch in one transaction: all of it is stored, or none of it."""
        now = _utcnow()
        with self.transaction():
            if batch.articles:
                self._insert("articles", _articles_table(batch.articles, now))
                lsh = [(k, s.article.article_id) for s in batch.articles for k in s.lsh_keys]
                if lsh:
                    table = pa.table({
                        "key": pa.array([k for k, _ in lsh], pa.int64()),
                        "article_id": pa.array([a for _, a in lsh], pa.string()),
                    })
                    self._insert("article_lsh", table, ignore=False)
            if batch.events:
                self._insert("events", _events_table(batch.events))
            originals = sorted({s.duplicate_of for s in batch.articles if s.duplicate_of})
            if originals:
                # Recomputed from the articles table rather than incremented, so that the count
                # is right whatever order or how many times the copies arrive.
                self.con.execute(
                    "UPDATE events SET num_articles = 1 + c.n FROM ("
                    "  SELECT duplicate_of AS original, count(*) AS n FROM articles"
                    "  WHERE duplicate_of IN (SELECT unnest(?)) GROUP BY duplicate_of"
                    ") c WHERE events.article_id = c.original",
                    [originals],
                )
            if batch.failures:
                self._upsert_failures(batch.failures)

    def record_failures(self, failures: Sequence[Failure]) -> None:
        if failures:
            with self.transaction():
                self._upsert_failures(failures)

    def _insert(self, table: str, data: pa.Table, *, ignore: bool = True) -> None:
        name = f"_foedus_new_{table}"
        self.con.register(name, data)
        try:
            columns = ", ".join(data.column_names)
            verb = "INSERT OR IGNORE" if ignore else "INSERT"
            self.con.execute(f"{verb} INTO {table} ({columns}) SELECT {columns} FROM {name}")
        finally:
            self._unregister(name)

    def _upsert_failures(self, failures: Sequence[Failure]) -> None:
        # One row per (item, reason): seeing the same problem again (a rerun, a resumed run)
        # updates its time and count instead of piling up copies.
        latest: dict[tuple[str, str], Failure] = {}
        for f in failures:
            latest[(f.item, f.reason)] = f
        table = pa.table(
            {
                "item": [f.item for f in latest.values()],
                "reason": [f.reason for f in latest.values()],
                "kind": [f.kind for f in latest.values()],
                "time": [_naive_utc(f.time) for f in latest.values()],
            },
            schema=FAILURE_ARROW_SCHEMA,
        )
        self.con.register("_foedus_new_failures", table)
        try:
            self.con.execute(
                "INSERT INTO failures (item, reason, kind, time) "
                "SELECT item, reason, kind, time FROM _foedus_new_failures "
                "ON CONFLICT (item, reason) DO UPDATE SET time = excluded.time, "
                "kind = excluded.kind, count = failures.count + 1"
            )
        finally:
            self._unregister("_foedus_new_failures")

    def _unregister(self, name: str) -> None:
        # After a failed statement the transaction is aborted and even unregistering fails;
        # the rollback that follows drops the view anyway, and the original error must surface.
        with suppress(duckdb.Error):
            self.con.unregister(name)

    # -- the query side --------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many articles, near-duplicates, events, actors and failures the store holds."""
        row = self.con.execute(
            "SELECT (SELECT count(*) FROM articles WHERE duplicate_of IS NULL),"
            " (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),"
            " (SELECT count(*) FROM events),"
            " (SELECT count(*) FROM actors),"
            " (SELECT count(*) FROM failures WHERE kind = 'error'),"
            " (SELECT count(*) FROM failures WHERE kind = 'skipped'),"
            " (SELECT count(*) FROM failures WHERE kind = 'warning')"
        ).fetchall()[0]
        names = ("articles", "near_duplicates", "events", "actors", "failed", "skipped", "warnings")
        return dict(zip(names, (int(v) for v in row), strict=True))

    def _event_sql(
        self, flt: EventFilter, *, with_articles: bool = False, month: bool = False
    ) -> tuple[str, list[Any]]:
        where, params = flt.where()
        columns = [f"e.{name}" for name in EVENT_FIELDS]
        if with_articles:
            columns += [f"{expr} AS {alias}" for alias, expr in ARTICLE_EXPORT_COLUMNS]
        if month:
            columns.append("CASE WHEN e.date = '' THEN 'unknown' ELSE substr(e.date, 1, 7) END"
                           " AS month")
        sql = (
            f"SELECT {', '.join(columns)} FROM events e "
            f"LEFT JOIN articles a ON a.article_id = e.article_id "
            f"WHERE {where} ORDER BY {_EVENT_ORDER}"
        )
        return sql, params

    def events(
        self, flt: EventFilter | None = None, *, limit: int | None = None,
        with_articles: bool = False,
    ) -> list[dict[str, Any]]:
        """The matching events as rows (dicts with the schema's column names), in date order."""
        sql, params = self._event_sql(flt or EventFilter(), with_articles=with_articles)
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        cursor = self.con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def count_events(self, flt: EventFilter | None = None) -> int:
        where, params = (flt or EventFilter()).where()
        (row,) = self.con.execute(
            "SELECT count(*) FROM events e LEFT JOIN articles a ON a.article_id = e.article_id "
            f"WHERE {where}",
            params,
        ).fetchall()
        return int(row[0])

    def evidence(self, article_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """For each article: its metadata, and the near-duplicate copies that also reported it."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        out: dict[str, dict[str, Any]] = {}
        cursor = self.con.execute(
            "SELECT article_id, title, outlet, url, published, source FROM articles "
            "WHERE article_id IN (SELECT unnest(?))",
            [ids],
        )
        for aid, title, outlet, url, published, source in cursor.fetchall():
            out[aid] = {"title": title, "outlet": outlet, "url": url, "published": published,
                        "source": source, "copies": []}
        cursor = self.con.execute(
            "SELECT duplicate_of, article_id, title, outlet, url, similarity FROM articles "
            "WHERE duplicate_of IN (SELECT unnest(?)) ORDER BY duplicate_of, ingested_at, "
            "article_id",
            [ids],
        )
        for original, aid, title, outlet, url, similarity in cursor.fetchall():
            if original in out:
                out[original]["copies"].append({"article_id": aid, "title": title,
                                                "outlet": outlet, "url": url,
                                                "similarity": similarity})
        return out

    def actors(self, *, code: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Actors seen in events, most frequent first (``code``: a code prefix)."""
        sql = "SELECT * FROM actors"
        params: list[Any] = []
        if code:
            sql += " WHERE starts_with(code, ?)"
            params.append(code.upper())
        sql += " ORDER BY count DESC, code"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        cursor = self.con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def failures(
        self, *, kind: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Recorded failures, most recent first."""
        sql = "SELECT item, reason, kind, time, count FROM failures"
        params: list[Any] = []
        if kind:
            sql += " WHERE kind = ?"
            params.append(kind)
        sql += " ORDER BY time DESC, item, reason"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        cursor = self.con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def articles(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored articles in id order (for tests and inspection)."""
        sql = "SELECT * FROM articles ORDER BY article_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        cursor = self.con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # -- export ----------------------------------------------------------------------------------

    def event_batches(
        self, flt: EventFilter | None = None, *, with_articles: bool = False,
        month: bool = False, batch_size: int = 10_000,
    ) -> pa.RecordBatchReader:
        """The matching events as a stream of Arrow record batches (constant memory)."""
        sql, params = self._event_sql(flt or EventFilter(), with_articles=with_articles,
                                      month=month)
        reader = self.con.sql(sql, params=params).to_arrow_reader(batch_size)
        assert isinstance(reader, pa.RecordBatchReader)
        return reader

    def export(
        self,
        output: str | os.PathLike[str],
        fmt: ExportFormat = "parquet",
        flt: EventFilter | None = None,
        *,
        partition_by_month: bool = False,
        with_articles: bool = False,
    ) -> int:
        """Write the matching events to ``output``; return how many were written.

        ``output`` is a file, or ``-`` for standard output (CSV, JSONL); with
        ``partition_by_month`` (Parquet only) it is a folder holding ``month=YYYY-MM/``
        sub-folders (``month=unknown`` for undated events), readable as one Hive-partitioned
        dataset by DuckDB, pandas, Polars or Spark.
        """
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")
        if partition_by_month and fmt != "parquet":
            raise StoreError("partitioning by month is for Parquet exports only")
        reader = self.event_batches(flt, with_articles=with_articles, month=partition_by_month)
        if fmt == "parquet":
            return _write_parquet(reader, Path(output), partition_by_month)
        if os.fspath(output) == "-":
            return _write_text(reader, fmt, sys.stdout)
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            return _write_text(reader, fmt, handle)


def _write_parquet(reader: pa.RecordBatchReader, path: Path, partition_by_month: bool) -> int:
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    if partition_by_month:
        count = 0

        def counted() -> Iterator[pa.RecordBatch]:
            nonlocal count
            for batch in reader:
                count += batch.num_rows
                yield batch

        stream = pa.RecordBatchReader.from_batches(reader.schema, counted())
        ds.write_dataset(
            stream,
            path,
            format="parquet",
            partitioning=ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
            existing_data_behavior="delete_matching",
            basename_template="events-{i}.parquet",
        )
        return count
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with pq.ParquetWriter(path, reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)
            count += batch.num_rows
    return count


def _write_text(reader: pa.RecordBatchReader, fmt: str, handle: TextIO) -> int:
    import csv

    count = 0
    writer = None
    for batch in reader:
        for row in batch.to_pylist():
            if fmt == "jsonl":
                handle.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
            else:
                if writer is None:
                    writer = csv.DictWriter(handle, fieldnames=reader.schema.names)
                    writer.writeheader()
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
            count += 1
    if fmt == "csv" and writer is None:  # no rows: still a valid file with its header
        csv.writer(handle).writerow(reader.schema.names)
    return count


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | Date):
        return value.isoformat()
    return str(value)


def _articles_table(stored: Sequence[StoredArticle], now: datetime) -> pa.Table:
    rows = [
        {
            "article_id": s.article.article_id,
            "title": s.article.title,
            "outlet": s.article.outlet,
            "url": s.article.url,
            "published": s.article.published,
            "date_missing": s.article.published is None,
            "language": s.article.language,
            "source": s.article.source,
            "text": s.article.text,
            "duplicate_of": s.duplicate_of,
            "similarity": s.similarity,
            "ingested_at": now,
        }
        for s in stored
    ]
    return pa.Table.from_pylist(rows, schema=ARTICLE_ARROW_SCHEMA)


def _events_table(events: Sequence[Event]) -> pa.Table:
    return pa.Table.from_pylist([e.to_dict() for e in events], schema=EVENT_ARROW_SCHEMA)


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
