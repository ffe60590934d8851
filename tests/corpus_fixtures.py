"""Shared material for the corpus tests: real texts, a real HTTP server, a fast stand-in coder.

Not a conftest: imported explicitly by the ``test_ingest_*``, ``test_store*`` and
``test_cli_corpus*`` modules, so that it cannot clash with other test helpers.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from foedus.records import Article, Event, event_id_for

STORIES: dict[str, tuple[str, str]] = {
    "armenia": (
        "Armenia says allies offered little help",
        "Armenia received little to no assistance from its treaty allies when Azerbaijani "
        "forces advanced in September, officials in Yerevan said on Tuesday. Prime Minister "
        "Nikol Pashinyan told parliament that the Collective Security Treaty Organization had "
        "failed to honour its obligations and that the government would review its membership. "
        "Moscow rejected the criticism and said its peacekeepers had prevented a wider war. "
        "Diplomats in Brussels said the European Union was ready to send more civilian "
        "monitors to the border region if both governments agreed to the mission.",
    ),
    "korea": (
        "North Korean troops sent to support Russian units",
        "North Korea has sent several thousand soldiers to support Russian units near the "
        "Ukrainian border, South Korea's intelligence service said in a briefing to lawmakers. "
        "The agency said the troops had been trained in drone warfare and artillery before "
        "they were moved by ship and rail. Washington called the deployment a dangerous "
        "escalation and urged Beijing to use its influence with Pyongyang. Analysts said the "
        "move showed how far Moscow now depends on partners outside Europe for manpower.",
    ),
    "weapons": (
        "Western governments agree new air defence package for Ukraine",
        "Defence ministers from twelve Western governments agreed on Thursday to supply Ukraine "
        "with additional air defence systems and artillery ammunition before the winter. The "
        "package, announced after a meeting at the alliance headquarters, includes missiles "
        "for existing launchers and funding for repairs. Kyiv welcomed the decision but said "
        "deliveries had been too slow in the past. Officials said the first shipments would "
        "arrive within weeks and that training for new crews had already started in Poland.",
    ),
    "kazakhstan": (
        "Kazakhstan keeps distance from Moscow on sanctions",
        "Kazakhstan will not help Russia evade Western sanctions, the country's deputy foreign "
        "minister said in an interview published on Monday. He said Astana valued its "
        "partnership with Moscow but would comply with restrictions to protect its own banks "
        "and exporters. Trade between the two countries has nonetheless grown, customs figures "
        "show, as companies reroute goods through Central Asia. European envoys visiting the "
        "capital this month praised the government's cooperation on export controls.",
    ),
    "summit": (
        "Leaders meet in Vilnius to discuss eastern flank",
        "Leaders of the alliance gathered in Vilnius on Wednesday to discuss the defence of "
        "its eastern flank and long-term support for Kyiv. The host government called for "
        "permanent deployments of allied brigades in the Baltic states, while several western "
        "members urged caution over costs. A final communique promised to raise military "
        "spending and to expand joint exercises next year. Finland and Sweden attended as "
        "members for the first time, a change officials described as historic.",
    ),
    "grain": (
        "Turkey brokers talks on Black Sea grain shipments",
        "Turkey hosted talks in Istanbul on Friday aimed at restoring grain shipments across "
        "the Black Sea after months of disruption. Negotiators from the United Nations joined "
        "the meeting, which ended without an agreement but with a promise to meet again. "
        "Ankara said it was in contact with both Moscow and Kyiv and hoped for a deal before "
        "the harvest. Shipping insurers said premiums would stay high until the corridor was "
        "guaranteed by all parties involved in the conflict.",
    ),
}

GERMAN = (
    "Die Bundesregierung hat am Dienstag weitere Hilfen für die Ukraine angekündigt. Der "
    "Bundeskanzler sagte in Berlin, Deutschland werde die Lieferungen von Luftabwehrsystemen "
    "fortsetzen und die Sanktionen gegen Russland gemeinsam mit den europäischen Partnern "
    "verschärfen. Die Opposition forderte eine schnellere Umsetzung der Beschlüsse."
)


def wire_copy(title: str, body: str) -> tuple[str, str]:
    """A syndicated copy: another headline, a dateline, a byline and one changed word."""
    edited = body.replace("said on", "said late on", 1)
    return f"{title} - report", f"YEREVAN (Wire) - {edited} Reporting by Staff; editing by Desk."


def article_html(
    title: str, body: str, *, date: str = "2024-03-05", site: str = "Daily Wire"
) -> str:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{date}T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/about">About us</a></nav>
<main><article><h1>{title}</h1>{paragraphs}</article></main>
<footer>Copyright {site}. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


EMPTY_HTML = """<!DOCTYPE html><html><head><title>Nothing here</title></head>
<body><nav><a href="/">Home</a></nav><div class="ad"></div></body></html>"""


def rss_feed(items: Iterable[tuple[str, str, str, str]], title: str = "Wire Feed") -> str:
    """RSS 2.0 with (title, link, pubDate, description) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
        f"<description><![CDATA[<p>{desc}</p>]]></description></item>"
        for t, link, d, desc in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link>"
        f"<description>News</description>{entries}</channel></rss>"
    )


def atom_feed(items: Iterable[tuple[str, str, str, str]], title: str = "Atom Wire") -> str:
    entries = "".join(
        f"<entry><title>{t}</title><link href=\"{link}\"/><id>{link}</id><updated>{d}</updated>"
        f"<content type=\"html\">&lt;p&gt;{desc}&lt;/p&gt;</content></entry>"
        for t, link, d, desc in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:test</id><updated>2024-03-05T00:00:00Z</updated>"
        f"{entries}</feed>"
    )


# -- a real HTTP server on 127.0.0.1 ------------------------------------------------------------


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0


class Server:
    """A ThreadingHTTPServer in a thread, serving fixed routes; ``url(path)`` for its address."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                route = routes.get(self.path.split("?")[0])
                if route is None:
                    route = Route(b"not found", "text/plain", 404)
                if route.delay:
                    time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test): nothing to do

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            status: int = 200, delay: float = 0.0) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type, status, delay)
        return self.url(path)


@pytest.fixture
def http_server() -> Iterator[Server]:
    server = Server()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


# -- files --------------------------------------------------------------------------------------


def write_story(path: Path, key: str, *, date: str = "2024-03-05", outlet: str = "Daily Wire",
                front_matter: bool = True) -> Path:
    title, body = STORIES[key]
    path.parent.mkdir(parents=True, exist_ok=True)
    if front_matter:
        text = (f"---\ntitle: \"{title}\"\ndate: {date}\noutlet: {outlet}\n"
                f"url: https://example.org/{key}\n---\n\n{body}\n")
    else:
        text = f"{title}\n\n{body}\n"
    path.write_text(text, encoding="utf-8")
    return path


_ACTORS = ("The foreign minister", "The defence ministry", "A government spokesman",
           "The prime minister", "Opposition leaders", "The central bank", "Army commanders",
           "Border guards", "The president", "Senior diplomats", "Parliament", "The embassy")
_VERBS = ("criticised", "welcomed", "promised support for", "warned", "met with",
          "accused", "signed an agreement with", "sent aid to", "rejected talks with",
          "praised", "threatened sanctions against", "asked for help from")
_TARGETS = ("Moscow", "Washington", "Beijing", "Brussels", "Yerevan", "Baku", "Kyiv",
            "Ankara", "Tehran", "Astana", "Minsk", "Tbilisi", "Warsaw", "Berlin")
_PLACES = ("Geneva", "Vienna", "Istanbul", "Vilnius", "Riga", "Tallinn", "Helsinki",
           "Prague", "Budapest", "Bucharest", "Sofia", "Athens")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def generated_text(seed: int, sentences: int = 8) -> tuple[str, str]:
    """A distinct English news-like article: (title, body), reproducible from ``seed``.

    Every few words is drawn at random, so two generated articles share few word 5-grams and
    are never near-duplicates of each other.
    """
    rng = random.Random(seed)
    lines = []
    for _ in range(sentences):
        lines.append(
            f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} {rng.choice(_TARGETS)} at a meeting in "
            f"{rng.choice(_PLACES)} on {rng.choice(_DAYS)}, according to "
            f"{rng.randint(2, 40)} officials who spoke about {rng.choice(_TARGETS)}."
        )
    title = f"Report {seed}: {rng.choice(_ACTORS)} {rng.choice(_VERBS)} {rng.choice(_TARGETS)}"
    return title, " ".join(lines)


def numbered_corpus(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` distinct generated English articles as .txt files (a title line, a body)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        title, body = generated_text(i)
        path = folder / f"story-{i:05d}.txt"
        path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


# -- a fast, deterministic stand-in for the coder -----------------------------------------------


def make_event(article_id: str = "a" * 16, **fields: object) -> Event:
    """An Event with plausible values; any field can be overridden."""
    values: dict[str, object] = {
        "article_id": article_id,
        "sentence_index": 0,
        "span_start": 0,
        "span_end": 40,
        "sentence": "Russia provided aid to Armenia.",
        "date": "2024-03-05",
        "source_code": "RUSGOV",
        "source_name": "Russia",
        "source_country": "RUS",
        "source_sector": "GOV",
        "target_code": "ARM",
        "target_name": "Armenia",
        "target_country": "ARM",
        "target_sector": "",
        "cameo_code": "0712",
        "cameo_root": "07",
        "goldstein": 7.4,
        "quad_class": 2,
        "plover_type": "AID",
        "plover_mode": "military",
        "polarity": "asserted",
        "modality": "actual",
        "attributed_to": "",
        "trigger": "provided aid",
        "confidence": 0.9,
        "coder_version": "test",
        "num_articles": 1,
    }
    values.update(fields)
    values.setdefault("event_id", event_id_for(
        str(values["article_id"]), int(values["span_start"]), int(values["span_end"]),  # type: ignore[arg-type]
        str(values["cameo_code"]), str(values["source_code"]), str(values["target_code"]),
    ))
    return Event(**values)  # type: ignore[arg-type]


class FakeCoder:
    """One event per article, from its first sentence: fast and independent of the real coder."""

    def __init__(self, actor_files: object = ()) -> None:
        self.actor_files = actor_files

    def code_articles(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            if "EXPLODE" in article.text:
                raise RuntimeError("the coder choked")
            first = article.text.split("\n")[0]
            date = article.published.isoformat() if article.published else ""
            yield article, [make_event(article.article_id, sentence=first, span_end=len(first),
                                       date=date)]


def fake_coder(actor_files: object = ()) -> FakeCoder:
    """A top-level factory (it must pickle for the process pool)."""
    return FakeCoder(actor_files)
