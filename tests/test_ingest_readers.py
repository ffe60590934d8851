"""Every reader, on real files in tmp_path and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from corpus_fixtures import (
    EMPTY_HTML,
    GERMAN,
    STORIES,
    Server,
    article_html,
    atom_feed,
    http_server,
    rss_feed,
    write_story,
)

from foedus.ingest import ReadOptions, iter_items, read_sources
from foedus.ingest.normalise import parse_date
from foedus.records import Article, Failure, article_id_for

__all__ = ["http_server"]  # the fixture, imported for pytest

FAST = ReadOptions(timeout=1.0)


def articles_and_failures(
    sources: list[str | Path], options: ReadOptions = FAST
) -> tuple[list[Article], list[Failure]]:
    arts: list[Article] = []
    fails: list[Failure] = []
    for result in read_sources([str(s) for s in sources], options):
        (arts if isinstance(result, Article) else fails).append(result)
    return arts, fails


def only(failures: list[Failure], kind: str) -> list[Failure]:
    return [f for f in failures if f.kind == kind]


# -- text and Markdown --------------------------------------------------------------------------


def test_text_file_with_front_matter(tmp_path: Path) -> None:
    path = write_story(tmp_path / "armenia.txt", "armenia", date="5 March 2024", outlet="Wire")
    (art,), fails = articles_and_failures([path])
    assert fails == []
    title, body = STORIES["armenia"]
    assert art.title == title
    assert art.text.startswith(title + "\n")
    assert body[:60] in art.text
    assert art.published == date(2024, 3, 5)
    assert art.outlet == "Wire"
    assert art.url == "https://example.org/armenia"
    assert art.language == "en"
    assert art.source == str(path)
    assert art.article_id == article_id_for(art.text)


def test_text_file_without_front_matter_takes_the_first_line_as_title(tmp_path: Path) -> None:
    path = write_story(tmp_path / "plain.txt", "korea", front_matter=False)
    (art,), fails = articles_and_failures([path])
    assert fails == []
    assert art.title == STORIES["korea"][0]
    assert art.published is None  # kept, and marked undated (date_missing in the store)


def test_markdown_is_made_plain(tmp_path: Path) -> None:
    title, body = STORIES["weapons"]
    path = tmp_path / "note.md"
    path.write_text(
        f"---\ndate: 2024-01-02\noutlet: Blog\n---\n# {title}\n\n"
        f"**Defence ministers** from twelve [Western governments](https://x.org) agreed.\n\n"
        f"> {body}\n\n- first point\n- second point\n",
        encoding="utf-8",
    )
    (art,), fails = articles_and_failures([path])
    assert fails == []
    assert art.title == title
    assert "**" not in art.text and "](" not in art.text and "\n>" not in art.text
    assert "Defence ministers from twelve Western governments agreed." in art.text
    assert "first point" in art.text
    assert art.published == date(2024, 1, 2)


def test_folder_is_read_recursively_in_a_stable_order(tmp_path: Path) -> None:
    write_story(tmp_path / "b" / "deep" / "two.md", "korea")
    write_story(tmp_path / "a.txt", "armenia")
    (tmp_path / "c.html").write_text(article_html(*STORIES["summit"]), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n")
    arts, fails = articles_and_failures([tmp_path])
    # A folder's files (sorted), then its sub-folders (sorted), recursively.
    assert [a.title for a in arts] == [
        STORIES["armenia"][0], STORIES["summit"][0], STORIES["korea"][0]
    ]
    assert [(f.kind, Path(f.item).name) for f in fails] == [("skipped", "picture.png")]
    assert "unsupported file type '.png'" in fails[0].reason


def test_bad_front_matter_is_a_warning_and_the_text_is_kept(tmp_path: Path) -> None:
    title, body = STORIES["grain"]
    path = tmp_path / "bad.md"
    path.write_text(f"---\ntitle: [unclosed\n---\n{title}\n\n{body}\n", encoding="utf-8")
    (art,), fails = articles_and_failures([path])
    assert art.title == title and "unclosed" not in art.text
    assert [f.kind for f in fails] == ["warning"]
    assert "invalid front matter" in fails[0].reason


# -- HTML ---------------------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    title, body = STORIES["summit"]
    path = tmp_path / "page.html"
    path.write_text(article_html(title, body, date="2023-07-12", site="Baltic Times"), "utf-8")
    (art,), fails = articles_and_failures([path])
    assert fails == []
    assert art.title == title
    assert art.published == date(2023, 7, 12)
    assert art.outlet == "Baltic Times"
    assert "Leaders of the alliance gathered in Vilnius" in art.text
    assert "Subscribe" not in art.text and "About us" not in art.text  # boilerplate removed


def test_html_page_with_no_text_fails(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(EMPTY_HTML, encoding="utf-8")
    arts, (fail,) = articles_and_failures([path])
    assert arts == []
    assert fail.kind == "error" and fail.item == str(path)
    assert fail.reason == "no main text found in the HTML page"


# -- JSONL and CSV ------------------------------------------------------------------------------


def test_jsonl_with_default_and_named_fields(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    rows = [
        {"headline": STORIES["armenia"][0], "body": STORIES["armenia"][1],
         "published": "2024-03-05T10:00:00Z", "link": "https://e.org/1", "source": "Wire"},
        {"headline": STORIES["korea"][0], "body": STORIES["korea"][1]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    arts, fails = articles_and_failures([path])
    assert fails == []
    assert [a.title for a in arts] == [STORIES["armenia"][0], STORIES["korea"][0]]
    assert arts[0].published == date(2024, 3, 5) and arts[0].url == "https://e.org/1"
    assert arts[0].outlet == "Wire" and arts[0].source == f"{path}:1"
    assert arts[1].published is None

    nested = tmp_path / "nested.jsonl"
    nested.write_text(json.dumps({"doc": {"txt": STORIES["grain"][1]}, "when": "03/05/2024"}))
    options = ReadOptions(text_field="doc.txt", date_field="when")
    (art,), fails = articles_and_failures([nested], options)
    assert fails == [] and art.published == date(2024, 3, 5)


def test_malformed_jsonl_line_is_recorded_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(
        json.dumps({"text": STORIES["armenia"][1]}) + "\n"
        + '{"text": "unterminated\n'
        + "[1, 2]\n"
        + json.dumps({"title": "no text here"}) + "\n"
        + json.dumps({"text": STORIES["korea"][1]}) + "\n",
        encoding="utf-8",
    )
    arts, fails = articles_and_failures([path])
    assert len(arts) == 2
    assert [(f.item, f.kind) for f in fails] == [
        (f"{path}:2", "error"), (f"{path}:3", "error"), (f"{path}:4", "error")
    ]
    assert fails[0].reason.startswith("invalid JSON")
    assert "not an object" in fails[1].reason
    assert "no text" in fails[2].reason


def test_csv_with_options_and_tsv(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    body = STORIES["kazakhstan"][1].replace('"', "'")
    path.write_text(f'story,head,day\n"{body}",Kazakhstan keeps distance,2024-02-12\n', "utf-8")
    options = ReadOptions(text_field="story", title_field="head", date_field="day")
    (art,), fails = articles_and_failures([path], options)
    assert fails == []
    assert art.title == "Kazakhstan keeps distance" and art.published == date(2024, 2, 12)
    assert art.source == f"{path}:2"

    tsv = tmp_path / "dump.tsv"
    tsv.write_text(f"text\ttitle\n{STORIES['grain'][1]}\tGrain talks\n", encoding="utf-8")
    (art,), fails = articles_and_failures([tsv])
    assert fails == [] and art.title == "Grain talks"


def test_csv_with_a_missing_column_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    path.write_text(f"body,title\n\"{STORIES['grain'][1]}\",Grain\n", encoding="utf-8")
    arts, (fail,) = articles_and_failures([path], ReadOptions(text_field="story"))
    assert arts == []
    assert fail.item == str(path)
    assert fail.reason == "no column 'story' (columns: body, title)"

    nothing = tmp_path / "none.csv"
    nothing.write_text("a,b\n1,2\n", encoding="utf-8")
    arts, (fail,) = articles_and_failures([nothing])
    assert "no text column" in fail.reason


# -- failures that every reader shares ----------------------------------------------------------


def test_empty_and_binary_files_fail(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.md"
    blank.write_bytes(b"  \n\n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    noisy = tmp_path / "noise.txt"
    noisy.write_bytes(bytes([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1]) * 50)
    arts, fails = articles_and_failures([empty, blank, binary, noisy])
    assert arts == []
    reasons = {Path(f.item).name: f.reason for f in fails}
    assert reasons == {
        "empty.txt": "empty file",
        "blank.md": "no text (only whitespace)",
        "image.txt": "binary file (contains NUL bytes), not text",
        "noise.txt": "not readable as UTF-8 text (mostly invalid bytes)",
    }
    assert all(f.kind == "error" for f in fails)


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    title, body = STORIES["armenia"]
    path = tmp_path / "latin1.txt"
    path.write_bytes(f"{title}\n\n{body}".replace("Azerbaijani", "Azerbaïjani").encode("latin-1"))
    (art,), (warning,) = articles_and_failures([path])
    assert "Azerba\ufffdjani" in art.text
    assert warning.kind == "warning" and warning.item == str(path)
    assert warning.reason.startswith("invalid UTF-8 at byte")


def test_non_english_article_is_skipped_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text(GERMAN, encoding="utf-8")
    arts, (fail,) = articles_and_failures([path])
    assert arts == []
    assert fail.kind == "skipped"
    assert fail.reason == "not English (detected language 'de')"
    # Detection is seeded: the same text always gets the same answer.
    assert [f.reason for f in articles_and_failures([path])[1]] == [fail.reason]


def test_missing_source_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    arts, (fail,) = articles_and_failures([tmp_path / "nope"])
    assert fail.reason == "no such file or folder"


# -- feeds --------------------------------------------------------------------------------------


FEED_DATE = "Tue, 05 Mar 2024 10:00:00 GMT"


def test_rss_feed_file_with_a_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        rss_feed([
            (STORIES["korea"][0], "http://x.org/korea", FEED_DATE, STORIES["korea"][1]),
            (STORIES["grain"][0], "http://x.org/grain", "the day after the summit",
             STORIES["grain"][1]),
        ]),
        encoding="utf-8",
    )
    arts, fails = articles_and_failures([path])
    assert [a.title for a in arts] == [STORIES["korea"][0], STORIES["grain"][0]]
    assert arts[0].published == date(2024, 3, 5) and arts[0].outlet == "Wire Feed"
    assert arts[0].url == "http://x.org/korea" and "<p>" not in arts[0].text
    # The bad date does not lose the item: kept undated, the problem recorded.
    assert arts[1].published is None
    (warning,) = fails
    assert warning.kind == "warning" and warning.item == f"{path}#2"
    assert "unparseable date 'the day after the summit'" in warning.reason


def test_atom_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "news.atom"
    path.write_text(atom_feed([(STORIES["summit"][0], "http://x.org/s", "2023-07-12T08:00:00Z",
                                STORIES["summit"][1])]), encoding="utf-8")
    (art,), fails = articles_and_failures([path])
    assert fails == [] and art.published == date(2023, 7, 12) and art.outlet == "Atom Wire"


def test_feed_url_following_links(http_server: Server) -> None:
    page = http_server.add("/story/korea.html", article_html(*STORIES["korea"], site="KNews"))
    http_server.add("/story/slow.html", article_html(*STORIES["grain"]), delay=2.5)
    feed = http_server.add(
        "/feed.rss",
        rss_feed([
            (STORIES["korea"][0], page, FEED_DATE, "Teaser only."),
            (STORIES["grain"][0], http_server.url("/story/slow.html"), FEED_DATE,
             STORIES["grain"][1]),
            ("Gone", http_server.url("/story/gone.html"), FEED_DATE, ""),
        ]),
        content_type="application/rss+xml",
    )
    arts, fails = articles_and_failures([feed], ReadOptions(timeout=1.0, follow_links=True))
    # The first page is fetched in full; the slow one falls back to the feed's own text.
    assert [a.title for a in arts] == [STORIES["korea"][0], STORIES["grain"][0]]
    assert "several thousand soldiers" in arts[0].text and arts[0].url == page
    assert arts[0].published == date(2024, 3, 5)  # the feed's date wins
    assert "Black Sea" in arts[1].text
    assert [(f.kind, f.reason.split(" (")[0]) for f in fails] == [
        ("warning", "timed out after 1 s"),
        ("error", "HTTP 404 Not Found"),
    ]

    plain, _ = articles_and_failures([feed])  # without --follow-links: the feed's text
    assert plain[0].text.endswith("Teaser only.")


# -- URLs ---------------------------------------------------------------------------------------


def test_urls_and_url_lists(tmp_path: Path, http_server: Server) -> None:
    page = http_server.add("/a.html", article_html(*STORIES["weapons"]))
    text = http_server.add("/b.txt", f"{STORIES['armenia'][0]}\n\n{STORIES['armenia'][1]}",
                           content_type="text/plain; charset=utf-8")
    listing = tmp_path / "list.urls"
    listing.write_text(f"# to read\n{page}\n\n{text}\nftp://nope\n", encoding="utf-8")
    arts, fails = articles_and_failures([listing])
    assert [a.title for a in arts] == [STORIES["weapons"][0], ""]
    assert arts[1].text.startswith(STORIES["armenia"][0])
    assert [(f.item, f.reason) for f in fails] == [
        (f"{listing}:5", "not an http(s) URL: 'ftp://nope'")
    ]


def test_url_failures_are_clear(http_server: Server) -> None:
    slow = http_server.add("/slow", article_html(*STORIES["grain"]), delay=3)
    missing = http_server.url("/missing")
    big = http_server.add("/big", "x" * 5000, content_type="text/plain")
    pdf = http_server.add("/doc.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    empty = http_server.add("/empty.html", EMPTY_HTML)
    german = http_server.add("/de.html", article_html("Neue Hilfen", GERMAN))
    refused = "http://127.0.0.1:9/closed"
    options = ReadOptions(timeout=1.0, max_bytes=4000)
    arts, fails = articles_and_failures([slow, missing, big, pdf, empty, german, refused], options)
    assert arts == []
    reasons = {f.item: f.reason for f in fails}
    assert reasons[slow].startswith("timed out after 1 s")
    assert reasons[missing] == "HTTP 404 Not Found"
    assert reasons[big].startswith("response too large (5,000 bytes")
    assert reasons[pdf] == "unsupported content type 'application/pdf'"
    assert reasons[empty] == "no main text found in the HTML page"
    assert reasons[german] == "not English (detected language 'de')"
    assert reasons[refused].startswith("connection failed")
    assert {f.kind for f in fails if f.item != german} == {"error"}


def test_listing_is_cheap_and_lazy(tmp_path: Path) -> None:
    # Listing yields work items without reading the files: that is the workers' job.
    for i in range(3):
        write_story(tmp_path / f"{i}.txt", "armenia")
    items = list(iter_items([str(tmp_path)], ReadOptions()))
    assert [i.kind for i in items] == ["text"] * 3  # type: ignore[union-attr]


# -- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "2024-03-05",
        "2024-03-05T23:10:00+02:00",
        "Tue, 05 Mar 2024 10:00:00 GMT",
        "5 March 2024",
        "March 5, 2024",
        "05.03.2024",
        "2024/03/05 10:00",
        date(2024, 3, 5),
        1709633000,
    ],
)
def test_common_date_formats(raw: object) -> None:
    assert parse_date(raw) == date(2024, 3, 5)


@pytest.mark.parametrize("raw", ["yesterday", "March 5", "not a date", "12345678901234567"])
def test_relative_partial_and_bad_dates_are_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_date(raw)


def test_empty_dates_are_none() -> None:
    assert parse_date(None) is None and parse_date("  ") is None
