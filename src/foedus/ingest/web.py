"""Fetching URLs: a real HTTP client with timeouts, a size limit and one clear error per failure."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

import httpx

from foedus.ingest.items import ReadOptions
from foedus.ingest.normalise import ReadError

#: A whole download is abandoned after this many times the per-operation timeout, so a server
#: that trickles bytes slowly cannot hold a worker for ever.
TOTAL_TIMEOUT_FACTOR = 3


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded resource."""

    url: str  # after redirects
    content: bytes
    content_type: str  # the media type, lower case, without parameters


@lru_cache(maxsize=4)
def _client(timeout: float, user_agent: str) -> httpx.Client:
    # One client per process and setting: connections to the same host are reused.
    return httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=5,
        headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,"
                 "application/rss+xml,application/atom+xml,application/xml,text/plain;q=0.9,"
                 "*/*;q=0.5"},
    )


def fetch(url: str, options: ReadOptions) -> Fetched:
    """Download ``url``; raise :class:`ReadError` with a one-line reason on any failure."""
    client = _client(options.timeout, options.user_agent)
    deadline = time.monotonic() + options.timeout * TOTAL_TIMEOUT_FACTOR
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise ReadError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise ReadError(
                    f"response too large ({int(declared):,} bytes; the limit is "
                    f"{options.max_bytes:,})"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise ReadError(
                        f"response larger than the limit of {options.max_bytes:,} bytes"
                    )
                if time.monotonic() > deadline:
                    raise ReadError(
                        f"download took longer than {options.timeout * TOTAL_TIMEOUT_FACTOR:g} s"
                    )
                chunks.append(chunk)
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(str(response.url), b"".join(chunks), media)
    except httpx.TimeoutException as exc:
        raise ReadError(f"timed out after {options.timeout:g} s ({_what(exc)})") from exc
    except httpx.TooManyRedirects as exc:
        raise ReadError("too many redirects") from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise ReadError(f"invalid URL ({exc})") from exc
    except httpx.ConnectError as exc:
        raise ReadError(f"connection failed ({exc})") from exc
    except httpx.HTTPError as exc:
        raise ReadError(f"HTTP error ({type(exc).__name__}: {exc})") from exc


def _what(exc: httpx.TimeoutException) -> str:
    return {
        httpx.ConnectTimeout: "connecting",
        httpx.ReadTimeout: "waiting for data",
        httpx.WriteTimeout: "sending the request",
        httpx.PoolTimeout: "waiting for a connection",
    }.get(type(exc), type(exc).__name__)
