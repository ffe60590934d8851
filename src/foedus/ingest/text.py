"""Plain-text and Markdown files, with optional YAML front matter.

Front matter (a ``---`` delimited YAML block at the top) may give ``title``, ``date``,
``outlet`` and ``url``; common synonyms (``headline``, ``published``, ``source``, ``link``) are
accepted too. Without a title, a short first line is taken as the headline.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from foedus.ingest.items import RawItem, ReadOptions
from foedus.ingest.normalise import ReadError, decode_bytes, make_article
from foedus.records import Article, Failure

#: Front-matter keys read, each with the synonyms tried in order.
FRONT_MATTER_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "date": ("date", "published", "pubdate", "published_at"),
    "outlet": ("outlet", "source", "publisher", "site"),
    "url": ("url", "link"),
}
#: A first line longer than this is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 200

_FRONT_BLOCK = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```.*$|^~~~.*$", re.M), ""),  # code fence markers (the code stays)
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: keep the words
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M), ""),  # horizontal rules
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.M), ""),  # list bullets
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
)


def read_text_item(item: RawItem, options: ReadOptions) -> list[Article | Failure]:
    """Read one .txt or .md file into an article (front matter optional)."""
    path = Path(item.locator)
    try:
        data = _read_limited(path, options.max_bytes)
        text, warnings = decode_bytes(data, item.locator)
    except ReadError as exc:
        return [Failure.now(item.locator, str(exc))]
    except OSError as exc:
        return [Failure.now(item.locator, f"cannot read file: {exc.strerror or exc}")]
    out: list[Article | Failure] = list(warnings)
    meta, body, problem = split_front_matter(text)
    if problem:
        out.append(Failure.now(item.locator, problem, kind="warning"))
    heading = ""
    if item.kind == "markdown":
        body, heading = markdown_to_text(body)
    fields = {key: _first(meta, names) for key, names in FRONT_MATTER_KEYS.items()}
    title = fields["title"] or heading or _headline(body)
    out.extend(
        make_article(
            body,
            item=item.locator,
            options=options,
            title=title,
            outlet=fields["outlet"],
            url=fields["url"],
            date_value=fields["date"],
            source=item.locator,
        )
    )
    return out


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str]:
    """The front matter's mapping, the body, and a problem message ("" when all was well).

    Malformed front matter does not lose the article: the block is dropped from the body, the
    metadata is left empty, and the problem is returned to be recorded as a warning.
    """
    if not _FRONT_BLOCK.match(text):
        return {}, text, ""
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, _FRONT_BLOCK.sub("", text, count=1), f"invalid front matter ({first})"
    if not isinstance(post.metadata, dict):
        return {}, post.content, "front matter is not a mapping; ignored"
    return dict(post.metadata), post.content, ""


def markdown_to_text(markdown: str) -> tuple[str, str]:
    """Markdown made plain prose (so that evidence sentences carry no markup) and its first heading.

    Only the markup that news texts use is removed: headings, emphasis, links, images, quotes,
    bullets and rules. Anything else is left as written.
    """
    heading = ""
    match = re.search(r"^[ \t]{0,3}#[ \t]+(.+?)[ \t#]*$", markdown, re.M)
    if match and not markdown[: match.start()].strip():
        heading = match.group(1).strip()
    text = markdown
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    heading = _MD_RULES[2][0].sub(r"\1", heading)
    return text, heading.replace("**", "").replace("*", "")


def _headline(body: str) -> str:
    lines = [line.strip() for line in body.strip().splitlines()]
    if len(lines) < 2 or not lines[0] or len(lines[0]) > MAX_HEADLINE_CHARS:
        return ""
    # A headline stands alone: it is followed by a blank line or is short and unpunctuated.
    if lines[1] == "" or not lines[0].endswith((".", ",", ";", ":")):
        return lines[0]
    return ""


def _first(meta: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = meta.get(name)
        if value not in (None, ""):
            return value
    return None


def _read_limited(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
    return path.read_bytes()


read_file_limited = _read_limited
