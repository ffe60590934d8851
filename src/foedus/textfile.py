"""Reading a text file the way every foedus command does: checked, decoded, warned about."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from foedus.errors import InputError

# A file whose first 8 KiB hold a NUL byte or mostly control bytes is not text.
_SNIFF = 8192


@dataclass(frozen=True)
class TextFile:
    text: str
    warnings: list[str] = field(default_factory=list)


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.10


def decode_text(data: bytes, name: str) -> TextFile:
    """Decode UTF-8 (with or without BOM); invalid bytes become U+FFFD with a warning."""
    if looks_binary(data):
        raise InputError(f"{name}: binary file, not text")
    try:
        return TextFile(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        return TextFile(text, [f"{name}: invalid UTF-8 at byte {exc.start}; "
                               f"{bad} character(s) replaced"])


def read_text(source: str | Path) -> TextFile:
    """Read a path, or standard input for ``-``; raise InputError with a one-line reason."""
    if str(source) == "-":
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    path = Path(source)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory (use 'foedus ingest' for folders)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode_text(data, str(path))
