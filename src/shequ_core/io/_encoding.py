"""Text files as offices save them: UTF-8 (with or without a byte-order mark) or GB18030,
which covers GBK and GB2312 (what Excel and WPS write for "CSV" on a Chinese Windows).

The encoding is told from the file's first 64 KiB of whole lines, never from the whole
file, so a million-row file still streams: the lines are decoded one at a time. A line
that does not decode is a problem at its line (``invalid_encoding``) and is read as an
empty line, so the rest of the file loads in collect mode. A file whose first
non-ASCII lines are mostly neither UTF-8 nor GB18030 is one problem at the first such
line, and none of it is read. A forced ``encoding`` must keep ``\n`` a byte of its
own, as every ASCII-compatible encoding does (UTF-16 does not).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

from shequ_core.errors import Problem

#: How much of a file (in whole lines) is read to tell its encoding.
SNIFF_BYTES = 1 << 16
_CANDIDATES = ("utf-8", "gb18030")
_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030"}


def encoding_problem(encoding: object) -> Problem | None:
    """Why ``encoding`` (an argument) cannot be used, or ``None`` if it can."""
    if encoding is None:
        return None
    if not isinstance(encoding, str):
        return Problem("encoding", "must be the name of a text encoding", "invalid_argument")
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return Problem("encoding", f"unknown encoding {encoding!r}", "invalid_argument")
    if not info._is_text_encoding:
        return Problem("encoding", f"{encoding!r} is not a text encoding", "invalid_argument")
    if b"id," not in "id,名\n".encode(encoding, "replace"):
        msg = f"{encoding!r} does not write ASCII as ASCII (UTF-16?): use UTF-8 or GB18030"
        return Problem("encoding", msg, "invalid_argument")
    return None


def _fails(line: bytes, encoding: str) -> bool:
    try:
        line.decode(encoding)
    except UnicodeDecodeError:
        return True
    return False


def sniff(lines: list[bytes]) -> str | None:
    """UTF-8 or GB18030, as the non-ASCII ``lines`` say; ``"ascii"`` when there are none
    (still undecided); ``None`` when neither decodes most of them."""
    wide = [line for line in lines if not line.isascii()]
    if not wide:
        return "ascii"
    best: tuple[int, str] | None = None
    for encoding in _CANDIDATES:
        failures = sum(_fails(line, encoding) for line in wide)
        if failures == 0:
            return encoding
        if best is None or failures < best[0]:
            best = (failures, encoding)
    assert best is not None
    return best[1] if best[0] * 2 < len(wide) else None


def decoded_lines(
    f: BinaryIO, *, file: str, encoding: str | None, problems: list[Problem]
) -> Iterator[str]:
    """The lines of the binary file ``f`` as text, in ``encoding`` or the one sniffed.

    A byte-order mark at the start is dropped. A line that does not decode becomes a
    problem on its line (1-based) and an empty line here.
    """
    head = f.readlines(SNIFF_BYTES)
    if head and head[0].startswith(codecs.BOM_UTF8):
        head[0] = head[0][len(codecs.BOM_UTF8) :]
        encoding = encoding or "utf-8"
    chosen = encoding or sniff(head)
    if chosen is None:
        # Both encodings fail on some of the head's lines: the first such line is named.
        lineno = next(i for i, b in enumerate(head, 1) if any(_fails(b, c) for c in _CANDIDATES))
        msg = "is neither UTF-8 nor GB18030 text: save the file as UTF-8 (or pass encoding=)"
        problems.append(Problem((), msg, "invalid_encoding", file=file, line=lineno))
        return
    lineno = 0
    for chunk in (head, f):
        for raw in chunk:
            lineno += 1
            if chosen == "ascii" and not raw.isascii():
                # The first line that is not ASCII decides, for a file whose head was.
                chosen = sniff([raw]) or "utf-8"
            try:
                yield raw.decode("ascii" if chosen == "ascii" else chosen)
            except UnicodeDecodeError as e:
                name = _NAMES.get(chosen, chosen)
                msg = f"is not {name} text (byte {e.start + 1} of the line)"
                problems.append(Problem((), msg, "invalid_encoding", file=file, line=lineno))
                yield "\n"
